namespace Ventanilla.Features.Shared;

/// <summary>The save every service makes of rows that carry a version (<c>IVersioned</c>).</summary>
public static class SaveOrStale
{
    /// <summary>
    /// Saves; when a row was changed by someone else since it was read (its version moved), nothing is written and the
    /// person gets <paramref name="staleMessage"/> (after <paramref name="onStale"/>, e.g. reloading a cache) instead
    /// of an error page.
    /// </summary>
    public static async Task SaveOrStaleAsync(this DbContext db, string staleMessage, CancellationToken ct, Func<Task>? onStale = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            if (onStale is not null) await onStale();
            throw new RuleException(staleMessage, RuleKind.Conflict);
        }
    }
}

/// <summary>
/// The one way a service tells that someone else changed a row first: the version the person saw against the row's
/// now (<see cref="Check"/>, before anything is changed) or the save that found it moved (<see cref="SaveOrStale"/>),
/// with one message, written here, that names what changed and says what to do.
/// </summary>
public static class Stale
{
    public static string Message(string what) => $"Alguien más cambió {what} antes que usted. Se recargó; revise y vuelva a intentar.";

    public static RuleException Error(string what) => new(Message(what), RuleKind.Conflict);

    /// <summary>Refuses when the row's <paramref name="current"/> version is not the one the person <paramref name="seen"/>.</summary>
    public static void Check(long current, long seen, string what)
    {
        if (current != seen) throw Error(what);
    }
}

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

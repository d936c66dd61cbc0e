namespace Ventanilla.Features.Shared;

/// <summary>
/// One thing a person does on a page (save, call, register…): one at a time, so a second click while the first is
/// still running is dropped instead of writing twice; a broken rule or a storage fault becomes the Spanish message the
/// page shows beside the button (<see cref="Error"/>), with what was typed left on the screen; and the busy flag is
/// lowered whatever happens. A defect is not caught: it reaches the page's error boundary and the log.
/// </summary>
public sealed class PageAction
{
    /// <summary>True while the action runs: the page disables its button.</summary>
    public bool Busy { get; private set; }

    /// <summary>Why the last run failed, in the person's words; null after a run that completed.</summary>
    public string? Error { get; set; }

    /// <returns>True when the action completed; false when it was dropped (already running) or failed (see <see cref="Error"/>).</returns>
    public async Task<bool> RunAsync(Func<Task> action)
    {
        if (Busy) return false;
        Busy = true;
        Error = null;
        try
        {
            Error = await Attempt(action);
            return Error is null;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> and returns null when it completed, or the message to show when it broke a rule
    /// or met a storage fault (<see cref="Faults.Describe"/>): for the actions a page does not guard against a second click.
    /// </summary>
    public static async Task<string?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex) when (Faults.Describe(ex) is { } problem)
        {
            return problem;
        }
    }
}

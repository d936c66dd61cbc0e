using System.Diagnostics;
using System.Globalization;

namespace Ventanilla.Features.Shared;

/// <summary>
/// Which process owns something it is writing (machine, process id, process start): a pending import, a temporary
/// file. After a crash the next start knows at once that the writer is gone, instead of waiting for it to grow old;
/// something owned by another machine, or by a process that can't be inspected, is judged by its age alone.
/// </summary>
public static class ProcessOwner
{
    public static string Current { get; } = Describe(Process.GetCurrentProcess());

    private static string Describe(Process process)
        => string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{process.Id}:{process.StartTime.ToUniversalTime().Ticks}");

    /// <summary>True when <paramref name="owner"/> names a process of this machine that no longer runs.</summary>
    public static bool IsGone(string? owner)
    {
        var parts = owner?.Split(':');
        if (parts is not [var machine, var pidText, var startText] || machine != Environment.MachineName
            || !int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid) || !long.TryParse(startText, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            // The same id taken by a later process is not the writer.
            return process.HasExited || Describe(process) != owner;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }
}

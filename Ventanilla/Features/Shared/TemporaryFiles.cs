using System.Text.RegularExpressions;

namespace Ventanilla.Features.Shared;

/// <summary>
/// Temporary files in a folder that several instances may share (on PostgreSQL every instance uses the same data
/// folder): each name carries the process that writes it, so a sweep removes only what a dead process left, or what
/// nobody has written for <see cref="SafeAge"/> (a file of another machine, whose process can't be inspected). A
/// start-up therefore never takes an upload that another live instance is still writing or about to import.
/// </summary>
public static partial class TemporaryFiles
{
    /// <summary>How long an untouched file of a live (or unknown) process is kept: a working day, the longest a reviewed import waits.</summary>
    public static readonly TimeSpan SafeAge = TimeSpan.FromHours(12);

    // '+' never appears in a machine name, a number or a GUID, and is allowed in file names on Windows and Linux.
    private static readonly string OwnerToken = ProcessOwner.Current.Replace(':', '+');

    /// <summary>A new unique name: <c>prefix_machine+pid+start_guid.ext</c>.</summary>
    public static string NewName(string prefix, string extension) => $"{prefix}_{OwnerToken}_{Guid.NewGuid():N}{extension}";

    /// <summary>
    /// Deletes the files of <paramref name="folder"/> whose writer is gone, and any file last written more than
    /// <paramref name="olderThan"/> ago; returns how many went. A file still open at that moment stays for the next sweep.
    /// </summary>
    public static int Sweep(string folder, TimeProvider time, TimeSpan olderThan)
    {
        if (!Directory.Exists(folder)) return 0;
        var before = time.GetUtcNow().UtcDateTime - olderThan;
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            try
            {
                if (!IsOwnedByGoneProcess(Path.GetFileName(file)) && File.GetLastWriteTimeUtc(file) > before) continue;
                File.Delete(file);
                swept++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Open by its writer in this very moment, or already gone: the next sweep decides again.
            }
        }
        return swept;
    }

    private static bool IsOwnedByGoneProcess(string name)
        => NamePattern().Match(name) is { Success: true } match && ProcessOwner.IsGone(match.Groups["owner"].Value.Replace('+', ':'));

    [GeneratedRegex(@"^[a-z]+_(?<owner>[^+]+\+\d+\+\d+)_[0-9a-f]{32}", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

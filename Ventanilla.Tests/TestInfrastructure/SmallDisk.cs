using System.Diagnostics;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// A real, tiny disk (a tmpfs of a few megabytes mounted on a temp folder) that a test can fill to the last byte: the
/// app then meets a genuinely full disk, as SQLite error 13. Mounting needs root, which these tests run as (see README);
/// elsewhere it fails saying so — the test is never skipped.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string folder) => Folder = folder;

    public string Folder { get; }

    private string Filler => Path.Combine(Folder, "relleno.bin");

    public static async Task<SmallDisk> MountAsync(int megabytes)
    {
        var folder = TestApp.NewFolder();
        var (code, error) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"No se pudo montar un disco pequeño (tmpfs) en {folder}: {error.Trim()}. Estas pruebas del disco lleno necesitan ejecutarse como root.");
        }
        return new SmallDisk(folder);
    }

    /// <summary>Writes a file until the disk refuses another byte.</summary>
    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var block = new byte[64 * 1024];
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException)
        {
            // Full. Top up the last partial block byte by byte.
            try
            {
                while (true) file.WriteByte(0);
            }
            catch (IOException)
            {
            }
        }
    }

    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync()
    {
        // Lazy: a pooled connection of a disposed app may still hold a file for a moment.
        await RunAsync("umount", "-l", Folder);
        TestApp.TryDelete(Folder);
    }

    private static async Task<(int Code, string Error)> RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}

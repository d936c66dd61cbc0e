namespace Ventanilla.Features.Import;

/// <summary>
/// The files the import page receives: copied into the data folder's own <c>uploads</c> folder (never the system's
/// temp, which others share), refused over the size limit, removed when a copy fails, and swept at start-up and
/// before each import so nothing a crash or a closed page left behind piles up.
/// </summary>
public sealed class ImportUploads(IConfiguration configuration, TimeProvider time)
{
    public const int DefaultMaxUploadMegabytes = 50;

    /// <summary>The largest file the page accepts (<c>Import:MaxUploadMegabytes</c>, 50 MB unless configured).</summary>
    public long MaxUploadBytes => (configuration.GetValue<int?>("Import:MaxUploadMegabytes") ?? DefaultMaxUploadMegabytes) * 1024L * 1024L;

    /// <summary>Where uploaded files wait between the check and the import: the data folder's own, so nothing else shares it.</summary>
    public string UploadFolder => Path.Combine(DatabaseLocation.DataFolder(configuration), "uploads");

    /// <summary>
    /// Copies an uploaded file into <see cref="UploadFolder"/> (the import reads it twice: once to hash it, once to
    /// import), refusing it when it is larger than <see cref="MaxUploadBytes"/>; a copy that fails halfway is removed.
    /// The caller deletes the file; <see cref="Sweep"/> removes what a crash or a closed page left behind.
    /// </summary>
    public async Task<string> StoreAsync(Func<long, Stream> openUpload, long size, string fileName, CancellationToken ct = default)
    {
        var limit = MaxUploadBytes;
        if (size > limit)
        {
            throw new RuleException($"El archivo {fileName} pesa {size / 1024.0 / 1024.0:0.0} MB; el límite es {limit / 1024 / 1024} MB (Import:MaxUploadMegabytes).");
        }
        Directory.CreateDirectory(UploadFolder);
        var path = Path.Combine(UploadFolder, $"importacion-{Guid.NewGuid():N}.csv");
        try
        {
            await using var target = File.Create(path);
            await using var source = openUpload(limit);
            await source.CopyToAsync(target, ct);
            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Deletes uploads older than <paramref name="olderThan"/> (all of them at start-up: no page is waiting on one then).</summary>
    public int Sweep(TimeSpan olderThan)
    {
        if (!Directory.Exists(UploadFolder)) return 0;
        var before = time.GetUtcNow().UtcDateTime - olderThan;
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(UploadFolder))
        {
            try
            {
                if (olderThan > TimeSpan.Zero && File.GetLastWriteTimeUtc(file) > before) continue;
                File.Delete(file);
                swept++;
            }
            catch (IOException)
            {
                // Still open by a page in this very moment: the next sweep takes it.
            }
        }
        return swept;
    }
}

namespace Ventanilla.Features.Import;

/// <summary>
/// The files the import page receives: copied into the data folder's own <c>uploads</c> folder (never the system's
/// temp, which others share), refused over the size limit, removed when a copy fails, and swept at start-up and
/// before each import so nothing a crash or a closed page left behind piles up (<see cref="TemporaryFiles"/>).
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
        var path = Path.Combine(UploadFolder, TemporaryFiles.NewName("importacion", ".csv"));
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

    /// <summary>
    /// Deletes the uploads whose page's process is gone, and those untouched for <paramref name="olderThan"/> (a page
    /// closed without importing). Another instance's reviewed upload, in the shared folder, is never taken sooner.
    /// </summary>
    public int Sweep(TimeSpan olderThan) => TemporaryFiles.Sweep(UploadFolder, time, olderThan);

    /// <summary>Opens a stored upload; one swept meanwhile (a page left open past <see cref="TemporaryFiles.SafeAge"/>) is said in Spanish.</summary>
    public static Stream Open(string path, string fileName)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (FileNotFoundException)
        {
            throw new RuleException($"El archivo {fileName} ya no está en el servidor (lo subido se borra tras 12 horas sin importarse). Elíjalo de nuevo.");
        }
    }
}

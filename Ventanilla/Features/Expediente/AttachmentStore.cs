using System.Security.Cryptography;

namespace Ventanilla.Features.Expediente;

/// <summary>A file received and checked, waiting in the store's temporary folder to be kept or thrown away.</summary>
public sealed record ReceivedFile(string TempPath, string Sha256, long Bytes, SniffedType Type, int? PageCount);

/// <summary>
/// The attachments' bytes, under <c>data/adjuntos/</c>, each named by the SHA-256 of its content in a folder of its
/// first two hex digits. A file is streamed to a temporary name while it is hashed and counted (never held whole in
/// memory), checked, and only then renamed into place; an existing file is never overwritten (same name, same bytes).
/// Paths are made only from a hash this class computed or checked: nothing a person typed reaches the file system.
/// </summary>
public sealed class AttachmentStore(IConfiguration configuration, TimeProvider time)
{
    public const string FolderName = "adjuntos";

    public string Root { get; } = Path.Combine(DatabaseLocation.DataFolder(configuration), FolderName);

    private string TempFolder => Path.Combine(Root, "tmp");

    /// <summary>
    /// Streams <paramref name="content"/> to a temporary file, refusing it once it passes <paramref name="maxBytes"/> or
    /// when its first bytes are not a PDF, JPEG, PNG or HEIC. The caller keeps it with <see cref="Keep"/> or drops it
    /// with <see cref="Discard"/>.
    /// </summary>
    public async Task<ReceivedFile> ReceiveAsync(Stream content, long maxBytes, string fileNameForMessages, CancellationToken ct)
    {
        Directory.CreateDirectory(TempFolder);
        var temp = Path.Combine(TempFolder, TemporaryFiles.NewName("subida", ".parcial"));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new byte[FileSniffer.HeadLength];
            var headLength = 0;
            long total = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw new RuleException($"«{fileNameForMessages}» pasa de {Megabytes(maxBytes)}, el tamaño máximo de un documento; escanéelo con menos resolución o en varias partes.");
                    }
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        Buffer.BlockCopy(buffer, 0, head, headLength, take);
                        headLength += take;
                        // Refused as soon as the first bytes say what it is not, before the rest is written.
                        if (headLength == head.Length && FileSniffer.Detect(head) is null) throw NotADocument(fileNameForMessages);
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
            }
            if (total == 0) throw new RuleException($"«{fileNameForMessages}» está vacío.");
            var type = FileSniffer.Detect(head.AsSpan(0, headLength)) ?? throw NotADocument(fileNameForMessages);
            var pages = type == FileSniffer.Pdf ? await FileSniffer.PdfPagesAsync(temp, ct) : null;
            return new ReceivedFile(temp, Convert.ToHexStringLower(hash.GetHashAndReset()), total, type, pages);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Moves a received file into place under its hash; the same content already stored is kept as it is.</summary>
    public void Keep(ReceivedFile file)
    {
        var target = PathOf(file.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            TryDelete(file.TempPath);
            return;
        }
        try
        {
            File.Move(file.TempPath, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // The same document uploaded twice at the same instant: the other copy won, and it is the same bytes.
            TryDelete(file.TempPath);
        }
    }

    public void Discard(ReceivedFile file) => TryDelete(file.TempPath);

    /// <summary>The stored file of a hash (64 lower-case hex digits, checked: it is the only thing a path is made of).</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) throw new ArgumentException("No es un SHA-256.", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256);
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public FileStream OpenRead(string sha256)
        => new(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Temporary files left by an upload a crash cut off (never one another live instance is writing); called at start-up.</summary>
    public int SweepTemporary() => TemporaryFiles.Sweep(TempFolder, time, TemporaryFiles.SafeAge);

    public static string Megabytes(long bytes) => $"{bytes / 1024d / 1024d:0.#} MB";

    private static RuleException NotADocument(string name)
        => new($"«{name}» no es un PDF, una foto JPEG, PNG o HEIC (se revisa el contenido del archivo, no su nombre).");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Swept at the next start-up.
        }
    }
}

using Microsoft.Extensions.Options;
using System.Security.Cryptography;
using Ventanilla.Features.Expediente;

namespace Ventanilla.Features.Intake;

/// <summary>
/// The files of online requests not yet confirmed, under <c>adjuntos/borradores/</c>, each by a random name this class
/// drew (never anything typed). Received through the expediente's store (same content checks and size limit), moved
/// here, and on confirmation copied into the store under their hash; removed with their request when it expires.
/// Outside the store on purpose: a backup or the expediente never sees a document nobody has confirmed.
/// </summary>
public sealed class IntakeDraftFiles(AttachmentStore store, IOptions<AttachmentOptions> options)
{
    public string Folder { get; } = Path.Combine(store.Root, "borradores");

    public long MaxBytes => Math.Max(1, options.Value.MaxMegabytes) * 1024L * 1024L;

    /// <summary>
    /// Receives every file (checked as the expediente checks them) into the drafts folder; on any refusal the ones
    /// already received are deleted and the refusal is thrown. Empty file inputs (no file chosen) are skipped.
    /// </summary>
    public async Task<IReadOnlyList<OnlineRequestFile>> ReceiveAsync(IReadOnlyList<IncomingFile> files, CancellationToken ct)
    {
        if (files.Count > IntakeLimits.MaxFiles)
        {
            throw new RuleException($"Documentos: envió {files.Count}; el máximo es {IntakeLimits.MaxFiles} a la vez.");
        }
        Directory.CreateDirectory(Folder);
        var kept = new List<OnlineRequestFile>();
        try
        {
            foreach (var file in files)
            {
                var name = AttachmentService.CleanName(file.FileName);
                var received = await store.ReceiveAsync(file.Content, MaxBytes, name, ct);
                var stored = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                File.Move(received.TempPath, PathOf(stored));
                kept.Add(new OnlineRequestFile
                {
                    Kind = file.Kind, FileName = Path.ChangeExtension(name, received.Type.Extension), StoredName = stored,
                    ContentType = received.Type.ContentType, Sha256 = received.Sha256, Bytes = received.Bytes, PageCount = received.PageCount,
                });
            }
            return kept;
        }
        catch
        {
            Delete(kept);
            throw;
        }
    }

    /// <summary>Copies a confirmed request's file into the expediente's store (under its hash); the draft stays until <see cref="Delete"/>.</summary>
    private void CopyToStore(OnlineRequestFile file)
    {
        if (store.Exists(file.Sha256)) return;
        var target = store.PathOf(file.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".copia";
        File.Copy(PathOf(file.StoredName), temp);
        try
        {
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // The same bytes arrived another way at the same instant: that copy is the same document.
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// A draft file as a document of the petition's expediente, sent by the citizen: its bytes copied into the store and
    /// its row returned for the caller's transaction.
    /// </summary>
    public Attachment ToExpediente(OnlineRequestFile file, int petitionId, AttachmentKind kind, DateTime nowUtc)
    {
        CopyToStore(file);
        return new Attachment
        {
            PetitionId = petitionId, Kind = kind, FileName = file.FileName, ContentType = file.ContentType, Sha256 = file.Sha256,
            Bytes = file.Bytes, PageCount = file.PageCount, UploadedAtUtc = nowUtc, UploadedByName = CitizenDeliveries.UploaderName,
        };
    }

    public void Delete(IEnumerable<OnlineRequestFile> files)
    {
        foreach (var file in files)
        {
            try
            {
                File.Delete(PathOf(file.StoredName));
            }
            catch (IOException)
            {
                // Left for the next sweep, which removes whatever no request names.
            }
        }
    }

    /// <summary>Files of the folder that no request names and are older than a day (a crash between writing and recording).</summary>
    public int SweepOrphans(IReadOnlySet<string> named, DateTime olderThanUtc)
    {
        if (!Directory.Exists(Folder)) return 0;
        var swept = 0;
        foreach (var path in Directory.EnumerateFiles(Folder))
        {
            if (named.Contains(Path.GetFileName(path)) || File.GetLastWriteTimeUtc(path) > olderThanUtc) continue;
            try
            {
                File.Delete(path);
                swept++;
            }
            catch (IOException)
            {
            }
        }
        return swept;
    }

    private string PathOf(string storedName)
    {
        if (storedName.Length != 32 || !storedName.All(char.IsAsciiHexDigitLower)) throw new ArgumentException("No es un nombre de borrador.", nameof(storedName));
        return Path.Combine(Folder, storedName);
    }
}

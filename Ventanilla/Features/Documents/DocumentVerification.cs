using System.Security.Cryptography;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Features.Documents;

/// <summary>
/// What <c>/verificar</c> says of an issued document: its folio, kind and date, who signed it and how, and the SHA-256
/// of the original. Nothing personal beyond what the document itself says to whoever holds it (not the addressee).
/// </summary>
public sealed record VerifiedDocument(
    string Folio, string Kind, DateTime IssuedLocal, string SignerName, string SignerPosition, string? CertificateSerial, DateTime? SignedLocal, string Sha256);

/// <summary>A PDF someone dropped on <c>/verificar</c>: whether it is exactly an original, and what its own signature says.</summary>
public sealed record FileCheck(string Sha256, bool IsOriginal, VerifiedDocument? Document, PdfSignatureCheck Signature, string Verdict);

/// <summary>Anyone holding a document (or its code) checks it here; no account, rate-limited like <c>/consulta</c>.</summary>
public sealed class DocumentVerification(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    public const int MaxCodeLength = 20;

    /// <summary>The largest file checked: a response letter is a few hundred kilobytes.</summary>
    public const long MaxFileBytes = 10L * 1024 * 1024;

    /// <summary>The document of a code, or null (an unknown code and a wrong one read the same).</summary>
    public async Task<VerifiedDocument?> ByCodeAsync(string? code, CancellationToken ct = default)
    {
        var typed = PublicCodes.Normalize(code);
        if (typed.Length is 0 or > MaxCodeLength) return null;
        var hash = PublicCodes.Hash(typed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindAsync(db, db.IssuedDocuments.Where(d => d.CodeHash == hash), ct);
    }

    /// <summary>
    /// Checks a file: its SHA-256 against every original issued (with the code, against that one), and its embedded
    /// signature on its own. A file one byte off an original is not the original, whatever it looks like.
    /// </summary>
    public async Task<FileCheck> CheckFileAsync(Stream content, string? code, CancellationToken ct = default)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > MaxFileBytes) throw new RuleException($"El archivo pasa de {MaxFileBytes / 1024 / 1024} MB: no es un documento de Ventanilla.");
            copy.Write(buffer, 0, read);
        }
        if (copy.Length == 0) throw new RuleException("Elija el archivo PDF que quiere revisar.");
        var bytes = copy.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var signature = PdfSignatureVerifier.Check(bytes);
        var byCode = await ByCodeAsync(code, ct);
        VerifiedDocument? original;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            original = await FindAsync(db, db.IssuedDocuments.Where(d => d.Sha256 == sha), ct);
        }
        var verdict = original is not null
            ? (byCode is not null && byCode.Sha256 != sha
                ? "Este archivo es el original de otro documento de Ventanilla, no del código que escribió."
                : "Es exactamente el documento original: no le falta ni le sobra un solo byte.")
            : byCode is not null
                ? "Este archivo NO es el original de ese código: fue modificado o es otro documento."
                : "Este archivo no es ningún documento emitido por Ventanilla.";
        return new FileCheck(sha, original is not null && (byCode is null || byCode.Sha256 == sha), original ?? byCode, signature, verdict);
    }

    private async Task<VerifiedDocument?> FindAsync(AppDbContext db, IQueryable<IssuedDocument> query, CancellationToken ct)
    {
        var row = await query.AsNoTracking()
            .Select(d => new { Folio = d.Petition!.Folio, d.Kind, d.IssuedAtUtc, d.SignerName, d.SignerPosition, d.CertificateSerial, d.SignedAtUtc, d.Sha256 })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new VerifiedDocument(row.Folio, KindLabel(row.Kind), office.ToLocal(row.IssuedAtUtc), row.SignerName, row.SignerPosition,
            row.CertificateSerial, row.SignedAtUtc is { } s ? office.ToLocal(s) : null, row.Sha256);
    }

    public static string KindLabel(IssuedDocumentKind kind) => kind switch
    {
        _ => "Respuesta a una petición",
    };
}

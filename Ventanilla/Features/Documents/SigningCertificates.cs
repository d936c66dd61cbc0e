using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ventanilla.Features.Documents;

/// <summary>A registered certificate as its owner's page shows it (never the key).</summary>
public sealed record CertificateView(string SubjectName, string IssuerName, string SerialNumber, DateTime NotBeforeLocal, DateTime NotAfterLocal, DateTime RegisteredLocal);

/// <summary>
/// The Directors' electronic-signature certificates (SAT e.firma <c>.cer</c> + <c>.key</c>, or a PKCS#12 file). Each is
/// registered by its owner, as issued: the key stays encrypted with the owner's password, which is typed at registration
/// (to prove the pair opens and matches) and at each signing, and is never stored or logged. Expired or not-yet-valid
/// certificates, a wrong password, a key of another certificate, or a certificate in someone else's name are refused.
/// </summary>
public sealed class SigningCertificates(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    public const string SignerRoles = Roles.DireccionComercial;

    /// <summary>The largest certificate or key file taken (an e.firma pair is a few kilobytes).</summary>
    public const int MaxFileBytes = 64 * 1024;

    public async Task<CertificateView?> CurrentAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SigningCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == actor.UserId && c.RetiredAtUtc == null, ct);
        return row is null ? null : new CertificateView(row.SubjectName, row.IssuerName, row.SerialNumber, office.ToLocal(row.NotBeforeUtc),
            office.ToLocal(row.NotAfterUtc), office.ToLocal(row.RegisteredAtUtc));
    }

    /// <summary>
    /// Registers the actor's own certificate: <paramref name="certificate"/> (DER or PEM) with its encrypted PKCS#8
    /// <paramref name="key"/>, or a PKCS#12 file as <paramref name="key"/> with no certificate. The password only proves
    /// the pair here; the previous certificate, if any, is retired in the same transaction.
    /// </summary>
    public async Task<CertificateView> RegisterAsync(Actor actor, byte[]? certificate, byte[] key, string? password, CancellationToken ct = default)
    {
        actor.Require("Registrar una firma electrónica", SignerRoles);
        if (actor.AccountId is null) throw new RuleException("Registrar una firma electrónica: la registra su titular, con su propia cuenta.");
        if (key.Length == 0) throw new RuleException(certificate is null ? "Archivo .p12: elija el archivo de su firma." : "Llave privada (.key): elija el archivo.");
        if (key.Length > MaxFileBytes || certificate?.Length > MaxFileBytes) throw new RuleException("Esos archivos son demasiado grandes para ser un certificado y su llave.");
        var format = certificate is null ? SigningKeyFormat.Pkcs12 : SigningKeyFormat.Pkcs8;
        using var opened = Open(certificate, key, format, password);
        var now = office.UtcNow();
        CheckValidity(opened, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => new { u.FullName, u.UserName }).SingleAsync(ct);
        var subject = opened.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!SamePerson(subject, owner.FullName ?? owner.UserName ?? ""))
        {
            throw new RuleException($"El certificado es de «{subject}», no de {owner.FullName ?? owner.UserName}: cada quien registra su propia firma.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var previous in await db.SigningCertificates.Where(c => c.UserId == actor.UserId && c.RetiredAtUtc == null).ToListAsync(ct))
        {
            previous.RetiredAtUtc = now;
        }
        await db.SaveChangesAsync(ct);
        var row = new SigningCertificate
        {
            UserId = actor.UserId, SubjectName = Clip(opened.Subject, 400), IssuerName = Clip(opened.Issuer, 400), SerialNumber = opened.SerialNumber,
            NotBeforeUtc = opened.NotBefore.ToUniversalTime(), NotAfterUtc = opened.NotAfter.ToUniversalTime(),
            Certificate = opened.RawData, ProtectedKey = key, KeyFormat = format, RegisteredAtUtc = now,
        };
        db.SigningCertificates.Add(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await CurrentAsync(actor, ct))!;
    }

    /// <summary>
    /// The actor's certificate with its key opened by <paramref name="password"/>, valid at <paramref name="nowUtc"/>, for
    /// one signing; every reason it cannot sign is a Spanish refusal. The caller disposes it.
    /// </summary>
    internal async Task<X509Certificate2> OpenForSigningAsync(AppDbContext db, Actor actor, string? password, DateTime nowUtc, CancellationToken ct)
    {
        var row = await db.SigningCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == actor.UserId && c.RetiredAtUtc == null, ct)
            ?? throw new RuleException("Firma electrónica: no tiene un certificado registrado. Regístrelo en «Mi firma electrónica» o pida que las respuestas se firmen a mano.");
        var certificate = Open(row.KeyFormat == SigningKeyFormat.Pkcs8 ? row.Certificate : null, row.ProtectedKey, row.KeyFormat, password);
        try
        {
            CheckValidity(certificate, nowUtc);
            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    private static X509Certificate2 Open(byte[]? certificate, byte[] key, SigningKeyFormat format, string? password)
    {
        if (string.IsNullOrEmpty(password)) throw new RuleException("Contraseña de la llave privada: escríbala (no se guarda).");
        if (format == SigningKeyFormat.Pkcs12)
        {
            try
            {
                var loaded = X509CertificateLoader.LoadPkcs12(key, password, X509KeyStorageFlags.EphemeralKeySet);
                if (!loaded.HasPrivateKey)
                {
                    loaded.Dispose();
                    throw new RuleException("Archivo .p12: no trae la llave privada.");
                }
                return loaded;
            }
            catch (CryptographicException)
            {
                throw new RuleException("Contraseña de la llave privada: no abre el archivo .p12 (revise la contraseña y que sea el archivo de su firma).");
            }
        }
        X509Certificate2 cert;
        try
        {
            cert = LooksLikePem(certificate!) ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(certificate!)) : X509CertificateLoader.LoadCertificate(certificate!);
        }
        catch (CryptographicException)
        {
            throw new RuleException("Certificado (.cer): el archivo no es un certificado.");
        }
        using (cert)
        {
            using var rsa = RSA.Create();
            try
            {
                rsa.ImportEncryptedPkcs8PrivateKey(password, key, out _);
            }
            catch (CryptographicException)
            {
                throw new RuleException("Contraseña de la llave privada: no abre la llave (.key). Revise la contraseña y que la llave sea la de su firma.");
            }
            try
            {
                return cert.CopyWithPrivateKey(rsa);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                throw new RuleException("La llave privada (.key) no corresponde a ese certificado (.cer): elija los dos archivos de la misma firma.");
            }
        }
    }

    private void CheckValidity(X509Certificate2 certificate, DateTime nowUtc)
    {
        if (certificate.NotAfter.ToUniversalTime() < nowUtc)
        {
            throw new RuleException($"El certificado venció el {office.ToLocal(certificate.NotAfter.ToUniversalTime()):dd/MM/yyyy}: renueve su firma electrónica.");
        }
        if (certificate.NotBefore.ToUniversalTime() > nowUtc)
        {
            throw new RuleException($"El certificado es válido a partir del {office.ToLocal(certificate.NotBefore.ToUniversalTime()):dd/MM/yyyy HH:mm}: todavía no se puede firmar con él.");
        }
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            throw new RuleException("Ese certificado no es para firmar documentos (es de otro uso, como el sello digital): use el de su firma electrónica.");
        }
    }

    /// <summary>The certificate's name and the account's, compared as words without accents, order or case.</summary>
    private static bool SamePerson(string subject, string owner)
    {
        static string[] Words(string text) => [.. TextFold.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Order()];
        var a = Words(subject);
        var b = Words(owner);
        return a.Length > 0 && b.Length > 0 && (a.SequenceEqual(b) || b.All(a.Contains));
    }

    private static bool LooksLikePem(byte[] bytes) => bytes.Length > 10 && System.Text.Encoding.ASCII.GetString(bytes, 0, 10).StartsWith("-----BEGIN", StringComparison.Ordinal);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

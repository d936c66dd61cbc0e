using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ventanilla.Features.Server;

/// <summary>What <c>cert create</c> wrote.</summary>
public sealed record CertificateResult(
    string ServerPfx, string AuthorityCertificate, string Password, bool PasswordGenerated, DateTimeOffset NotAfter,
    IReadOnlyList<string> Names, string Thumbprint, bool NewAuthority);

/// <summary>
/// HTTPS for the office's own network without buying a certificate: a small local certificate authority («Ventanilla,
/// autoridad local», ten years) signs the server's certificate (825 days, the longest tablets and phones accept) for
/// the names and addresses the staff type. Each tablet trusts the authority once (its <c>.crt</c>); renewing the
/// server's certificate later reuses the same authority, so the tablets need nothing new.
/// </summary>
public static class ServerCertificates
{
    public const string ServerFile = "ventanilla.pfx";
    public const string AuthorityFile = "ventanilla-ca.crt";
    public const string AuthorityKeyFile = "ventanilla-ca.pfx";
    public static readonly TimeSpan ServerValidity = TimeSpan.FromDays(825);
    public static readonly TimeSpan AuthorityValidity = TimeSpan.FromDays(3650);

    public static CertificateResult Create(string folder, IReadOnlyList<string> typedNames, string? password, DateTimeOffset now)
    {
        var (dns, ips, names) = Names(typedNames);
        var generated = string.IsNullOrEmpty(password);
        var secret = generated ? RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 20) : password!;
        Directory.CreateDirectory(folder);

        var authorityKeyPath = Path.Combine(folder, AuthorityKeyFile);
        var newAuthority = !File.Exists(authorityKeyPath);
        using var authority = newAuthority ? NewAuthority(now) : LoadAuthority(authorityKeyPath, secret);

        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}, O=Ventanilla", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dns) san.AddDnsName(name);
        foreach (var ip in ips) san.AddIpAddress(ip);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now + ServerValidity;
        using var signed = request.Create(authority, now.AddMinutes(-5), notAfter, serial);
        using var server = signed.CopyWithPrivateKey(key);

        // The server's file carries its chain, so Kestrel sends the authority along with the certificate.
        var chain = new X509Certificate2Collection { server, X509CertificateLoader.LoadCertificate(authority.RawData) };
        WriteAtomically(Path.Combine(folder, ServerFile), chain.Export(X509ContentType.Pkcs12, secret)!);
        if (newAuthority)
        {
            WriteAtomically(authorityKeyPath, authority.Export(X509ContentType.Pkcs12, secret));
            // The authority's certificate is public by nature: it is copied to every tablet, so anyone may read it.
            WriteAtomically(Path.Combine(folder, AuthorityFile), System.Text.Encoding.ASCII.GetBytes(authority.ExportCertificatePem() + "\n"), secret: false);
        }
        return new CertificateResult(Path.Combine(folder, ServerFile), Path.Combine(folder, AuthorityFile), secret, generated, notAfter, names,
            server.Thumbprint, newAuthority);
    }

    /// <summary>Loads the server certificate configured in <c>Https:Certificate</c>, saying in Spanish what is wrong.</summary>
    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new ServerSetupException($"No existe el certificado HTTPS configurado ({path}). Créelo con «cert create» o corrija Https:Certificate.");
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey) throw new ServerSetupException($"El certificado {path} no trae su llave privada; use el archivo .pfx que escribió «cert create».");
            return certificate;
        }
        catch (CryptographicException)
        {
            throw new ServerSetupException($"No se pudo abrir el certificado {path}: la contraseña (Https:CertificatePassword) no es la suya o el archivo está dañado.");
        }
    }

    private static (List<string> Dns, List<IPAddress> Ips, List<string> Names) Names(IReadOnlyList<string> typed)
    {
        var dns = new List<string>();
        var ips = new List<IPAddress>();
        foreach (var raw in typed.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (IPAddress.TryParse(raw, out var ip)) ips.Add(ip);
            else if (Uri.CheckHostName(raw) == UriHostNameType.Dns) dns.Add(raw.ToLowerInvariant());
            else throw new RuleException($"«{raw}» no es un nombre de equipo ni una dirección IP (por ejemplo servidor-ventanilla o 192.168.1.10).");
        }
        // Always valid on the server itself.
        foreach (var name in new[] { Environment.MachineName.ToLowerInvariant(), "localhost" }) if (!dns.Contains(name)) dns.Add(name);
        if (!ips.Contains(IPAddress.Loopback)) ips.Add(IPAddress.Loopback);
        return (dns, ips, [.. dns, .. ips.Select(i => i.ToString())]);
    }

    private static X509Certificate2 NewAuthority(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=\"Ventanilla, autoridad local\", O=Ventanilla", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now + AuthorityValidity);
        // Re-read so the key is usable for signing on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12, ""), "", X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
    }

    private static X509Certificate2 LoadAuthority(string path, string password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new RuleException(
                $"Ya existe una autoridad local en {path} con otra contraseña. Use la misma con --password, o borre los archivos ventanilla-ca.* " +
                "(entonces habrá que instalar la autoridad nueva en cada tableta).");
        }
    }

    /// <summary>Writes under a temporary name and renames; a key (secret) is readable by its owner only, a certificate by anyone.</summary>
    private static void WriteAtomically(string path, byte[] bytes, bool secret = true)
    {
        var partial = path + ".parcial";
        File.WriteAllBytes(partial, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(partial, secret
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        File.Move(partial, path, overwrite: true);
    }
}

/// <summary>The server cannot start as configured (HTTPS, a second instance…); the message says why in Spanish.</summary>
public sealed class ServerSetupException(string message) : Exception(message);

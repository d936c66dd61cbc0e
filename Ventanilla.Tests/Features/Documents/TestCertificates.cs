using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ventanilla.Tests.Features.Documents;

/// <summary>
/// A test certificate authority and «e.firma-like» certificates it issues, made in memory for each test (RSA 2048,
/// SHA-256): never a real key in the repository.
/// </summary>
public static class TestCertificates
{
    public static X509Certificate2 Authority(string name = "AC de pruebas del organismo")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Pruebas, C=MX", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        // Fixed dates, wide around both the tests' fake clock (2026) and the real one, so no test depends on the day it runs.
        return request.CreateSelfSigned(new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2045, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>A person's signing certificate issued by <paramref name="authority"/>, with its private key.</summary>
    public static X509Certificate2 Person(X509Certificate2 authority, string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Organismo, C=MX, SERIALNUMBER=XAXX010101000", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority, notBefore ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            notAfter ?? new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), serial);
        return issued.CopyWithPrivateKey(key);
    }
}

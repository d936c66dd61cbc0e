using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf.Signatures;
using Ventanilla.Features.Documents;

namespace Ventanilla.Tests.Features.Documents;

/// <summary>The response letter as a PDF, and its signature checked independently of the code that made it.</summary>
public class ResponseLetterTests
{
    private static LetterContent Letter(string body = "Se revisó su recibo y se ajustó el cobro del bimestre.", bool signed = true)
        => new("Organismo de Agua de Pruebas", "Atención a Usuarios", "AU-2026-00042", new DateOnly(2026, 12, 7), "María López Hernández",
            "Av. Juárez 10, Col. Centro", "Aclaración de facturación", body, "Diana Ruiz", "Directora Comercial", "ABCD2345EF",
            "https://atencion.organismo.gob.mx/verificar#codigo=ABCD2345EF", signed);

    [Fact]
    public void A_long_response_flows_onto_more_pages_each_with_the_verification_footer()
    {
        var body = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"Párrafo {i}: el área de Facturación revisó las lecturas del medidor y el historial de pagos de la cuenta."));
        using var document = ResponseLetter.Build(Letter(body));
        Assert.True(document.PageCount >= 3, $"{document.PageCount} páginas");
        using var stream = new MemoryStream();
        document.Save(stream);
        var bytes = stream.ToArray();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.False(PdfSignatureVerifier.Check(bytes).Signed);
    }

    [Fact]
    public void A_signed_letter_verifies_with_SignedCms_over_its_byte_range_and_fails_after_one_byte_changes()
    {
        using var authority = TestCertificates.Authority();
        using var director = TestCertificates.Person(authority, "Diana Ruiz");
        var signedAt = new DateTime(2026, 12, 7, 16, 30, 0, DateTimeKind.Utc);
        using var document = ResponseLetter.Build(Letter());
        DigitalSignatureHandler.ForDocument(document, new CmsPdfSigner(director, signedAt), new DigitalSignatureOptions { Reason = "Respuesta", Location = "México" });
        using var stream = new MemoryStream();
        document.Save(stream);
        var pdf = stream.ToArray();

        var check = PdfSignatureVerifier.Check(pdf);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal(("Diana Ruiz", director.SerialNumber, signedAt), (check.SignerName, check.CertificateSerial, check.SigningTimeUtc));

        // Independently: the CMS over the byte range, and the certificate's chain to the test authority.
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var range = System.Text.RegularExpressions.Regex.Match(text, @"/ByteRange\s*\[(\d+) (\d+) (\d+) (\d+)\s*\]");
        var r = Enumerable.Range(1, 4).Select(i => int.Parse(range.Groups[i].Value)).ToArray();
        var signed = pdf[..r[1]].Concat(pdf[r[2]..(r[2] + r[3])]).ToArray();
        // The /Contents room is zero-padded: the signature is as long as its own DER header says.
        var padded = Convert.FromHexString(text[(r[1] + 1)..(r[2] - 1)]);
        System.Formats.Asn1.AsnDecoder.ReadEncodedValue(padded, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out var length);
        var signature = padded[..length];
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        cms.Decode(signature);
        cms.CheckSignature(verifySignatureOnly: true);
        Assert.Equal("2.16.840.1.101.3.4.2.1", cms.SignerInfos[0].DigestAlgorithm.Value);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(cms.SignerInfos[0].Certificate!), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));

        // One byte of the letter's text changed: the signature no longer holds.
        var tampered = (byte[])pdf.Clone();
        tampered[r[1] / 2] ^= 0x01;
        var broken = PdfSignatureVerifier.Check(tampered);
        Assert.False(broken.Valid);
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() =>
        {
            var again = new SignedCms(new ContentInfo(tampered[..r[1]].Concat(tampered[r[2]..(r[2] + r[3])]).ToArray()), detached: true);
            again.Decode(signature);
            again.CheckSignature(verifySignatureOnly: true);
        });
    }
}

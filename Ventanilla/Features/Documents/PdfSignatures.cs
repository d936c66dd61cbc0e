using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf.Signatures;

namespace Ventanilla.Features.Documents;

/// <summary>
/// Signs a PDF's byte range with .NET's own CMS (<see cref="SignedCms"/>): SHA-256, detached, the signer's certificate
/// embedded, the signing time as a signed attribute. PDFsharp reserves the room and hands over the bytes to sign.
/// </summary>
internal sealed class CmsPdfSigner(X509Certificate2 certificate, DateTime signingTimeUtc) : IDigitalSigner
{
    public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    // Room for the signature, the certificate and the attributes, with margin (the unused part is zero padding).
    public Task<int> GetSignatureSizeAsync() => Task.FromResult(certificate.RawData.Length + 4096);

    public async Task<byte[]> GetSignatureAsync(Stream stream)
    {
        // Read by hand from its start: PDFsharp's range stream cannot answer CanSeek (which CopyToAsync asks) and is
        // handed over positioned where the file's writing ended.
        stream.Position = 0;
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) content.Write(buffer, 0, read);
        await Task.CompletedTask;
        var cms = new SignedCms(new ContentInfo(content.ToArray()), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signingTimeUtc));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }
}

/// <summary>What a PDF's signature says when it is checked on its own (no database involved).</summary>
/// <param name="Valid">The CMS signature verifies over exactly the bytes the byte range names, and that range covers the whole file but the signature.</param>
public sealed record PdfSignatureCheck(bool Signed, bool Valid, string? SignerName, string? CertificateSerial, DateTime? SigningTimeUtc, string? Problem);

/// <summary>
/// Checks the signature of a PDF as any independent reader would: finds its <c>/ByteRange</c> and <c>/Contents</c>,
/// requires the range to cover the whole file except the signature itself, and verifies the CMS over those bytes with
/// the certificate it embeds. One byte changed anywhere makes it fail.
/// </summary>
public static partial class PdfSignatureVerifier
{
    public static PdfSignatureCheck Check(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var range = ByteRangePattern().Matches(text).LastOrDefault();
        if (range is null) return new(false, false, null, null, null, "El documento no tiene firma electrónica.");
        long[] r = [.. Enumerable.Range(1, 4).Select(i => long.Parse(range.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture))];
        if (r[0] != 0 || r[2] + r[3] != pdf.Length || r[1] >= r[2] || pdf[r[1]] != (byte)'<' || pdf[r[2] - 1] != (byte)'>')
        {
            return new(true, false, null, null, null, "La firma no cubre todo el documento: el archivo fue modificado después de firmarse.");
        }
        // The reserved room is zero-padded after the signature: its length comes from its own DER header, never from
        // trimming zeros (a signature may itself end in a zero byte).
        var hex = text[(int)(r[1] + 1)..(int)(r[2] - 1)];
        try
        {
            var padded = Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
            System.Formats.Asn1.AsnDecoder.ReadEncodedValue(padded, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out var length);
            var signature = padded[..length];
            var content = new byte[r[1] + r[3]];
            Array.Copy(pdf, 0, content, 0, r[1]);
            Array.Copy(pdf, r[2], content, r[1], r[3]);
            var cms = new SignedCms(new ContentInfo(content), detached: true);
            cms.Decode(signature);
            var info = cms.SignerInfos[0];
            var certificate = info.Certificate;
            var time = info.SignedAttributes.OfType<CryptographicAttributeObject>().SelectMany(a => a.Values.OfType<AsnEncodedData>())
                .Where(v => v.Oid?.Value == "1.2.840.113549.1.9.5").Select(v => new Pkcs9SigningTime(v.RawData).SigningTime).Cast<DateTime?>().FirstOrDefault();
            var name = certificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            var serial = certificate?.SerialNumber;
            try
            {
                cms.CheckSignature(verifySignatureOnly: true);
            }
            catch (CryptographicException)
            {
                return new(true, false, name, serial, time, "La firma no corresponde al contenido: el archivo fue modificado después de firmarse.");
            }
            return new(true, true, name, serial, time?.ToUniversalTime(), null);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException or System.Formats.Asn1.AsnContentException)
        {
            return new(true, false, null, null, null, "La firma del documento está dañada y no se puede leer.");
        }
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex ByteRangePattern();
}

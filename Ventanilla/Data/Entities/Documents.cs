namespace Ventanilla.Data;

/// <summary>What a document the office issues is.</summary>
public enum IssuedDocumentKind
{
    /// <summary>The response letter approved by the Dirección Comercial (procedure steps 12–13).</summary>
    Response = 0,
}

/// <summary>
/// A document of record the office issued (the approved response as a PDF): the file is in the expediente
/// (<see cref="AttachmentId"/>) and its SHA-256 is here, so <c>/verificar</c> tells anyone holding it, by the code printed
/// on it, whether a file is exactly that original. Signed electronically, it names the signer's certificate; otherwise
/// it is the original of a letter signed by hand. Never changed once written.
/// </summary>
public class IssuedDocument
{
    public int Id { get; set; }
    /// <summary>Always set (a check constraint holds it); nullable for EF only, as petitions are hidden while an import writes.</summary>
    public int? PetitionId { get; set; }
    public Petition? Petition { get; set; }
    public IssuedDocumentKind Kind { get; set; }
    /// <summary>The code printed on the document (with its QR): only its hash is kept (<c>PublicCodes.Hash</c>).</summary>
    public string CodeHash { get; set; } = "";
    public int AttachmentId { get; set; }
    public Attachment? Attachment { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime IssuedAtUtc { get; set; }
    public string SignerName { get; set; } = "";
    public string SignerPosition { get; set; } = "";
    /// <summary>Set when signed electronically: the certificate's serial number (hex) and the signing time.</summary>
    public string? CertificateSerial { get; set; }
    public DateTime? SignedAtUtc { get; set; }
}

/// <summary>How a signing key was issued, and so how it is opened with its owner's password.</summary>
public enum SigningKeyFormat
{
    /// <summary>The SAT e.firma pair: a <c>.cer</c> and a <c>.key</c> (PKCS#8 encrypted with the signer's password).</summary>
    Pkcs8 = 0,
    /// <summary>A PKCS#12 (<c>.p12</c>/<c>.pfx</c>) file holding the certificate and its key, protected by the password.</summary>
    Pkcs12 = 1,
}

/// <summary>
/// A Director's electronic-signature certificate, registered once by its owner as it was issued: the certificate and
/// the private key still encrypted with the owner's own password, which is typed at each signing and never stored. A
/// new registration retires the previous one (kept, as signed documents name it).
/// </summary>
public class SigningCertificate
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string SubjectName { get; set; } = "";
    public string IssuerName { get; set; } = "";
    /// <summary>Hex, as certificate tools show it.</summary>
    public string SerialNumber { get; set; } = "";
    public DateTime NotBeforeUtc { get; set; }
    public DateTime NotAfterUtc { get; set; }
    public byte[] Certificate { get; set; } = [];
    /// <summary>The key as issued, still encrypted with its owner's password (or the whole PKCS#12 file).</summary>
    public byte[] ProtectedKey { get; set; } = [];
    public SigningKeyFormat KeyFormat { get; set; }
    public DateTime RegisteredAtUtc { get; set; }
    public DateTime? RetiredAtUtc { get; set; }
}

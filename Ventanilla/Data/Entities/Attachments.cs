namespace Ventanilla.Data;

/// <summary>What a document in the petition's file (expediente) is.</summary>
public enum AttachmentKind
{
    Identificacion = 0,
    AcreditacionPropiedad = 1,
    EscritoUsuario = 2,
    /// <summary>The signed copy of the response (acuse), attached at delivery.</summary>
    AcuseFirmado = 3,
    Otro = 4,
    /// <summary>The approved response as a PDF, the document of record (see <see cref="IssuedDocument"/>).</summary>
    RespuestaPdf = 5,
}

/// <summary>
/// A scan or photo in the petition's file. The bytes live under the data folder, named by their SHA-256 (the same
/// content is stored once and never overwritten); this row says what it is, who added it and when. Nothing is
/// deleted: withdrawing hides it with a reason, and the petition's history says so. Before the petition exists it
/// may belong to the visit it is being registered from (<see cref="VisitId"/>), and follows it into the petition.
/// </summary>
public class Attachment : IVersioned
{
    public int Id { get; set; }
    public int? PetitionId { get; set; }
    public Petition? Petition { get; set; }
    public int? VisitId { get; set; }
    public Visit? Visit { get; set; }
    public AttachmentKind Kind { get; set; }
    /// <summary>The name the file had on the device it came from (shown, never used as a path).</summary>
    public string FileName { get; set; } = "";
    /// <summary>What the content is, found from its first bytes: application/pdf, image/jpeg, image/png, image/heic.</summary>
    public string ContentType { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Bytes { get; set; }
    public int? PageCount { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    public string? UploadedByUserId { get; set; }
    public string UploadedByName { get; set; } = "";
    public DateTime? WithdrawnAtUtc { get; set; }
    public string? WithdrawnByName { get; set; }
    public string? WithdrawnReason { get; set; }
    /// <summary>
    /// When its bytes were erased under the personal-data law (an ARCO cancellation or the end of its retention): the row
    /// stays as the expediente's record that there was a document, withdrawn, with a neutral name.
    /// </summary>
    public DateTime? ErasedAtUtc { get; set; }
    /// <summary>The citizen's online answer to a requirement this document came with (from <c>/consulta</c>).</summary>
    public int? CitizenDeliveryId { get; set; }
    public CitizenDelivery? CitizenDelivery { get; set; }
    public long Version { get; set; }
}

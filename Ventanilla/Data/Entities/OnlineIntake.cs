namespace Ventanilla.Data;

/// <summary>
/// A request a citizen filed at <c>/tramite</c>, waiting for the 6-digit code sent to their e-mail. Only a confirmed
/// request becomes a petition (<see cref="PetitionId"/>); then its personal fields are cleared (the petition holds them)
/// and the row keeps what the limits and the duplicate check need. An unconfirmed one is removed with its files after a
/// day. The page finds it by a random token it alone holds (only its hash is stored).
/// </summary>
public class OnlineRequest : IVersioned
{
    public int Id { get; set; }
    /// <summary>SHA-256 (hex) of the page's token: whoever holds the token may confirm with the code.</summary>
    public string TokenHash { get; set; } = "";
    public int PetitionTypeId { get; set; }
    public PetitionType? PetitionType { get; set; }
    public string PetitionerName { get; set; } = "";
    public bool IsThirdParty { get; set; }
    public string? AccountNumber { get; set; }
    public string? CadastralKey { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    /// <summary>Lower case; cleared once confirmed (the petition keeps it).</summary>
    public string Email { get; set; } = "";
    /// <summary>SHA-256 of <see cref="Email"/>: the per-address limit counts by it, also after confirmation.</summary>
    public string EmailHash { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The citizen accepted electronic notification (the response downloaded from /consulta).</summary>
    public bool AcceptsElectronicDelivery { get; set; }
    /// <summary>Which privacy notice was accepted: the start of its text's SHA-256.</summary>
    public string PrivacyNoticeVersion { get; set; } = "";
    /// <summary>What makes two requests «the same» (type, address, name, account, key, description), hashed.</summary>
    public string Fingerprint { get; set; } = "";
    /// <summary>SHA-256 of the code sent, salted with the token; never the code itself.</summary>
    public string CodeHash { get; set; } = "";
    public DateTime CodeExpiresUtc { get; set; }
    /// <summary>Wrong codes typed against the current code; at the limit the code no longer opens anything.</summary>
    public int CodeAttempts { get; set; }
    /// <summary>Codes sent for this request (the first one and the ones asked again).</summary>
    public int CodesSent { get; set; }
    /// <summary>The client's address as the server saw it (for the per-client limit).</summary>
    public string ClientAddress { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ConfirmedAtUtc { get; set; }
    public int? PetitionId { get; set; }
    public long Version { get; set; }
    public List<OnlineRequestFile> Files { get; set; } = [];
}

/// <summary>
/// A document sent with an online request, kept under the drafts folder (<c>adjuntos/borradores</c>) by a random name
/// until the request is confirmed; then it joins the expediente's store and becomes an <see cref="Attachment"/>.
/// </summary>
public class OnlineRequestFile
{
    public int Id { get; set; }
    public int OnlineRequestId { get; set; }
    public AttachmentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The file's name in the drafts folder: 32 hex digits this app drew, never anything typed.</summary>
    public string StoredName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Bytes { get; set; }
    public int? PageCount { get; set; }
}

public enum CitizenDeliveryStatus
{
    /// <summary>Sent by the citizen; the staff have not looked yet.</summary>
    Pending = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>
/// The citizen's answer, from <c>/consulta</c>, to what a paused petition waits for (the ownership proof or documents):
/// its files are in the expediente (<see cref="Attachment.CitizenDeliveryId"/>). Staff accept it (the clock resumes on
/// <see cref="DeliveredOn"/>, as if it had been brought in that day) or reject it with a reason (the term keeps running).
/// One pending answer per requirement.
/// </summary>
public class CitizenDelivery : IVersioned
{
    public int Id { get; set; }
    /// <summary>
    /// Always set (a check constraint holds it): nullable for EF only, because petitions and pauses are hidden while an
    /// import writes them and a required link to a hidden row is what EF warns about.
    /// </summary>
    public int? PetitionId { get; set; }
    public Petition? Petition { get; set; }
    /// <summary>The requirement (pause) answered; always set, like <see cref="PetitionId"/>.</summary>
    public int? PauseId { get; set; }
    public PetitionPause? Pause { get; set; }
    public PauseReason Reason { get; set; }
    public DateTime DeliveredAtUtc { get; set; }
    /// <summary>The office's local date of <see cref="DeliveredAtUtc"/>: the day the clock resumes from when accepted.</summary>
    public DateOnly DeliveredOn { get; set; }
    public string? Note { get; set; }
    /// <summary>The privacy notice's version the status page showed beside the upload.</summary>
    public string? PrivacyNoticeVersion { get; set; }
    public CitizenDeliveryStatus Status { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public string? ReviewedByUserId { get; set; }
    public string? ReviewedByName { get; set; }
    public string? RejectReason { get; set; }
    public long Version { get; set; }
}

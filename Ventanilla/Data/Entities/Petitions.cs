namespace Ventanilla.Data;

public enum PetitionChannel
{
    /// <summary>In person at a desk.</summary>
    Presencial = 0,
    /// <summary>By letter (por oficio), through the Oficialía de Partes.</summary>
    Escrito = 1,
    /// <summary>Filed by the citizen at <c>/tramite</c>, confirmed by a code sent to their e-mail: the written channel without paper.</summary>
    EnLinea = 2,
}

/// <summary>States of DESIGN.md §3.2; the order is the order of the lifecycle.</summary>
public enum PetitionStatus
{
    Registrada = 0,
    EsperandoUsuario = 1,
    Turnada = 2,
    EnRespuesta = 3,
    EnRevision = 4,
    Aprobada = 5,
    Entregada = 6,
    Cerrada = 7,
    CerradaSinAcreditacion = 8,
    Cancelada = 9,
}

/// <summary>One row of the Control de Peticiones (ON-GAU-02).</summary>
public class Petition : IVersioned, IStagedByImport
{
    public int Id { get; set; }
    public string Folio { get; set; } = "";
    public int FolioYear { get; set; }
    public int FolioNumber { get; set; }

    public PetitionChannel Channel { get; set; }
    /// <summary>The office that received it (the visit's, or the registrar's for a written one).</summary>
    public int OfficeId { get; set; } = Office.MainId;
    public Office? Office { get; set; }
    /// <summary>The Oficialía de Partes' own folio for written petitions.</summary>
    public string? OficialiaFolio { get; set; }

    /// <summary>
    /// Step 02 for written petitions: when the Dirección Comercial reviewed it and handed it to Atención a
    /// Usuarios. Until then a written petition is in the Director's hands.
    /// </summary>
    public DateTime? ForwardedAtUtc { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
    /// <summary>
    /// Day 0 of the legal term: the reception date, or the next business day if received after hours or on a
    /// non-business day. Not the date it was received (<see cref="ReceivedAtUtc"/>, which every page shows as «Recibida»);
    /// its column keeps its first name, <c>ReceptionDay</c>.
    /// </summary>
    public DateOnly DayZero { get; set; }

    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public string PetitionerName { get; set; } = "";
    /// <summary>The petitioner's name folded (lower case, no accents) for searching.</summary>
    public string SearchName { get; set; } = "";
    public bool IsThirdParty { get; set; }
    public string? AccountNumber { get; set; }
    public string? CadastralKey { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    /// <summary>Where the citizen asked to be told of the petition's progress (optional; see <see cref="Notice"/>).</summary>
    public string? Email { get; set; }

    /// <summary>The privacy notice the citizen accepted when filing online (the start of its text's SHA-256); null otherwise.</summary>
    public string? PrivacyNoticeVersion { get; set; }

    /// <summary>
    /// When the petitioner accepted to be notified electronically (the response by e-mail and download from /consulta,
    /// the first download being the acuse); null: the response is collected in person against a signed copy.
    /// </summary>
    public DateTime? ElectronicDeliveryAcceptedAtUtc { get; set; }
    /// <summary>The privacy notice's version in force when electronic notification was accepted.</summary>
    public string? ElectronicDeliveryPrivacyVersion { get; set; }

    /// <summary>
    /// The archive series the closed file belongs to and the ends of its periods in the active and the semi-active
    /// archive, fixed when it is classified after closing (a later change of the catalogue does not move them).
    /// </summary>
    public int? ArchiveSeriesId { get; set; }
    public DateOnly? ArchiveActiveUntil { get; set; }
    public DateOnly? ArchiveSemiActiveUntil { get; set; }

    /// <summary>
    /// The short code printed on the citizen's receipt and letters: with the folio it opens the public status page.
    /// Random per petition (never derived from the folio); null only for rows written before it existed, until the
    /// start-up fills them.
    /// </summary>
    public string? PublicCode { get; set; }

    public int PetitionTypeId { get; set; }
    public PetitionType? PetitionType { get; set; }
    public string Subject { get; set; } = "";
    public string? DocumentsReceived { get; set; }
    public string? Notes { get; set; }

    public PetitionStatus Status { get; set; }

    /// <summary>
    /// The legal term in business days that applied when the petition was received; a later change of the
    /// office's setting does not move the deadline of petitions already running.
    /// </summary>
    public int TermDays { get; set; } = AppSettings.DefaultResponseTermDays;

    /// <summary>
    /// The one extension of the term an ARCO request allows (business days added to <see cref="TermDays"/>) and why;
    /// null while not extended.
    /// </summary>
    public int? TermExtensionDays { get; set; }
    public string? TermExtensionReason { get; set; }

    /// <summary>
    /// When the petitioner's personal data were replaced (an ARCO cancellation, or the end of its archive retention);
    /// the folio, type, dates, status and routings stay, so every count and indicator is the same.
    /// </summary>
    public DateTime? AnonymizedAtUtc { get; set; }

    /// <summary>Due date of the legal term, moved later by paused business days and calendar changes.</summary>
    public DateOnly DueDate { get; set; }
    /// <summary>Due date of the ownership proof while a third party is asked to prove ownership.</summary>
    public DateOnly? ProofDueDate { get; set; }

    public DateOnly? ResponseDate { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    /// <summary>Set when the petition is delivered or closed; a closed petition keeps it.</summary>
    public bool? OnTime { get; set; }
    public string? CancelReason { get; set; }

    public int? VisitId { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>For imported petitions: file and line they came from.</summary>
    public string? ImportSource { get; set; }

    public int? ImportRunId { get; set; }

    public long Version { get; set; }

    public List<Routing> Routings { get; set; } = [];
    public List<PetitionPause> Pauses { get; set; } = [];
    public List<PetitionResponse> Responses { get; set; } = [];
    public List<Delivery> Deliveries { get; set; } = [];
}

/// <summary>Per prefix and year, the last folio number handed out; folios are never reused.</summary>
public class FolioSequence
{
    public string Prefix { get; set; } = "";
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

public enum PauseReason
{
    OwnershipProof = 0,
    Documents = 1,
}

/// <summary>How a wait on the petitioner ended (null for pauses that ended before it was recorded, and imported ones).</summary>
public enum PauseEnd
{
    /// <summary>The petitioner brought it to the office.</summary>
    InPerson = 0,
    /// <summary>The petitioner sent it from <c>/consulta</c> and the staff accepted it.</summary>
    Online = 1,
    /// <summary>The ownership proof's term ran out (Cerrada sin acreditación).</summary>
    Expired = 2,
    /// <summary>The petition was cancelled while waiting.</summary>
    Cancelled = 3,
}

/// <summary>A period while the petition waits on the petitioner; its business days do not count.</summary>
public class PetitionPause : IStagedByImport
{
    public int Id { get; set; }
    public int? ImportRunId { get; set; }
    public int PetitionId { get; set; }
    public PauseReason Reason { get; set; }
    /// <summary>Date the written requirement was delivered to the petitioner.</summary>
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    public PauseEnd? EndedHow { get; set; }
    public string? Note { get; set; }
}

public enum RoutingStatus
{
    Pending = 0,
    Answered = 1,
    Withdrawn = 2,
}

/// <summary>A petition (or part of it) sent to an area (turnado), with its own state and answer.</summary>
public class Routing : IVersioned, IStagedByImport
{
    public int Id { get; set; }
    public int? ImportRunId { get; set; }
    public int PetitionId { get; set; }
    public Petition? Petition { get; set; }
    public int AreaId { get; set; }
    public Area? Area { get; set; }
    public string? Note { get; set; }
    public DateTime RoutedAtUtc { get; set; }
    public string? RoutedByUserId { get; set; }
    public RoutingStatus Status { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredByUserId { get; set; }
    public DateTime? LastFollowUpAtUtc { get; set; }
    public long Version { get; set; }
    public List<FollowUp> FollowUps { get; set; } = [];
}

public enum FollowUpKind
{
    /// <summary>Atención a Usuarios asked the area for progress.</summary>
    ProgressRequest = 0,
    /// <summary>The area reported progress.</summary>
    AreaReply = 1,
}

/// <summary>The daily follow-up of a routing (procedure step 10).</summary>
public class FollowUp
{
    public int Id { get; set; }
    public int RoutingId { get; set; }
    public FollowUpKind Kind { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string Note { get; set; } = "";
}

public enum ResponseStatus
{
    Draft = 0,
    InReview = 1,
    Approved = 2,
    Returned = 3,
}

/// <summary>The written response to the petitioner and its approval (visto bueno) by the Director.</summary>
public class PetitionResponse : IVersioned
{
    public int Id { get; set; }
    public int PetitionId { get; set; }
    public string Text { get; set; } = "";
    public ResponseStatus Status { get; set; }
    public string? DraftedByUserId { get; set; }
    public DateTime DraftedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public string? ReviewedByUserId { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public string? ReviewComments { get; set; }
    public long Version { get; set; }
}

/// <summary>Delivery of the approved response against the petitioner's signed copy (acuse).</summary>
public class Delivery
{
    public int Id { get; set; }
    public int PetitionId { get; set; }
    /// <summary>The petitioner's first download of the signed response from /consulta: the electronic acuse.</summary>
    public bool Electronic { get; set; }
    public string ReceivedBy { get; set; } = "";
    public DateTime DeliveredAtUtc { get; set; }
    public string? RecordedByUserId { get; set; }
    public string? Notes { get; set; }
}

/// <summary>
/// One change of a petition (who, when, what, from → to, note). Append-only: the save interceptor
/// refuses updates and deletes, so the timeline is the petition's true history.
/// </summary>
public class PetitionEvent
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Kind { get; set; } = "";
    public PetitionStatus? FromStatus { get; set; }
    public PetitionStatus? ToStatus { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// One run of the legacy import, with its report, for the import history. While <see cref="IsPending"/> the rows it
/// writes (in short slices, so the kiosk and the desks keep writing) stay invisible; the run's last transaction
/// clears it and they all appear at once. A run left pending by a crash is rolled back at the next start.
/// </summary>
public class ImportRun
{
    public int Id { get; set; }
    public string FileName { get; set; } = "";
    public string FileHash { get; set; } = "";
    public DateTime StartedAtUtc { get; set; }
    public string? UserName { get; set; }
    public bool DryRun { get; set; }
    public bool Succeeded { get; set; }
    public int RowsRead { get; set; }
    public int RowsAdded { get; set; }
    public int RowsSkipped { get; set; }
    public int ErrorCount { get; set; }
    public string Report { get; set; } = "";
    public bool IsPending { get; set; }
    /// <summary>Renewed with every slice a pending run writes: an old one means its process is gone.</summary>
    public DateTime? HeartbeatUtc { get; set; }
    /// <summary>The process writing a pending run (machine, process id and start time), to tell at once when it has died.</summary>
    public string? Owner { get; set; }
    /// <summary>The definitions of the indexes a large import dropped while it writes (JSON), to build them again whatever happens.</summary>
    public string? DroppedIndexes { get; set; }

    /// <summary>Ends the pending state: the run's rows become visible, or (rolled back) are already gone.</summary>
    public void EndPending()
    {
        IsPending = false;
        HeartbeatUtc = null;
        Owner = null;
        DroppedIndexes = null;
    }
}

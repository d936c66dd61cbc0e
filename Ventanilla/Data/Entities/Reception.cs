namespace Ventanilla.Data;

/// <summary>What came of a visit at the desk (Control de Usuarios, column "resultado").</summary>
public enum VisitOutcome
{
    Pending = 0,
    ImmediateSettlement = 1,
    DiscountProgramme = 2,
    RegistryCorrection = 3,
    Information = 4,
    OtherResolved = 5,
    DocumentsRequested = 6,
    PetitionCreated = 7,
    NoShow = 8,
}

public enum PreferentialReason
{
    None = 0,
    OlderAdult = 1,
    Pregnancy = 2,
    Disability = 3,
}

/// <summary>One row of the Control de Usuarios (ON-GAU-12): a person's visit, from arrival to outcome.</summary>
public class Visit : IVersioned
{
    public int Id { get; set; }
    public DateTime ArrivedAtUtc { get; set; }
    /// <summary>The office's local date of arrival; the register and the turn numbering are per day.</summary>
    public DateOnly ServiceDate { get; set; }
    public int ServiceCategoryId { get; set; }
    public ServiceCategory? ServiceCategory { get; set; }
    /// <summary>The office the visitor came to (its kiosk's), kept apart from the line: a transfer never changes it.</summary>
    public int OfficeId { get; set; } = Office.MainId;
    public Office? Office { get; set; }

    /// <summary>What the visitor typed at the kiosk (all optional).</summary>
    public string? VisitorName { get; set; }
    public string? AccountNumber { get; set; }
    public string? Phone { get; set; }
    /// <summary>The privacy notice's version shown at the kiosk when the visitor typed any of those (null: typed none).</summary>
    public string? PrivacyNoticeVersion { get; set; }

    public PreferentialReason Preferential { get; set; }

    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }

    public int? DeskId { get; set; }
    public Desk? Desk { get; set; }
    public string? StaffUserId { get; set; }
    public ApplicationUser? StaffUser { get; set; }

    public DateTime? CalledAtUtc { get; set; }
    public DateTime? ServiceStartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }

    public VisitOutcome Outcome { get; set; }
    public string? OutcomeNote { get; set; }

    /// <summary>
    /// The random token in the ticket's QR code (<c>/turno/{code}</c>): the visitor's phone follows the visit's turn
    /// with it, that day only. Unguessable; nothing else identifies the visit publicly.
    /// </summary>
    public string? PublicCode { get; set; }

    /// <summary>The petition created from this visit, if any.</summary>
    public int? PetitionId { get; set; }

    /// <summary>
    /// When the outcome is "petition to be created": the type and subject staff prefilled at the desk, for the
    /// petition register to pick up (it then sets <see cref="PetitionId"/>).
    /// </summary>
    public int? DraftPetitionTypeId { get; set; }
    public PetitionType? DraftPetitionType { get; set; }
    public string? DraftSubject { get; set; }

    /// <summary>
    /// The kiosk screen's one-time key for this registration: a double tap or a resent request finds the
    /// visit already made instead of issuing a second turn.
    /// </summary>
    public Guid? KioskRequestId { get; set; }

    public long Version { get; set; }

    public List<QueueTicket> Tickets { get; set; } = [];
}

public enum TicketStatus
{
    Waiting = 0,
    Called = 1,
    Serving = 2,
    Done = 3,
    NoShow = 4,
    Transferred = 5,
}

/// <summary>
/// The number a visitor waits with ("A-017"), per category and restarting daily. A transfer to another
/// category closes this ticket and issues a new one for the same visit.
/// </summary>
public class QueueTicket : IVersioned
{
    public int Id { get; set; }
    public int VisitId { get; set; }
    public Visit? Visit { get; set; }
    public DateOnly ServiceDate { get; set; }
    public int ServiceCategoryId { get; set; }
    public ServiceCategory? ServiceCategory { get; set; }
    public int Number { get; set; }
    public string Code { get; set; } = "";
    public bool IsPreferential { get; set; }
    /// <summary>
    /// The booked slot's start when the turn came from an appointment's check-in (its mark on the ticket, the TV and the
    /// desk); null for a walk-in. The call order reads it (<c>QueueRules</c>).
    /// </summary>
    public DateTime? AppointmentStartUtc { get; set; }
    public TicketStatus Status { get; set; }
    public DateTime IssuedAtUtc { get; set; }
    public DateTime? LastCalledAtUtc { get; set; }
    public int CallCount { get; set; }
    public int? DeskId { get; set; }
    public Desk? Desk { get; set; }
    public long Version { get; set; }
}

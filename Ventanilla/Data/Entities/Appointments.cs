namespace Ventanilla.Data;

/// <summary>
/// Appointments offered for one service category (at the category's office): how long a slot lasts, how far ahead
/// one may book, and the share of each desk's time kept for walk-ins. Which desks take bookings, and how many per
/// slot each, is said per desk (<see cref="DeskCategory.AppointmentsPerSlot"/>).
/// </summary>
public class AppointmentOffer : IVersioned
{
    public const int DefaultDaysAhead = 15;
    public const int DefaultWalkInSharePercent = 50;

    public int Id { get; set; }
    public int ServiceCategoryId { get; set; }
    public ServiceCategory? ServiceCategory { get; set; }
    /// <summary>Off: no new bookings (the ones made stay).</summary>
    public bool IsActive { get; set; } = true;
    public int SlotMinutes { get; set; }
    public int DaysAhead { get; set; } = DefaultDaysAhead;
    /// <summary>Of each desk's slots, this share is never booked: walk-ins always have room.</summary>
    public int WalkInSharePercent { get; set; } = DefaultWalkInSharePercent;
    public long Version { get; set; }
}

public enum AppointmentStatus
{
    /// <summary>Booked and still ahead (or within its check-in window).</summary>
    Booked = 0,
    /// <summary>Checked in on time: its turn is in the queue.</summary>
    CheckedIn = 1,
    Cancelled = 2,
    /// <summary>Not checked in when its window closed.</summary>
    NoShow = 3,
    /// <summary>Came after the window: served as a walk-in.</summary>
    Late = 4,
}

/// <summary>
/// A citizen's booking of one slot (local day and minute of the office's day) for one service category. Never
/// deleted: cancelling, moving and missing it are changes of its state, so the office's history and indicators keep it.
/// </summary>
public class Appointment : IVersioned
{
    public int Id { get; set; }
    public int OfficeId { get; set; } = Office.MainId;
    public Office? Office { get; set; }
    public int ServiceCategoryId { get; set; }
    public ServiceCategory? ServiceCategory { get; set; }

    /// <summary>The slot: the office's local day and its start, in minutes from midnight.</summary>
    public DateOnly Day { get; set; }
    public int StartMinute { get; set; }
    public int SlotMinutes { get; set; }
    /// <summary>The slot's start as an instant (for the queue's order and the reminders).</summary>
    public DateTime StartUtc { get; set; }

    /// <summary>
    /// The booking code the citizen holds (short, from <c>PublicCodes.Alphabet</c>): kept for the reminder and the
    /// staff's list; found by <see cref="CodeHash"/>, so a lookup takes the same time for any guess.
    /// </summary>
    public string Code { get; set; } = "";
    public string CodeHash { get; set; } = "";

    public string Name { get; set; } = "";
    /// <summary>Digits only, as <c>VisitorRules.Phone</c> keeps them; one of phone and e-mail is required.</summary>
    public string? Phone { get; set; }
    /// <summary>Lower case.</summary>
    public string? Email { get; set; }
    public string? AccountNumber { get; set; }
    /// <summary>The petition the visit is about, when the citizen named its folio (or booked from it).</summary>
    public int? PetitionId { get; set; }
    public string? Folio { get; set; }
    /// <summary>Which privacy notice was accepted: the start of its text's SHA-256.</summary>
    public string PrivacyNoticeVersion { get; set; } = "";

    public AppointmentStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The staff account that booked it at the desk or on the phone; null when the citizen booked it.</summary>
    public string? CreatedByUserId { get; set; }
    /// <summary>A booking page's one-time key: a double submit finds the booking already made.</summary>
    public Guid RequestId { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    /// <summary>When the retention replaced the name and removed the contact (the booking and its times stay).</summary>
    public DateTime? AnonymizedAtUtc { get; set; }
    public DateTime? CheckedInAtUtc { get; set; }
    /// <summary>The visit (and turn) its check-in made.</summary>
    public int? VisitId { get; set; }
    public Visit? Visit { get; set; }
    public DateTime? ReminderSentAtUtc { get; set; }
    /// <summary>How many times the citizen moved it (a move keeps the code).</summary>
    public int Moves { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// How many bookings one slot of one category holds. Taken and given back by one conditional statement inside the
/// booking's transaction (<c>AppointmentSlots.TakeSql</c>), so fifty people booking the last places at once never
/// put a slot over its capacity, on either engine.
/// </summary>
public class AppointmentSlot
{
    public int Id { get; set; }
    public int ServiceCategoryId { get; set; }
    public DateOnly Day { get; set; }
    public int StartMinute { get; set; }
    public int Booked { get; set; }
}

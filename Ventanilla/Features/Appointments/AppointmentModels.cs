using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Appointments;

/// <summary>A service a citizen can book, with its office.</summary>
/// <param name="WalkInSharePercent">Of each desk's slots, the share never booked.</param>
public sealed record BookableService(int CategoryId, string Letter, string Name, int OfficeId, string OfficeName, int SlotMinutes, int DaysAhead, int WalkInSharePercent);

/// <summary>A slot with room left, as the booking page offers it.</summary>
public sealed record FreeSlot(DateOnly Day, int StartMinute, int SlotMinutes, int Free)
{
    public TimeOnly Start => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(StartMinute));
    public TimeOnly End => Start.AddMinutes(SlotMinutes);
}

/// <summary>What the citizen (or a clerk for them) fills in to book.</summary>
public sealed record BookingRequest(
    Guid RequestId, int CategoryId, DateOnly Day, int StartMinute, string? Name, string? Phone, string? Email,
    string? AccountNumber = null, string? Folio = null, bool AcceptedPrivacyNotice = false);

/// <summary>A booking as its holder sees it (on the booking page and by its code): no one else's data.</summary>
public sealed record BookingView(
    int Id, string Code, AppointmentStatus Status, string ServiceName, string Letter, string OfficeName, DateOnly Day, int StartMinute, int SlotMinutes,
    DateTime StartUtc, string Name, string? Phone, string? Email, string? Folio, int CategoryId, int Moves, int OfficeId)
{
    public TimeOnly Start => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(StartMinute));
    public TimeOnly End => Start.AddMinutes(SlotMinutes);
    public bool IsActive => Status == AppointmentStatus.Booked;
}

/// <summary>A booking in the staff's day list: who, when, for what, and how to reach them.</summary>
public sealed record AppointmentRow(
    int Id, string Code, AppointmentStatus Status, DateOnly Day, int StartMinute, int SlotMinutes, string Letter, string ServiceName, string OfficeName,
    string Name, string? Phone, string? Email, string? AccountNumber, string? Folio, bool BookedByStaff)
{
    public TimeOnly Start => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(StartMinute));
}

/// <summary>What a check-in did.</summary>
public enum CheckInOutcome
{
    /// <summary>Within the window: the turn was issued (or, checked in before, the same turn is shown again).</summary>
    Issued,
    /// <summary>Before the window: nothing written; <see cref="CheckInResult.OpensAtLocal"/> says when it opens.</summary>
    Early,
    /// <summary>After the window: the booking is recorded as late; the visitor may take a walk-in turn.</summary>
    Late,
}

/// <summary>The answer to a check-in: the booking, and the turn when one was issued.</summary>
public sealed record CheckInResult(CheckInOutcome Outcome, BookingView Booking, IssuedTurn? Turn, DateTime OpensAtLocal, DateTime ClosesAtLocal);

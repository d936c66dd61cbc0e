namespace Ventanilla.Data;

/// <summary>Where a satisfaction answer was given.</summary>
public enum SurveySource
{
    Kiosk = 0,
    Phone = 1,
}

/// <summary>"¿Cómo le atendimos?": one answer per attended visit, a face from 1 (muy mal) to 5 (muy bien).</summary>
public class SurveyAnswer
{
    public int Id { get; set; }
    public int VisitId { get; set; }
    public Visit? Visit { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public SurveySource Source { get; set; }
    public DateTime AnsweredAtUtc { get; set; }
}

public enum NoticeStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>Given up after the last retry; kept, with its error, for the administrator.</summary>
    Failed = 2,
}

/// <summary>
/// An e-mail to a citizen, written in the same transaction as the change it tells of (the outbox) and sent later by
/// the background sender with retries, so the office's work never waits on the mail server.
/// </summary>
public class Notice : IVersioned
{
    public int Id { get; set; }
    public int? PetitionId { get; set; }
    /// <summary>The booking a notice is about (confirmation, change, cancellation, reminder).</summary>
    public int? AppointmentId { get; set; }
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public NoticeStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
    public long Version { get; set; }

    /// <summary>A notice queued in the outbox, due at once: what every change that tells someone by mail adds.</summary>
    public static Notice Pending(string kind, string to, string subject, string body, DateTime nowUtc, int? petitionId = null, int? appointmentId = null)
        => new()
        {
            PetitionId = petitionId, AppointmentId = appointmentId, Kind = kind, To = to, Subject = subject, Body = body,
            Status = NoticeStatus.Pending, CreatedAtUtc = nowUtc, NextAttemptUtc = nowUtc,
        };
}

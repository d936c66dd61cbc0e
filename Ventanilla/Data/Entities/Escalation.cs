namespace Ventanilla.Data;

/// <summary>
/// A notice to a staff member inside the app (the menu's «Avisos» with its unread count): a petition that reached a stage
/// of its legal term while still open. Also sent by e-mail when the person has an address.
/// </summary>
public class StaffNotification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public int? PetitionId { get; set; }
    public string Folio { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}

/// <summary>
/// That a petition's escalation stage was sent: one row per (petition, stage), held unique by the database, so no stage is
/// sent twice, whatever restarts or instances run the job. <see cref="Stage"/> is the share of the term (50, 80, 100) or
/// 0 for the ownership proof's last day.
/// </summary>
public class EscalationSent
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public int Stage { get; set; }
    public DateTime SentAtUtc { get; set; }
}

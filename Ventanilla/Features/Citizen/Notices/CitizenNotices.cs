using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Citizen;

/// <summary>
/// The outbox of e-mail notices. A change of a petition that the petitioner cares about (registered, waiting on their
/// documents, response ready, closed, cancelled) adds a <see cref="Notice"/> row in the change's own transaction, so a
/// notice exists exactly when the change does; <see cref="NoticeSender"/> sends it later. Nothing is written while no
/// SMTP server is configured (turning mail on later does not send a backlog of old news) or the petitioner left no
/// address.
/// </summary>
public sealed class CitizenNotices(SettingsService settings, PublicLinks links, OfficeClock office)
{
    /// <summary>The status a petition moves to, and the notice it is worth.</summary>
    private static readonly IReadOnlyDictionary<PetitionStatus, string> ByStatus = new Dictionary<PetitionStatus, string>
    {
        [PetitionStatus.Aprobada] = NoticeKinds.Ready,
        [PetitionStatus.Cerrada] = NoticeKinds.Closed,
        [PetitionStatus.CerradaSinAcreditacion] = NoticeKinds.ClosedWithoutProof,
        [PetitionStatus.Cancelada] = NoticeKinds.Cancelled,
    };

    public bool Enabled => !string.IsNullOrWhiteSpace(settings.Current.SmtpHost);

    /// <summary>
    /// Called by <see cref="PetitionChanges"/> before it saves: reads the events this change is adding to the petition and,
    /// when one is news for the petitioner, adds the notice. One change sends at most one e-mail: a third party registered
    /// and handed the ownership requirement at once gets one message saying both. True when a notice was added.
    /// </summary>
    public bool Add(AppDbContext db, Petition petition)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(petition.Email)) return false;
        var events = db.ChangeTracker.Entries<PetitionEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.PetitionId == petition.Id).Select(e => e.Entity).ToList();
        if (events.Count == 0) return false;
        var kind = KindOf(events, petition);
        if (kind is null) return false;
        var s = settings.Current;
        var link = string.IsNullOrWhiteSpace(s.PublicBaseUrl) || petition.PublicCode is null ? null : links.Status(petition.Folio, petition.PublicCode);
        // A visit the citizen must make (documents, proof, collecting the response) can be booked when the office offers it.
        var booking = !string.IsNullOrWhiteSpace(s.PublicBaseUrl) && kind is NoticeKinds.WaitingForProof or NoticeKinds.WaitingForDocuments or NoticeKinds.Ready
            && Appointments.AppointmentCalendar.BookableOffers(db).Any(o => o.ServiceCategory!.OfficeId == petition.OfficeId)
            ? links.BookFor(petition.Folio) : null;
        if (NoticeTexts.For(kind, petition, s, link, booking) is not { } text) return false;
        db.Notices.Add(Notice.Pending(text.Kind, petition.Email, text.Subject, text.Body, office.UtcNow(), petition.Id));
        return true;
    }

    /// <summary>What the citizen sent online was rejected: they are told why, in the rejection's own transaction.</summary>
    public void AddRejection(AppDbContext db, Petition petition, string reason)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(petition.Email)) return;
        var s = settings.Current;
        var link = string.IsNullOrWhiteSpace(s.PublicBaseUrl) || petition.PublicCode is null ? null : links.Status(petition.Folio, petition.PublicCode);
        var text = NoticeTexts.Rejected(petition, s, reason, link);
        db.Notices.Add(Notice.Pending(text.Kind, petition.Email, text.Subject, text.Body, office.UtcNow(), petition.Id));
    }

    private static string? KindOf(IReadOnlyList<PetitionEvent> events, Petition petition)
    {
        if (events.Any(e => e.Kind == PetitionEvents.Registered)) return NoticeKinds.Registered;
        // Only a move to another status is news (a second draft or a follow-up is not).
        var moved = events.LastOrDefault(e => e.ToStatus is not null && e.FromStatus != e.ToStatus);
        if (moved?.ToStatus is not { } to) return null;
        if (to == PetitionStatus.EsperandoUsuario)
        {
            return petition.Pauses.FirstOrDefault(p => p.EndDate is null)?.Reason == PauseReason.OwnershipProof
                ? NoticeKinds.WaitingForProof : NoticeKinds.WaitingForDocuments;
        }
        return ByStatus.GetValueOrDefault(to);
    }
}

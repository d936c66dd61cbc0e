using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Petitions;

public sealed record RoutingView(
    int Id, int AreaId, string Area, RoutingStatus Status, string? Note, DateTime RoutedLocal, string? Answer, DateTime? AnsweredLocal,
    DateTime? LastFollowUpLocal, IReadOnlyList<FollowUpView> FollowUps, long Version);

public sealed record FollowUpView(FollowUpKind Kind, DateTime AtLocal, string Note);

public sealed record EventView(DateTime AtLocal, string UserName, string Kind, PetitionStatus? From, PetitionStatus? To, string? Note);

public sealed record ResponseView(int Id, string Text, ResponseStatus Status, string? ReviewComments, DateTime DraftedLocal, string? DraftedByUserId);

public sealed record PauseView(PauseReason Reason, DateOnly Start, DateOnly? End, string? Note);

/// <summary>Everything the petition page shows, with the legal clock worked out for today.</summary>
public sealed record PetitionView(
    Petition Petition, string Type, string? CustomerName, IReadOnlyList<RoutingView> Routings, IReadOnlyList<PauseView> Pauses,
    ResponseView? Response, IReadOnlyList<Delivery> Deliveries, IReadOnlyList<EventView> Events,
    int? DaysLeft, TrafficLight? Light, int ElapsedBusinessDays, DateTime ReceivedLocal)
{
    public bool IsOpen => PetitionDeadlines.IsOpen(Petition.Status);
}

/// <summary>The petition page's data and which actions the person looking at it may take (the services check again).</summary>
public sealed class PetitionDetails(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office, SettingsService settings)
{
    public async Task<PetitionView?> FindAsync(string folio, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var petition = await db.Petitions.AsNoTracking()
            .Include(p => p.Routings).ThenInclude(r => r.FollowUps).Include(p => p.Routings).ThenInclude(r => r.Area)
            .Include(p => p.Pauses).Include(p => p.Responses).Include(p => p.Deliveries).Include(p => p.PetitionType).Include(p => p.Customer)
            .AsSplitQuery().SingleOrDefaultAsync(p => p.Folio == folio, ct);
        if (petition is null) return null;
        var events = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == petition.Id).OrderBy(e => e.Id).ToListAsync(ct);

        var clock = calendar.Clock();
        var open = PetitionDeadlines.IsOpen(petition.Status);
        var paused = petition.Status == PetitionStatus.EsperandoUsuario;
        var response = petition.Responses.OrderByDescending(r => r.Id).FirstOrDefault();
        return new PetitionView(
            petition, petition.PetitionType!.Name, petition.Customer?.Name,
            [.. petition.Routings.OrderBy(r => r.Id).Select(r => new RoutingView(r.Id, r.AreaId, r.Area!.Name, r.Status, r.Note, office.ToLocal(r.RoutedAtUtc),
                r.Answer, r.AnsweredAtUtc is { } a ? office.ToLocal(a) : null, r.LastFollowUpAtUtc is { } f ? office.ToLocal(f) : null,
                [.. r.FollowUps.OrderBy(x => x.AtUtc).Select(x => new FollowUpView(x.Kind, office.ToLocal(x.AtUtc), x.Note))], r.Version))],
            [.. petition.Pauses.OrderBy(p => p.StartDate).Select(p => new PauseView(p.Reason, p.StartDate, p.EndDate, p.Note))],
            response is null ? null : new ResponseView(response.Id, response.Text, response.Status, response.ReviewComments, office.ToLocal(response.DraftedAtUtc), response.DraftedByUserId),
            [.. petition.Deliveries.OrderBy(d => d.DeliveredAtUtc)],
            [.. events.Select(e => new EventView(office.ToLocal(e.AtUtc), e.UserName, e.Kind, e.FromStatus, e.ToStatus, e.Note))],
            open ? clock.DaysLeft(petition.DueDate) : null,
            open ? clock.Light(petition.DueDate, paused) : null,
            clock.ElapsedBusinessDays(petition.ReceptionDay, PetitionDeadlines.PausesOf(petition), open ? null : petition.ResponseDate ?? office.Today()),
            office.ToLocal(petition.ReceivedAtUtc));
    }

    /// <summary>The petition-level actions <paramref name="actor"/> may take now; the buttons shown are these and no others.</summary>
    public IReadOnlySet<PetitionAction> ActionsFor(PetitionActor actor, PetitionView view)
    {
        var p = view.Petition;
        var staff = actor.IsAny(PetitionChanges.Attention);
        var director = actor.IsAny(Roles.DireccionComercial);
        var actions = new HashSet<PetitionAction>();
        if (staff && p.Status is PetitionStatus.Registrada or PetitionStatus.Turnada or PetitionStatus.EnRespuesta)
        {
            actions.UnionWith([PetitionAction.Route, PetitionAction.WaitForPetitioner, PetitionAction.SaveDraft]);
        }
        if (staff && p.Status == PetitionStatus.EsperandoUsuario) actions.Add(PetitionAction.Resume);
        if (staff && p.Status == PetitionStatus.EnRespuesta && view.Response?.Status == ResponseStatus.Draft) actions.Add(PetitionAction.SubmitForReview);
        if (director && p.Status == PetitionStatus.EnRevision)
        {
            actions.Add(PetitionAction.Return);
            if (view.Response is not null && (settings.Current.AllowSelfApproval || view.Response.DraftedByUserId != actor.UserId)) actions.Add(PetitionAction.Approve);
        }
        if (staff && p.Status == PetitionStatus.Aprobada) actions.Add(PetitionAction.Deliver);
        if (actor.IsAny(Roles.OficialiaPartes) && p.Status == PetitionStatus.Entregada) actions.Add(PetitionAction.Close);
        if (staff && view.IsOpen) actions.Add(PetitionAction.Cancel);
        if (director && p.Channel == PetitionChannel.Escrito && p.ForwardedAtUtc is null && view.IsOpen) actions.Add(PetitionAction.Forward);
        return actions;
    }

    /// <summary>Whether the actor may answer or report on this routing (their area's, or staff).</summary>
    public static bool MayWorkOn(PetitionActor actor, RoutingView routing)
        => routing.Status == RoutingStatus.Pending && (actor.IsAny(PetitionChanges.Attention) || actor.IsAny(Roles.Area) && actor.AreaIds.Contains(routing.AreaId));
}

public enum PetitionAction
{
    Route,
    WaitForPetitioner,
    Resume,
    SaveDraft,
    SubmitForReview,
    Approve,
    Return,
    Deliver,
    Close,
    Cancel,
    Forward,
}

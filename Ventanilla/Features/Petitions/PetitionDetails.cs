namespace Ventanilla.Features.Petitions;

public sealed record RoutingView(
    int Id, int AreaId, string Area, RoutingStatus Status, string? Note, DateTime RoutedLocal, string? Answer, DateTime? AnsweredLocal,
    DateTime? LastFollowUpLocal, IReadOnlyList<FollowUpView> FollowUps, long Version);

public sealed record FollowUpView(FollowUpKind Kind, DateTime AtLocal, string Note);

public sealed record EventView(DateTime AtLocal, string UserName, string Kind, PetitionStatus? From, PetitionStatus? To, string? Note);

public sealed record ResponseView(int Id, string Text, ResponseStatus Status, string? ReviewComments, DateTime DraftedLocal, string? DraftedByUserId);

public sealed record PauseView(PauseReason Reason, DateOnly Start, DateOnly? End, string? Note);

/// <summary>
/// The petition's own fields as its page, receipt and letter show them: a copy, so no tracked or untracked EF entity
/// (with its navigations and everything a later change could load into it) travels to a component.
/// </summary>
public sealed record PetitionFacts(
    int Id, string Folio, long Version, PetitionStatus Status, PetitionChannel Channel, string? OficialiaFolio, DateTime? ForwardedAtUtc,
    string PetitionerName, bool IsThirdParty, string? AccountNumber, string? CadastralKey, string? Phone, string? Address, string? Email,
    string Subject, string? DocumentsReceived, string? Notes, string? PublicCode,
    DateOnly DayZero, int TermDays, DateOnly DueDate, DateOnly? ProofDueDate, DateOnly? ResponseDate, bool? OnTime,
    int? TermExtensionDays = null, string? TermExtensionReason = null)
{
    public static PetitionFacts Of(Petition p) => new(
        p.Id, p.Folio, p.Version, p.Status, p.Channel, p.OficialiaFolio, p.ForwardedAtUtc,
        p.PetitionerName, p.IsThirdParty, p.AccountNumber, p.CadastralKey, p.Phone, p.Address, p.Email,
        p.Subject, p.DocumentsReceived, p.Notes, p.PublicCode,
        p.DayZero, p.TermDays, p.DueDate, p.ProofDueDate, p.ResponseDate, p.OnTime, p.TermExtensionDays, p.TermExtensionReason);
}

/// <summary>One delivery of the response (procedure step 13), as the page lists it.</summary>
public sealed record DeliveryView(DateTime DeliveredLocal, string ReceivedBy);

/// <summary>Everything the petition page shows, with the legal clock worked out for today.</summary>
public sealed record PetitionView(
    PetitionFacts Petition, string Type, string? CustomerName, IReadOnlyList<RoutingView> Routings, IReadOnlyList<PauseView> Pauses,
    ResponseView? Response, IReadOnlyList<DeliveryView> Deliveries, IReadOnlyList<EventView> Events,
    int? DaysLeft, TrafficLight? Light, int ElapsedBusinessDays, DateTime ReceivedLocal, ArcoRight? Arco = null)
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
            PetitionFacts.Of(petition), petition.PetitionType!.Name, petition.Customer?.Name,
            [.. petition.Routings.OrderBy(r => r.Id).Select(r => new RoutingView(r.Id, r.AreaId, r.Area!.Name, r.Status, r.Note, office.ToLocal(r.RoutedAtUtc),
                r.Answer, r.AnsweredAtUtc is { } a ? office.ToLocal(a) : null, r.LastFollowUpAtUtc is { } f ? office.ToLocal(f) : null,
                [.. r.FollowUps.OrderBy(x => x.AtUtc).Select(x => new FollowUpView(x.Kind, office.ToLocal(x.AtUtc), x.Note))], r.Version))],
            [.. petition.Pauses.OrderBy(p => p.StartDate).Select(p => new PauseView(p.Reason, p.StartDate, p.EndDate, p.Note))],
            response is null ? null : new ResponseView(response.Id, response.Text, response.Status, response.ReviewComments, office.ToLocal(response.DraftedAtUtc), response.DraftedByUserId),
            [.. petition.Deliveries.OrderBy(d => d.DeliveredAtUtc).Select(d => new DeliveryView(office.ToLocal(d.DeliveredAtUtc), d.ReceivedBy))],
            [.. events.Select(e => new EventView(office.ToLocal(e.AtUtc), e.UserName, e.Kind, e.FromStatus, e.ToStatus, e.Note))],
            open ? clock.DaysLeft(petition.DueDate, dayZero: petition.DayZero) : null,
            open ? clock.Light(petition.DueDate, paused) : null,
            clock.ElapsedBusinessDays(petition.DayZero, PetitionDeadlines.PausesOf(petition), open ? null : petition.ResponseDate ?? office.Today()),
            office.ToLocal(petition.ReceivedAtUtc), petition.PetitionType.ArcoRight);
    }

    /// <summary>
    /// The petition-level actions <paramref name="actor"/> may take now; the buttons shown are these and no others.
    /// The table (<see cref="PetitionFlow"/>) decides by role and status; what also depends on the petition's content
    /// is checked here as the services check it.
    /// </summary>
    public IReadOnlySet<PetitionAction> ActionsFor(Actor actor, PetitionView view)
    {
        var p = view.Petition;
        var actions = PetitionFlow.PermittedFor(actor, p.Status).ToHashSet();
        // Only a draft goes to review («Primero redacte la respuesta»).
        if (view.Response?.Status != ResponseStatus.Draft) actions.Remove(PetitionAction.SubmitForReview);
        // One's own draft is approved by someone else unless the settings allow it.
        if (view.Response is null || !settings.Current.AllowSelfApproval && view.Response.DraftedByUserId == actor.UserId) actions.Remove(PetitionAction.Approve);
        // Only a letter, and only once, is handed to Atención a Usuarios.
        if (!PetitionChannels.StartsWithDirector(p.Channel) || p.ForwardedAtUtc is not null) actions.Remove(PetitionAction.Forward);
        return actions;
    }

    /// <summary>Whether the actor may answer or report on this routing (their area's, or staff).</summary>
    public static bool MayWorkOn(Actor actor, RoutingView routing)
        => routing.Status == RoutingStatus.Pending && PetitionFlow.MayWorkOn(PetitionFlow.Of(PetitionAction.AnswerRouting), actor, routing.AreaId);
}

namespace Ventanilla.Features.Petitions;

/// <summary>What a person (or the app) can do with a petition. The petition-level ones are the buttons of its page.</summary>
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
    RegisterInPerson,
    RegisterWritten,
    RegisterOnline,
    AnswerRouting,
    RequestProgress,
    ReportProgress,
    AllAreasAnswered,
    CloseWithoutProof,
}

/// <summary>Who may take an action on a petition.</summary>
public enum StepScope
{
    /// <summary>A petition-level action: one of its page's buttons.</summary>
    Petition,
    /// <summary>Creates the petition; there is no status before it.</summary>
    Registration,
    /// <summary>Works on one routing: the roles listed, and the liaisons of that routing's area.</summary>
    Routing,
    /// <summary>The app does it by itself, as a consequence of another step or of time; no person asks for it.</summary>
    Automatic,
}

/// <summary>
/// One row of the state machine. <paramref name="Name"/> starts the refusal for a missing role ("Turnar: le corresponde
/// a…"); <paramref name="Verb"/> the refusal for a status ("No se puede turnar la petición…"). <paramref name="To"/> is
/// null when the status stays (or, for <see cref="PetitionAction.Resume"/>, returns to where it was);
/// <paramref name="RepeatEvent"/> is written instead of <paramref name="Event"/> when the petition already was in
/// <paramref name="To"/> (a second draft is not a second "En respuesta"). <paramref name="Liaisons"/>: besides the roles,
/// the liaisons of the routing's own area may take it.
/// </summary>
public sealed record PetitionStep(
    PetitionAction Action, StepScope Scope, string Name, string Verb, string Roles, IReadOnlySet<PetitionStatus> From,
    PetitionStatus? To, string Event, string? RepeatEvent = null, bool Liaisons = false)
{
    public bool Permits(PetitionStatus status) => From.Contains(status);

    public bool Permits(Actor actor, PetitionStatus status) => actor.IsAny(Roles) && Permits(status);

    /// <summary>The server's check, role first and then status, with the Spanish refusal of each.</summary>
    public void Require(Actor actor, Petition petition)
    {
        actor.Require(Name, Roles);
        RequireStatus(petition);
    }

    public void RequireStatus(Petition petition)
    {
        if (!Permits(petition.Status))
        {
            throw new RuleException($"No se puede {Verb} la petición {petition.Folio}: está {PetitionService.StatusLabel(petition.Status).ToLowerInvariant()}.");
        }
    }
}

/// <summary>
/// The petition's lifecycle (DESIGN §3.2) as one table: for each action, the statuses it starts from, the roles that
/// may take it, the status it leads to and the event it writes. <see cref="PetitionDetails.ActionsFor"/> shows the
/// buttons it permits and the services refuse what it forbids; both read it from here.
/// </summary>
public static class PetitionFlow
{
    private static readonly PetitionStatus[] AllStatuses = Enum.GetValues<PetitionStatus>();

    /// <summary>Where the petition is still being worked: it may be routed, paused or answered.</summary>
    public static IReadOnlySet<PetitionStatus> Workable { get; } =
        new HashSet<PetitionStatus> { PetitionStatus.Registrada, PetitionStatus.Turnada, PetitionStatus.EnRespuesta };

    public static IReadOnlySet<PetitionStatus> Open { get; } = AllStatuses.Where(PetitionDeadlines.IsOpen).ToHashSet();

    private static HashSet<PetitionStatus> Only(PetitionStatus status) => [status];

    public static IReadOnlyList<PetitionStep> Steps { get; } =
    [
        new(PetitionAction.Route, StepScope.Petition, "Turnar", "turnar", Roles.Attention, Workable, PetitionStatus.Turnada, PetitionEvents.Routed),
        new(PetitionAction.WaitForPetitioner, StepScope.Petition, "Pedir al usuario", "esperar al usuario", Roles.Attention, Workable,
            PetitionStatus.EsperandoUsuario, PetitionEvents.Waiting),
        new(PetitionAction.Resume, StepScope.Petition, "Registrar lo que entregó el usuario", "reanudar", Roles.Attention,
            Only(PetitionStatus.EsperandoUsuario), null, PetitionEvents.Resumed),
        new(PetitionAction.SaveDraft, StepScope.Petition, "Redactar la respuesta", "redactar la respuesta de", Roles.Attention, Workable,
            PetitionStatus.EnRespuesta, PetitionEvents.Answering, PetitionEvents.Draft),
        new(PetitionAction.SubmitForReview, StepScope.Petition, "Enviar a revisión", "enviar a revisión", Roles.Attention,
            Only(PetitionStatus.EnRespuesta), PetitionStatus.EnRevision, PetitionEvents.InReview),
        new(PetitionAction.Approve, StepScope.Petition, "Aprobar la respuesta", "aprobar la respuesta de", Roles.DireccionComercial,
            Only(PetitionStatus.EnRevision), PetitionStatus.Aprobada, PetitionEvents.Approved),
        new(PetitionAction.Return, StepScope.Petition, "Devolver la respuesta", "devolver la respuesta de", Roles.DireccionComercial,
            Only(PetitionStatus.EnRevision), PetitionStatus.EnRespuesta, PetitionEvents.Returned),
        new(PetitionAction.Deliver, StepScope.Petition, "Registrar la entrega", "entregar", Roles.Attention,
            Only(PetitionStatus.Aprobada), PetitionStatus.Entregada, PetitionEvents.Delivered),
        new(PetitionAction.Close, StepScope.Petition, "Cerrar el folio", "cerrar", Roles.OficialiaPartes,
            Only(PetitionStatus.Entregada), PetitionStatus.Cerrada, PetitionEvents.Closed),
        new(PetitionAction.Cancel, StepScope.Petition, "Cancelar", "cancelar", Roles.Attention, Open, PetitionStatus.Cancelada, PetitionEvents.Cancelled),
        new(PetitionAction.Forward, StepScope.Petition, "Turnar a Atención a Usuarios", "turnar a Atención a Usuarios", Roles.DireccionComercial,
            Open, null, PetitionEvents.ForwardedToAttention),

        new(PetitionAction.RegisterInPerson, StepScope.Registration, "Registrar una petición", "registrar", Roles.Attention,
            new HashSet<PetitionStatus>(), PetitionStatus.Registrada, PetitionEvents.Registered),
        new(PetitionAction.RegisterWritten, StepScope.Registration, "Registrar una petición por escrito", "registrar", Roles.WrittenRegistrars,
            new HashSet<PetitionStatus>(), PetitionStatus.Registrada, PetitionEvents.Registered),
        // The citizen files it at /tramite (no staff role: the intake service checks the code that confirms it).
        new(PetitionAction.RegisterOnline, StepScope.Registration, "Registrar una petición en línea", "registrar", "",
            new HashSet<PetitionStatus>(), PetitionStatus.Registrada, PetitionEvents.Registered),

        // A routing stays pending until its area answers, whatever the petition did meanwhile (it may have been answered
        // without waiting for that area): the routing's own state decides, so these start from any status.
        new(PetitionAction.AnswerRouting, StepScope.Routing, "Responder el turno", "responder el turno de", Roles.Attention,
            AllStatuses.ToHashSet(), null, PetitionEvents.AreaAnswer, Liaisons: true),
        new(PetitionAction.RequestProgress, StepScope.Routing, "Registrar el seguimiento", "dar seguimiento a", Roles.Attention,
            AllStatuses.ToHashSet(), null, PetitionEvents.ProgressRequest),
        new(PetitionAction.ReportProgress, StepScope.Routing, "Informar un avance", "informar un avance de", Roles.Attention,
            AllStatuses.ToHashSet(), null, PetitionEvents.AreaProgress, Liaisons: true),

        new(PetitionAction.AllAreasAnswered, StepScope.Automatic, "Todas las áreas respondieron", "pasar a respuesta", "",
            Only(PetitionStatus.Turnada), PetitionStatus.EnRespuesta, PetitionEvents.Answering),
        new(PetitionAction.CloseWithoutProof, StepScope.Automatic, "Cerrar sin acreditación", "cerrar sin acreditación", "",
            Only(PetitionStatus.EsperandoUsuario), PetitionStatus.CerradaSinAcreditacion, PetitionEvents.ClosedWithoutProof),
    ];

    private static readonly Dictionary<PetitionAction, PetitionStep> ByAction = Steps.ToDictionary(s => s.Action);

    public static PetitionStep Of(PetitionAction action) => ByAction[action];

    /// <summary>The petition-level actions the table permits <paramref name="actor"/> on a petition in <paramref name="status"/>.</summary>
    public static IEnumerable<PetitionAction> PermittedFor(Actor actor, PetitionStatus status)
        => Steps.Where(s => s.Scope == StepScope.Petition && s.Permits(actor, status)).Select(s => s.Action);

    /// <summary>
    /// The check of a routing-level step: the step's roles (Atención a Usuarios and the Director) act on any routing,
    /// an area liaison only on their own areas' routings and only where the step lets liaisons act.
    /// </summary>
    public static void RequireRouting(PetitionAction action, Actor actor, Routing routing)
    {
        var step = Of(action);
        if (MayWorkOn(step, actor, routing.AreaId)) return;
        if (!step.Liaisons) actor.Require(step.Name, step.Roles);
        throw new RuleException($"{step.Name}: ese turno es de otra área; solo lo atienden sus enlaces, Atención a Usuarios o la Dirección Comercial.", RuleKind.Forbidden);
    }

    public static bool MayWorkOn(PetitionStep step, Actor actor, int areaId)
        => actor.IsAny(step.Roles) || step.Liaisons && actor.IsAny(Roles.Area) && actor.AreaIds.Contains(areaId);
}

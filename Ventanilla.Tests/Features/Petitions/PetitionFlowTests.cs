using Ventanilla.Features.Shared;
namespace Ventanilla.Tests.Features.Petitions;

/// <summary>
/// Walks the state machine's table: every action, by every kind of account, on a petition in every status. The
/// service refuses exactly what the table forbids and does what it permits (the status and event it names), and the
/// petition page offers exactly the buttons it permits.
/// </summary>
public class PetitionFlowTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private readonly List<(string Name, Actor Actor)> _actors = [];
    private int _type, _operation, _legal;
    private string _drafter = "";

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        await using var db = _app.CreateDb();
        _type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
        _operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
        _legal = await db.Areas.Where(a => a.Name == "Jurídico").Select(a => a.Id).SingleAsync();
        var actors = _app.Get<Actors>();
        foreach (var role in Roles.All.Select(r => r.Key))
        {
            var user = await _app.AddUserAsync(role.ToLowerInvariant(), "Segura123", role);
            _actors.Add((role == Roles.Area ? "Área (su turno)" : role, await actors.ForUserAsync(user.Id)));
        }
        var other = await _app.Get<UserService>().CreateAsync(Actor.System, new UserInput("juridico", "Enlace de Jurídico", [Roles.Area], ["Jurídico"], "Segura123"));
        _actors.Add(("Área (turno de otra)", await actors.ForUserAsync(other.Id)));
        // Someone else wrote the drafts, so the Director's own-draft rule does not get in the way of the walk.
        _drafter = (await _app.AddUserAsync("redactora", "Segura123", Roles.AtencionUsuarios)).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// A letter (so it may be handed to Atención a Usuarios) in <paramref name="status"/>, with what that status
    /// implies: a pending routing to Operación, an open pause, or the response in its matching state.
    /// </summary>
    private async Task<Petition> SeedAsync(PetitionStatus status)
    {
        await using var db = _app.CreateDb();
        var petition = PetitionRows.Make(new(2026, 11, 3, 10, 0, 0), new(2026, 11, 3), _type, status, new(2026, 11, 25), PetitionChannel.Escrito);
        petition.Routings.Add(PetitionRows.Routing(_operation));
        if (status == PetitionStatus.EsperandoUsuario)
        {
            petition.Pauses.Add(new PetitionPause { Reason = PauseReason.Documents, StartDate = new(2026, 11, 10), StartedAtUtc = new(2026, 11, 10, 18, 0, 0, DateTimeKind.Utc) });
        }
        ResponseStatus? response = status switch
        {
            PetitionStatus.EnRespuesta => ResponseStatus.Draft,
            PetitionStatus.EnRevision => ResponseStatus.InReview,
            >= PetitionStatus.Aprobada => ResponseStatus.Approved,
            _ => null,
        };
        if (response is { } r)
        {
            petition.Responses.Add(new PetitionResponse { Text = "Respuesta", Status = r, DraftedByUserId = _drafter, DraftedAtUtc = new(2026, 11, 20, 18, 0, 0, DateTimeKind.Utc) });
        }
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return petition;
    }

    /// <summary>Takes the action with valid input, so only the role and the status can stand in its way.</summary>
    private Task<PetitionRef> TakeAsync(PetitionAction action, Actor actor, Petition p)
    {
        var petitions = _app.Get<PetitionService>();
        var responses = _app.Get<PetitionResponses>();
        var routing = p.Routings.Single();
        var now = _app.Get<OfficeClock>().Now().DateTime;
        return action switch
        {
            PetitionAction.Route => petitions.RouteAsync(actor, p.Id, p.Version, [_legal], null),
            PetitionAction.WaitForPetitioner => petitions.WaitForPetitionerAsync(actor, p.Id, p.Version, PauseReason.Documents, new(2026, 11, 26), null),
            PetitionAction.Resume => petitions.ResumeAsync(actor, p.Id, p.Version, null),
            PetitionAction.SaveDraft => responses.SaveDraftAsync(actor, p.Id, p.Version, "Se corrige el cobro."),
            PetitionAction.SubmitForReview => responses.SubmitForReviewAsync(actor, p.Id, p.Version),
            PetitionAction.Approve => responses.ApproveAsync(actor, p.Id, p.Version, null),
            PetitionAction.Return => responses.ReturnAsync(actor, p.Id, p.Version, "Corregir el monto."),
            PetitionAction.Deliver => responses.DeliverAsync(actor, p.Id, p.Version, "José Pérez", now, null),
            PetitionAction.Close => responses.CloseAsync(actor, p.Id, p.Version, null),
            PetitionAction.Cancel => petitions.CancelAsync(actor, p.Id, p.Version, "Lo pidió el usuario."),
            PetitionAction.Forward => responses.ForwardToAttentionAsync(actor, p.Id, p.Version, null),
            PetitionAction.AnswerRouting => petitions.AnswerRoutingAsync(actor, routing.Id, routing.Version, "Se revisó el medidor."),
            PetitionAction.RequestProgress => petitions.RecordFollowUpAsync(actor, routing.Id, FollowUpKind.ProgressRequest, null),
            PetitionAction.ReportProgress => petitions.RecordFollowUpAsync(actor, routing.Id, FollowUpKind.AreaReply, "Vamos a la mitad."),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not taken by a person on an existing petition."),
        };
    }

    /// <summary>What the table says; a routing step also lets the liaisons of the routing's area (Operación) act.</summary>
    private bool Permits(PetitionStep step, Actor actor, PetitionStatus status) => step.Scope == StepScope.Routing
        ? step.Permits(status) && PetitionFlow.MayWorkOn(step, actor, _operation)
        : step.Permits(actor, status);

    [Fact]
    public async Task Every_action_is_refused_where_the_table_forbids_it_and_done_where_it_permits()
    {
        var steps = PetitionFlow.Steps.Where(s => s.Scope is StepScope.Petition or StepScope.Routing).ToList();
        var failures = new List<string>();
        var permitted = 0;
        foreach (var step in steps)
        {
            foreach (var status in Enum.GetValues<PetitionStatus>())
            {
                foreach (var (name, actor) in _actors)
                {
                    var petition = await SeedAsync(status);
                    var expected = Permits(step, actor, status);
                    try
                    {
                        var result = await TakeAsync(step.Action, actor, petition);
                        if (!expected) { failures.Add($"{step.Action} by {name} in {status}: done, the table forbids it"); continue; }
                        permitted++;
                        await using var db = _app.CreateDb();
                        var events = await db.PetitionEvents.Where(e => e.PetitionId == petition.Id).Select(e => e.Kind).ToListAsync();
                        if (!events.Contains(step.Event) && !(step.RepeatEvent is { } repeat && events.Contains(repeat)))
                        {
                            failures.Add($"{step.Action} by {name} in {status}: wrote {string.Join(", ", events)}, not {step.Event}");
                        }
                        var to = step.To ?? (step.Action == PetitionAction.Resume ? PetitionStatus.Turnada : status);
                        if (step.Action == PetitionAction.AnswerRouting && status == PetitionStatus.Turnada) to = PetitionStatus.EnRespuesta;
                        if (result.Status != to) failures.Add($"{step.Action} by {name} in {status}: left it {result.Status}, the table says {to}");
                    }
                    catch (RuleException ex)
                    {
                        if (expected) failures.Add($"{step.Action} by {name} in {status}: refused ({ex.Message}), the table permits it");
                        else if (!ex.Message.Contains("le corresponde a") && !ex.Message.StartsWith("No se puede") && !ex.Message.Contains("ese turno es de otra área"))
                        {
                            failures.Add($"{step.Action} by {name} in {status}: refused for another reason ({ex.Message})");
                        }
                    }
                }
            }
        }
        Assert.Empty(failures);
        Assert.True(permitted > 100, $"only {permitted} permitted cases were walked");
    }

    [Fact]
    public async Task The_page_offers_exactly_the_buttons_the_table_permits()
    {
        var details = _app.Get<PetitionDetails>();
        var failures = new List<string>();
        foreach (var status in Enum.GetValues<PetitionStatus>())
        {
            var petition = await SeedAsync(status);
            var view = await details.FindAsync(petition.Folio) ?? throw new InvalidOperationException(petition.Folio);
            foreach (var (name, actor) in _actors)
            {
                var shown = details.ActionsFor(actor, view).Order().ToList();
                var table = PetitionFlow.Steps.Where(s => s.Scope == StepScope.Petition && s.Permits(actor, status)).Select(s => s.Action).Order().ToList();
                if (!shown.SequenceEqual(table)) failures.Add($"{name} in {status}: shows [{string.Join(", ", shown)}], the table permits [{string.Join(", ", table)}]");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Registration_is_refused_to_the_roles_the_table_does_not_name()
    {
        var registration = _app.Get<PetitionRegistration>();
        var step = PetitionFlow.Of(PetitionAction.RegisterWritten);
        var number = 0;
        foreach (var (name, actor) in _actors)
        {
            var input = new WrittenPetitionInput(new PetitionInput(_type, "Cobro excesivo", "José Pérez", false), $"OP-{++number}", new DateTime(2026, 11, 26, 10, 0, 0));
            if (actor.IsAny(step.Roles))
            {
                var created = await registration.RegisterWrittenAsync(actor, input);
                Assert.Equal(step.To, created.Status);
            }
            else
            {
                var refused = await Assert.ThrowsAsync<RuleException>(() => registration.RegisterWrittenAsync(actor, input));
                Assert.StartsWith($"{step.Name}: le corresponde a", refused.Message);
            }
        }
        var inPerson = PetitionFlow.Of(PetitionAction.RegisterInPerson);
        foreach (var (name, actor) in _actors.Where(a => !a.Actor.IsAny(inPerson.Roles)))
        {
            var refused = await Assert.ThrowsAsync<RuleException>(() => registration.RegisterFromVisitAsync(actor, 1, new PetitionInput(_type, "Fuga", "Ana", false)));
            Assert.StartsWith($"{inPerson.Name}: le corresponde a", refused.Message);
        }
    }

    [Fact]
    public void Every_step_writes_its_own_kind_of_event_and_every_action_has_one_row()
    {
        Assert.Equal(Enum.GetValues<PetitionAction>().Order(), PetitionFlow.Steps.Select(s => s.Action).Order());
        Assert.All(PetitionFlow.Steps.Where(s => s.Scope == StepScope.Automatic), s => Assert.Equal("", s.Roles));
        Assert.All(PetitionFlow.Steps.Where(s => s.Scope == StepScope.Petition), s => Assert.NotEmpty(s.From));
        Assert.DoesNotContain(PetitionFlow.Steps, s => s.From.Contains(PetitionStatus.Cerrada) && s.Scope == StepScope.Petition);
    }
}

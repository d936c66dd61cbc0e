namespace Ventanilla.Features.Petitions;

/// <summary>
/// How every change of a petition is made: load it with its routings and pauses in a write transaction, check
/// its version, apply the change, append the event, queue the petitioner's e-mail if the change is news to them and the
/// webhook deliveries its events call for, commit, and tell the live views.
/// </summary>
public sealed class PetitionChanges(
    IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, LiveUpdates live, Citizen.CitizenNotices notices, Webhooks.WebhookOutbox webhooks)
{
    public async Task<PetitionRef> ChangeAsync(int petitionId, long? expectedVersion, Func<AppDbContext, Petition, Task> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var petition = await db.Petitions.Include(p => p.Routings).Include(p => p.Pauses).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == petitionId, ct) ?? throw new RuleException("Esa petición no existe.");
        if (expectedVersion is { } v && petition.Version != v) throw Stale(petition.Folio);
        await change(db, petition);
        // Any change to the petition's parts is a change of the petition: its version moves, so a stale page is told.
        db.Entry(petition).State = EntityState.Modified;
        return await CommitAsync(db, petition, ct);
    }

    public async Task<PetitionRef> CommitAsync(AppDbContext db, Petition petition, CancellationToken ct)
    {
        // In the change's own transaction: the notice exists if and only if the change does.
        var noticed = notices.Add(db, petition) | db.ChangeTracker.Entries<Notice>().Any(e => e.State == EntityState.Added);
        // So are the webhook deliveries of the history lines it adds.
        await webhooks.AddForPetitionAsync(db, petition, ct);
        await db.SaveOrStaleAsync(Stale(petition.Folio).Message, ct);
        await db.Database.CommitTransactionAsync(ct);
        live.Publish(noticed ? LiveTopic.Petitions | LiveTopic.Notices : LiveTopic.Petitions);
        return new PetitionRef(petition.Id, petition.Folio, petition.Status, petition.DueDate, petition.Version);
    }

    public void Log(AppDbContext db, Petition petition, Actor? actor, string kind, PetitionStatus? from, PetitionStatus? to, string? note)
        => db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            AtUtc = office.UtcNow(),
            UserId = actor?.UserId,
            UserName = actor?.UserName ?? SystemName,
            Kind = kind,
            FromStatus = from,
            ToStatus = to,
            Note = note,
        });

    /// <summary>
    /// Takes <paramref name="step"/>: the petition goes to the step's status (or <paramref name="to"/>, for a step whose
    /// result depends on the petition) and the step's event is written. The caller has checked the step first.
    /// </summary>
    public void Take(AppDbContext db, Petition petition, Actor? actor, PetitionStep step, string? note, PetitionStatus? to = null)
    {
        if (to is not null && step.To is not null && to != step.To) throw new InvalidOperationException($"{step.Action} always leads to {step.To}.");
        var from = petition.Status;
        petition.Status = to ?? step.To ?? from;
        var kind = from == petition.Status && step.RepeatEvent is { } repeat ? repeat : step.Event;
        Log(db, petition, actor, kind, step.Scope == StepScope.Registration ? null : from, petition.Status, note);
    }

    /// <summary>The name in the history of what the app did by itself (the automatic closing).</summary>
    public const string SystemName = Actor.SystemName;

    public static RuleException Stale(string? folio = null)
        => global::Ventanilla.Features.Shared.Stale.Error(folio is null ? "la petición" : $"la petición {folio}");

    /// <summary>Trimmed text or null when empty; too long is refused naming the field.</summary>
    public static string? Text(string? value, string field, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return text.Length <= max ? text : throw new RuleException($"{RuleException.TooLong(field, max, text.Length)[..^1]}; lo escrito sigue en pantalla.");
    }
}

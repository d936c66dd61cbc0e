namespace Ventanilla.Features.Padron;

/// <summary>A petition on an account, as the clerk's panel shows it (with its light while open).</summary>
public sealed record AccountPetition(string Folio, int TypeId, string Type, PetitionStatus Status, DateTime ReceivedLocal, TrafficLight? Light, int? DaysLeft)
{
    public bool IsOpen => PetitionDeadlines.IsOpen(Status);
}

/// <summary>A visit on an account: when, for what, how it ended.</summary>
public sealed record AccountVisit(DateTime ArrivedLocal, string Category, VisitOutcome Outcome);

/// <summary>What the office has on an account: its petitions (open first) and its latest visits.</summary>
public sealed record AccountHistoryView(string AccountNumber, IReadOnlyList<AccountPetition> Petitions, IReadOnlyList<AccountVisit> Visits)
{
    /// <summary>The open petitions of a type on this account: a second one of the same type is most likely a duplicate.</summary>
    public IReadOnlyList<AccountPetition> OpenOfType(int? typeId) => [.. Petitions.Where(p => p.IsOpen && p.TypeId == typeId)];
}

/// <summary>
/// An account's petitions and visits on one panel, where the clerk serves a visitor and where a petition is registered,
/// so a repeat visitor is recognised and a second open petition of the same type is seen before it is registered.
/// </summary>
public sealed class AccountHistory(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office)
{
    public const int Shown = 10;

    public async Task<AccountHistoryView?> ForAsync(Actor actor, string? accountNumber, CancellationToken ct = default)
    {
        actor.Require("Ver lo que hay en una cuenta", PadronLookup.ReaderRoles);
        var account = accountNumber?.Trim();
        if (string.IsNullOrEmpty(account)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var petitions = await db.Petitions.AsNoTracking().Where(p => p.AccountNumber == account)
            .OrderBy(p => p.Status >= PetitionStatus.Entregada).ThenByDescending(p => p.Id).Take(Shown)
            .Select(p => new { p.Folio, p.PetitionTypeId, Type = p.PetitionType!.Name, p.Status, p.ReceivedAtUtc, p.DueDate, p.DayZero })
            .ToListAsync(ct);
        var visits = await db.Visits.AsNoTracking().Where(v => v.AccountNumber == account || v.Customer!.AccountNumber == account)
            .OrderByDescending(v => v.Id).Take(Shown)
            .Select(v => new { v.ArrivedAtUtc, Category = v.ServiceCategory!.Name, v.Outcome })
            .ToListAsync(ct);
        var clock = calendar.Clock();
        return new AccountHistoryView(account,
            [.. petitions.Select(p =>
            {
                var open = PetitionDeadlines.IsOpen(p.Status);
                var paused = p.Status == PetitionStatus.EsperandoUsuario;
                return new AccountPetition(p.Folio, p.PetitionTypeId, p.Type, p.Status, office.ToLocal(p.ReceivedAtUtc),
                    open ? clock.Light(p.DueDate, paused) : null, open ? clock.DaysLeft(p.DueDate, dayZero: p.DayZero) : null);
            })],
            [.. visits.Select(v => new AccountVisit(office.ToLocal(v.ArrivedAtUtc), v.Category, v.Outcome))]);
    }
}

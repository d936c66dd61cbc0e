using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;

namespace Ventanilla.Features.Deadlines;

/// <summary>
/// The legal clock applied to a stored petition: its pauses, its due dates, and keeping them right when the
/// calendar changes. Only open petitions move; a delivered or closed one keeps the due date and on-time
/// outcome it closed with.
/// </summary>
public static class PetitionDeadlines
{
    public const string RecalculatedEvent = "Vencimiento recalculado";

    /// <summary>Open = the office still owes the petitioner an answer (before delivery).</summary>
    public static bool IsOpen(PetitionStatus status) => status < PetitionStatus.Entregada;

    /// <summary>
    /// Open at the end of a past day (<paramref name="asOf"/>, whose next instant is <paramref name="endUtc"/>): received
    /// by then and not yet answered or closed by then. A petition closed now was open then only if a date says it closed
    /// later; one closed without any date (a legacy «Concluido» with no dates) never counts as open, as the register
    /// shows it. For today this is exactly <see cref="IsOpen"/>, so the indicators, the list and the boards agree.
    /// </summary>
    public static Expression<Func<Petition, bool>> OpenAt(DateOnly asOf, DateTime endUtc)
        => p => p.ReceivedAtUtc < endUtc
                && (p.Status < PetitionStatus.Entregada || p.ResponseDate > asOf || p.ClosedAtUtc >= endUtc)
                && (p.ResponseDate == null || p.ResponseDate > asOf);

    public static IReadOnlyList<ClockPause> PausesOf(Petition petition)
        => [.. petition.Pauses.OrderBy(p => p.StartDate).Select(p => new ClockPause(p.StartDate, p.EndDate))];

    public static DateOnly DueDateOf(LegalClock clock, Petition petition)
        => clock.DueDate(petition.ReceptionDay, petition.TermDays, PausesOf(petition));

    /// <summary>The ownership-proof due date while a third party has been asked to prove ownership; else null.</summary>
    public static DateOnly? ProofDueDateOf(LegalClock clock, Petition petition)
    {
        var open = petition.Pauses.Where(p => p.Reason == PauseReason.OwnershipProof && p.EndDate is null)
            .OrderByDescending(p => p.StartDate).FirstOrDefault();
        return open is null ? null : clock.ProofDueDate(open.StartDate);
    }

    /// <summary>
    /// Recomputes the due dates of the open petitions whose window may contain a day on or after
    /// <paramref name="changedFrom"/>, logs each move in the petition's history, and returns how many moved.
    /// The caller saves, inside the same transaction as the calendar change.
    /// </summary>
    public static async Task<int> RecomputeOpenAsync(
        AppDbContext db, LegalClock clock, DateOnly changedFrom, string why, string userName, DateTime nowUtc, CancellationToken ct)
    {
        var candidates = await db.Petitions
            .Where(p => p.Status < PetitionStatus.Entregada && (p.DueDate >= changedFrom || p.ProofDueDate >= changedFrom))
            .Include(p => p.Pauses)
            .AsSplitQuery()
            .ToListAsync(ct);
        var moved = 0;
        foreach (var petition in candidates)
        {
            var due = DueDateOf(clock, petition);
            var proof = ProofDueDateOf(clock, petition);
            if (due == petition.DueDate && proof == petition.ProofDueDate) continue;

            var changes = new List<string>();
            if (due != petition.DueDate) changes.Add($"fecha límite {petition.DueDate:dd/MM/yyyy} → {due:dd/MM/yyyy}");
            if (proof != petition.ProofDueDate) changes.Add($"límite para acreditar la propiedad {petition.ProofDueDate:dd/MM/yyyy} → {proof:dd/MM/yyyy}");
            petition.DueDate = due;
            petition.ProofDueDate = proof;
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                AtUtc = nowUtc,
                UserName = userName,
                Kind = RecalculatedEvent,
                FromStatus = petition.Status,
                ToStatus = petition.Status,
                Note = $"{Capitalize(string.Join("; ", changes))}. Motivo: {why}",
            });
            moved++;
        }
        return moved;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

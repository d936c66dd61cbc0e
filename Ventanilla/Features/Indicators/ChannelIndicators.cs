namespace Ventanilla.Features.Indicators;

/// <summary>
/// One month of how petitions arrive and how third parties proved ownership: received by letter and online (in person
/// is the rest of the month's total), ownership proofs accepted online and brought in person (by the day the wait
/// ended), and petitions closed because the proof never came. Thirteen of them show the online channel's effect
/// before and after it opened.
/// </summary>
public sealed record ChannelMonth(DateOnly Month, int Written, int Online, int ProofsOnline, int ProofsInPerson, int ClosedWithoutProof);

/// <summary>Reads the month and the twelve before it for <see cref="IndicatorService"/>, on its own connection.</summary>
public static class ChannelIndicators
{
    public static async Task<IReadOnlyList<ChannelMonth>> LoadAsync(
        AppDbContext db, OfficeClock office, DateOnly trendFirst, DateOnly month, int? officeId, CancellationToken ct)
    {
        var startUtc = office.ToUtc(trendFirst.ToDateTime(TimeOnly.MinValue));
        var endUtc = office.ToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue));
        var last = month.AddMonths(1).AddDays(-1);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var petitions = snapshot.Rows<Petition>();
        if (officeId is { } only) petitions = petitions.Where(p => p.OfficeId == only);
        // Letters and online requests are a small share of a city's register: read through their own filtered index.
        var remote = await petitions.Where(p => p.Channel != PetitionChannel.Presencial && p.ReceivedAtUtc >= startUtc && p.ReceivedAtUtc < endUtc)
            .Select(p => new { p.Channel, p.ReceivedAtUtc }).ToListAsync(ct);
        var proofs = await snapshot.Rows<PetitionPause>()
            .Where(x => x.Reason == PauseReason.OwnershipProof && x.EndDate >= trendFirst && x.EndDate <= last
                && (x.EndedHow == PauseEnd.Online || x.EndedHow == PauseEnd.InPerson))
            .Join(petitions, x => x.PetitionId, p => p.Id, (x, p) => new { x.EndDate, x.EndedHow })
            .ToListAsync(ct);
        var expired = await petitions.Where(p => (int)p.Status + 0 == (int)PetitionStatus.CerradaSinAcreditacion && p.ClosedAtUtc >= startUtc && p.ClosedAtUtc < endUtc)
            .Select(p => p.ClosedAtUtc!.Value).ToListAsync(ct);

        DateOnly MonthOfUtc(DateTime utc) => MonthOf(DateOnly.FromDateTime(office.ToLocal(utc)));
        var result = new List<ChannelMonth>();
        for (var m = trendFirst; m <= month; m = m.AddMonths(1))
        {
            result.Add(new ChannelMonth(m,
                remote.Count(r => r.Channel == PetitionChannel.Escrito && MonthOfUtc(r.ReceivedAtUtc) == m),
                remote.Count(r => r.Channel == PetitionChannel.EnLinea && MonthOfUtc(r.ReceivedAtUtc) == m),
                proofs.Count(x => x.EndedHow == PauseEnd.Online && MonthOf(x.EndDate!.Value) == m),
                proofs.Count(x => x.EndedHow == PauseEnd.InPerson && MonthOf(x.EndDate!.Value) == m),
                expired.Count(c => MonthOfUtc(c) == m)));
        }
        return result;
    }

    private static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}

using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Deadlines;

/// <summary>
/// Holds the business calendar in memory (federal days plus the organismo's days from the database) and
/// hands out the legal clock built on it. Reloaded when the organismo's days or the settings change.
/// </summary>
public sealed class CalendarService(IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office, TimeProvider time)
{
    private volatile BusinessCalendar? _current;

    public BusinessCalendar Current => _current ?? Load();

    public LegalClock Clock()
    {
        var s = settings.Current;
        var terms = new ClockTerms(s.ResponseTermDays, s.OwnershipProofTermDays, s.YellowThresholdDays, s.OfficeOpens, s.OfficeCloses);
        return new LegalClock(Current, terms, office.Zone, time);
    }

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _current = new BusinessCalendar(await OrganismoDays(db).ToListAsync(ct));
    }

    private BusinessCalendar Load()
    {
        using var db = dbFactory.CreateDbContext();
        return _current = new BusinessCalendar(OrganismoDays(db).ToList());
    }

    private static IQueryable<OrganismoDay> OrganismoDays(AppDbContext db)
        => db.NonWorkingDays.AsNoTracking().Select(d => new OrganismoDay(d.StartDate, d.EndDate, d.Description));

    /// <summary>Parses the CLI's WHEN: <c>yyyy-MM-dd</c> (counted as received during office hours) or <c>yyyy-MM-dd HH:mm</c>.</summary>
    public static DateTime ParseWhen(string when)
    {
        var text = when.Trim();
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", null, System.Globalization.DateTimeStyles.None, out var withTime))
        {
            return withTime;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date))
        {
            return date.ToDateTime(new TimeOnly(9, 0));
        }
        throw new RuleException($"Fecha y hora '{when}' no válida: use yyyy-MM-dd o yyyy-MM-dd HH:mm (por ejemplo 2026-11-13 16:30).");
    }
}

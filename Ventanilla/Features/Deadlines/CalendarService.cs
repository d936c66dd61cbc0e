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

    public const int MaxDescriptionLength = 200;

    public async Task<IReadOnlyList<NonWorkingDay>> ListOrganismoDaysAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NonWorkingDays.AsNoTracking().OrderBy(d => d.StartDate).ToListAsync(ct);
    }

    /// <summary>
    /// Adds one organismo non-working day or range. Refuses reversed ranges, empty descriptions and days that
    /// are already non-working days of the organismo, naming the field and the date.
    /// </summary>
    public async Task<NonWorkingDay> AddOrganismoDayAsync(DateOnly start, DateOnly? end, string? description, CancellationToken ct = default)
    {
        var last = end ?? start;
        if (last < start)
        {
            throw new RuleException($"FechaFin: {last:dd/MM/yyyy} es anterior a Fecha {start:dd/MM/yyyy}.");
        }
        var text = description?.Trim() ?? "";
        if (text.Length == 0) throw new RuleException("Descripción: es obligatoria (por ejemplo \"Vacaciones de Semana Santa\").");
        if (text.Length > MaxDescriptionLength) throw new RuleException($"Descripción: admite a lo más {MaxDescriptionLength} caracteres.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var overlapping = await db.NonWorkingDays.AsNoTracking()
            .Where(d => d.StartDate <= last && d.EndDate >= start)
            .OrderBy(d => d.StartDate)
            .FirstOrDefaultAsync(ct);
        if (overlapping is not null)
        {
            throw new RuleException(
                $"Fecha: del {start:dd/MM/yyyy} al {last:dd/MM/yyyy} se cruza con \"{overlapping.Description}\" " +
                $"({overlapping.StartDate:dd/MM/yyyy}–{overlapping.EndDate:dd/MM/yyyy}), que ya es día inhábil del organismo.");
        }
        var day = new NonWorkingDay { StartDate = start, EndDate = last, Description = text, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
        db.NonWorkingDays.Add(day);
        await db.SaveChangesAsync(ct);
        await ReloadAsync(ct);
        return day;
    }

    public async Task RemoveOrganismoDayAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var day = await db.NonWorkingDays.SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new RuleException("Ese día inhábil ya no existe; se recargó la lista.");
        db.NonWorkingDays.Remove(day);
        await db.SaveChangesAsync(ct);
        await ReloadAsync(ct);
    }

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

using System.Runtime.CompilerServices;
using Ventanilla.Features.Privacy;

namespace Ventanilla.Features.Reception;

/// <param name="OfficeIds">Only these offices' visits; null: every office's.</param>
public sealed record VisitFilter(
    DateOnly From, DateOnly To, int? CategoryId = null, VisitOutcome? Outcome = null, string? Text = null, IReadOnlyCollection<int>? OfficeIds = null);

/// <summary>One row of the Control de Usuarios (ON-GAU-12), times in the office's local time.</summary>
public sealed record VisitRow(
    int Id, DateOnly ServiceDate, DateTime ArrivedLocal, string Turn, string Category, string? Person, string? AccountNumber, string? Phone,
    string Preferential, int? DeskNumber, string? Staff, DateTime? CalledLocal, DateTime? StartedLocal, DateTime? FinishedLocal,
    int? WaitMinutes, int? ServiceMinutes, VisitOutcome Outcome, string? Note, string? PetitionType, string? PetitionSubject);

/// <summary>The Control de Usuarios: the register of visits for a day or a range, and its CSV export.</summary>
public sealed class VisitRegisterService(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    public const int MaxRangeDays = 366;

    public static readonly string[] CsvHeader =
    [
        "Fecha", "Llegada", "Turno", "Categoría", "Usuario", "Número de cuenta", "Teléfono", "Atención preferente", "Módulo",
        "Atendió", "Llamado", "Inicio de atención", "Fin", "Espera (min)", "Atención (min)", "Resultado", "Nota",
        "Tipo de petición", "Asunto de la petición",
    ];

    public async Task<IReadOnlyList<VisitRow>> ListAsync(VisitFilter filter, CancellationToken ct = default)
    {
        var rows = new List<VisitRow>();
        await foreach (var row in RowsAsync(filter, ct)) rows.Add(row);
        return rows;
    }

    /// <summary>The register's rows as they are read (the export writes them out one by one).</summary>
    private async IAsyncEnumerable<VisitRow> RowsAsync(VisitFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Check(filter);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Visits.AsNoTracking().Where(v => v.ServiceDate >= filter.From && v.ServiceDate <= filter.To);
        if (filter.CategoryId is { } category) query = query.Where(v => v.ServiceCategoryId == category);
        if (filter.OfficeIds is { } offices) query = query.Where(v => offices.Contains(v.OfficeId));
        if (filter.Outcome is { } outcome) query = query.Where(v => v.Outcome == outcome);
        var rows = query.OrderBy(v => v.ArrivedAtUtc).ThenBy(v => v.Id).Select(v => new
        {
            v.Id, v.ServiceDate, v.ArrivedAtUtc,
            Turn = v.Tickets.OrderByDescending(t => t.Id).Select(t => t.Code).FirstOrDefault(),
            Category = v.ServiceCategory!.Name,
            Person = v.Customer != null ? v.Customer.Name : v.VisitorName,
            Account = v.Customer != null && v.Customer.AccountNumber != null ? v.Customer.AccountNumber : v.AccountNumber,
            Phone = v.Customer != null && v.Customer.Phone != null ? v.Customer.Phone : v.Phone,
            v.Preferential,
            DeskNumber = v.Desk != null ? (int?)v.Desk.Number : null,
            Staff = v.StaffUser != null ? v.StaffUser.FullName : null,
            v.CalledAtUtc, v.ServiceStartedAtUtc, v.FinishedAtUtc, v.Outcome, v.OutcomeNote,
            PetitionType = v.DraftPetitionType != null ? v.DraftPetitionType.Name : null,
            v.DraftSubject,
        }).AsAsyncEnumerable();

        // Names are folded here, not in SQL, so accents never matter.
        var words = string.IsNullOrWhiteSpace(filter.Text) ? [] : TextFold.Fold(filter.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await foreach (var v in rows.WithCancellation(ct))
        {
            var row = new VisitRow(
                v.Id, v.ServiceDate, office.ToLocal(v.ArrivedAtUtc), v.Turn ?? "", v.Category, v.Person, v.Account, v.Phone,
                VisitorRules.Label(v.Preferential), v.DeskNumber, v.Staff,
                Local(v.CalledAtUtc), Local(v.ServiceStartedAtUtc), Local(v.FinishedAtUtc),
                Minutes(v.ArrivedAtUtc, v.CalledAtUtc), Minutes(v.ServiceStartedAtUtc, v.FinishedAtUtc),
                v.Outcome, v.OutcomeNote, v.PetitionType, v.DraftSubject);
            if (words.Length > 0 && !words.All(TextFold.Fold($"{row.Turn} {row.Person} {row.AccountNumber} {row.Phone} {row.Staff} {row.Note}").Contains)) continue;
            yield return row;
        }
    }

    /// <summary>The register as CSV for auditors: UTF-8 with BOM, Spanish headers, dates dd/MM/yyyy, formula-safe cells.</summary>
    public async Task<int> WriteAsync(Stream output, VisitFilter filter, CancellationToken ct = default)
    {
        // The filter's mistakes (a reversed range) are reported before anything is written.
        Check(filter);
        return await CsvFiles.WriteAsync(output, CsvHeader, Lines(RowsAsync(filter, ct)), ct);
    }

    private static async IAsyncEnumerable<string?[]> Lines(IAsyncEnumerable<VisitRow> rows)
    {
        await foreach (var r in rows)
        {
            yield return
            [
                r.ServiceDate.ToString("dd/MM/yyyy"), r.ArrivedLocal.ToString("HH:mm"), r.Turn, r.Category, r.Person, r.AccountNumber, r.Phone,
                r.Preferential, r.DeskNumber?.ToString(), r.Staff, Time(r.CalledLocal), Time(r.StartedLocal), Time(r.FinishedLocal),
                r.WaitMinutes?.ToString(), r.ServiceMinutes?.ToString(), VisitorRules.Label(r.Outcome), r.Note, r.PetitionType, r.PetitionSubject,
            ];
        }
    }

    /// <summary>The register's CSV as the access log records it: the period and the filter.</summary>
    public static PersonalRead ExportRead(VisitFilter filter) => new(PersonalDataKind.ExportacionVisitas, Period(filter), Detail: Narrowed(filter));

    /// <summary>The register on screen as the access log records it: the period, the filter and how many visits it showed.</summary>
    public static PersonalRead ScreenRead(VisitFilter filter, int shown)
        => new(PersonalDataKind.RegistroVisitas, Period(filter), Detail: string.Join("; ", new[] { Narrowed(filter), Spanish.Count(shown, "visita mostrada", "visitas mostradas") }.Where(t => t is not null)));

    private static string Period(VisitFilter filter) => filter.From == filter.To ? $"{filter.From:dd/MM/yyyy}" : $"Del {filter.From:dd/MM/yyyy} al {filter.To:dd/MM/yyyy}";

    private static string? Narrowed(VisitFilter filter)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(filter.Text)) parts.Add($"texto «{filter.Text.Trim()}»");
        if (filter.CategoryId is { } category) parts.Add($"categoría {category}");
        if (filter.Outcome is { } outcome) parts.Add($"resultado {VisitorRules.Label(outcome)}");
        if (filter.OfficeIds is { Count: > 0 } offices) parts.Add($"oficina {string.Join(", ", offices)}");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>A period the register can be read for: in order, and at most a year.</summary>
    public static void Check(VisitFilter filter)
    {
        if (filter.To < filter.From) throw new RuleException($"Hasta: {filter.To:dd/MM/yyyy} es anterior a Desde {filter.From:dd/MM/yyyy}.");
        if (filter.To.DayNumber - filter.From.DayNumber >= MaxRangeDays) throw new RuleException("El periodo puede ser de a lo más un año.");
    }

    private DateTime? Local(DateTime? utc) => utc is { } u ? office.ToLocal(u) : null;

    private static int? Minutes(DateTime? from, DateTime? to)
        => from is { } f && to is { } t ? (int)Math.Round((t - f).TotalMinutes, MidpointRounding.AwayFromZero) : null;

    private static string? Time(DateTime? local) => local?.ToString("HH:mm");
}

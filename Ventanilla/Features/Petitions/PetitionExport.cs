using Ventanilla.Features.Privacy;

namespace Ventanilla.Features.Petitions;

/// <summary>
/// The Control de Peticiones (ON-GAU-02) as CSV for auditors and for moving data: UTF-8 with BOM, comma,
/// formula-safe cells, dates yyyy-MM-dd, the columns in the order the issue fixes (the legacy import reads it back).
/// </summary>
public sealed class PetitionExport(PetitionQueries queries, CalendarService calendar, OfficeClock office)
{
    /// <summary>The whole register as CSV, as the access log records it (the page's button and the console's verb).</summary>
    public static readonly PersonalRead Read = new(PersonalDataKind.ExportacionPeticiones, "Control de Peticiones completo");

    public static readonly string[] Header =
    [
        "Folio", "FolioOficialia", "FechaRecepcion", "Canal", "Solicitante", "EsTercero", "NumeroCuenta", "ClaveCatastral", "Telefono",
        "Domicilio", "TipoPeticion", "Asunto", "AreasTurnadas", "Estatus", "FechaLimite", "FechaLimiteAcreditacion", "DiasHabilesRestantes",
        "Semaforo", "FechaRespuesta", "FechaCierre", "ATiempo", "Observaciones",
    ];

    /// <summary>Writes the register to <paramref name="output"/> row by row; returns how many petitions it holds.</summary>
    public Task<int> WriteAsync(Stream output, PetitionFilter filter, CancellationToken ct = default)
    {
        var clock = calendar.Clock();
        return CsvFiles.WriteAsync(output, Header, Lines(queries.ExportRowsAsync(filter, ct), clock), ct);
    }

    private async IAsyncEnumerable<string?[]> Lines(IAsyncEnumerable<PetitionExportRow> rows, LegalClock clock)
    {
        await foreach (var r in rows)
        {
            var open = PetitionDeadlines.IsOpen(r.Status);
            yield return
            [
                r.Folio, r.OficialiaFolio, Date(DateOnly.FromDateTime(office.ToLocal(r.ReceivedAtUtc))),
                PetitionChannels.Label(r.Channel), r.Petitioner, YesNo(r.IsThirdParty), r.AccountNumber,
                r.CadastralKey, r.Phone, r.Address, r.Type, r.Subject, string.Join(" | ", r.Areas.Distinct()), PetitionService.StatusLabel(r.Status),
                Date(r.DueDate), Date(r.ProofDueDate), open ? clock.DaysLeft(r.DueDate, dayZero: r.DayZero).ToString() : "",
                open ? TrafficLights.Label(clock.Light(r.DueDate, r.Status == PetitionStatus.EsperandoUsuario)) : "",
                Date(r.ResponseDate), Date(r.ClosedAtUtc is { } c ? DateOnly.FromDateTime(office.ToLocal(c)) : null),
                r.OnTime is { } onTime ? YesNo(onTime) : "", r.Notes,
            ];
        }
    }

    private static string YesNo(bool value) => value ? "Sí" : "No";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd") ?? "";
}

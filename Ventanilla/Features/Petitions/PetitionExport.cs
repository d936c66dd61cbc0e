using Ventanilla.Data;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Petitions;

/// <summary>
/// The Control de Peticiones (ON-GAU-02) as CSV for auditors and for moving data: UTF-8 with BOM, comma,
/// formula-safe cells, dates yyyy-MM-dd, the columns in the order the issue fixes (the legacy import reads it back).
/// </summary>
public sealed class PetitionExport(PetitionQueries queries, CalendarService calendar, OfficeClock office)
{
    public static readonly string[] Header =
    [
        "Folio", "FolioOficialia", "FechaRecepcion", "Canal", "Solicitante", "EsTercero", "NumeroCuenta", "ClaveCatastral", "Telefono",
        "Domicilio", "TipoPeticion", "Asunto", "AreasTurnadas", "Estatus", "FechaLimite", "FechaLimiteAcreditacion", "DiasHabilesRestantes",
        "Semaforo", "FechaRespuesta", "FechaCierre", "ATiempo", "Observaciones",
    ];

    public async Task<(byte[] Bytes, int Count)> ExportAsync(PetitionFilter filter, CancellationToken ct = default)
    {
        var rows = await queries.ExportRowsAsync(filter, ct);
        var clock = calendar.Clock();
        var lines = rows.Select(r =>
        {
            var open = PetitionDeadlines.IsOpen(r.Status);
            return new string?[]
            {
                r.Folio, r.OficialiaFolio, Date(DateOnly.FromDateTime(office.ToLocal(r.ReceivedAtUtc))),
                r.Channel == PetitionChannel.Escrito ? "Escrito" : "Presencial", r.Petitioner, YesNo(r.IsThirdParty), r.AccountNumber,
                r.CadastralKey, r.Phone, r.Address, r.Type, r.Subject, string.Join(" | ", r.Areas.Distinct()), PetitionService.StatusLabel(r.Status),
                Date(r.DueDate), Date(r.ProofDueDate), open ? clock.DaysLeft(r.DueDate).ToString() : "",
                open ? clock.Light(r.DueDate, r.Status == PetitionStatus.EsperandoUsuario).ToString() : "",
                Date(r.ResponseDate), Date(r.ClosedAtUtc is { } c ? DateOnly.FromDateTime(office.ToLocal(c)) : null),
                r.OnTime is { } onTime ? YesNo(onTime) : "", r.Notes,
            };
        }).ToList();
        return (await CsvFiles.ToBytesAsync(Header, lines, ct), lines.Count);
    }

    private static string YesNo(bool value) => value ? "Sí" : "No";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd") ?? "";
}

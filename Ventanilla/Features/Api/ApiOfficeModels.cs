using System.Text.Json.Serialization;
using Ventanilla.Features.Appointments;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Padron;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Api;

public sealed record ApiQueueLine(
    [property: JsonPropertyName("letra")] string Letter,
    [property: JsonPropertyName("categoria")] string Name,
    [property: JsonPropertyName("oficina")] int OfficeId,
    [property: JsonPropertyName("enEspera")] int Waiting,
    [property: JsonPropertyName("preferentes")] int Preferential,
    [property: JsonPropertyName("esperaMasLargaMinutos")] int? LongestWaitMinutes);

public sealed record ApiCall(
    [property: JsonPropertyName("turno")] string Code,
    [property: JsonPropertyName("modulo")] string Desk,
    [property: JsonPropertyName("numeroModulo")] int DeskNumber,
    [property: JsonPropertyName("llamado")] DateTime CalledAt,
    [property: JsonPropertyName("vecesLlamado")] int CallCount,
    [property: JsonPropertyName("cita")] bool IsAppointment);

/// <summary>The day's queue as the waiting room sees it: turns and desks, never a name.</summary>
public sealed record ApiQueue(
    [property: JsonPropertyName("fecha")] DateOnly Day,
    [property: JsonPropertyName("enEspera")] int Waiting,
    [property: JsonPropertyName("enAtencion")] int InService,
    [property: JsonPropertyName("atendidosHoy")] int ServedToday,
    [property: JsonPropertyName("categorias")] IReadOnlyList<ApiQueueLine> Lines,
    [property: JsonPropertyName("ultimosLlamados")] IReadOnlyList<ApiCall> RecentCalls)
{
    public static ApiQueue Of(QueueBoard board, DateTime nowUtc, Func<DateTime, DateTime> toLocal) => new(
        board.ServiceDate, board.TotalWaiting, board.InService, board.ServedToday,
        [.. board.Categories.Select(c => new ApiQueueLine(c.Letter, c.Name, c.OfficeId, c.Waiting, c.PreferentialWaiting,
            c.OldestArrivalUtc is { } oldest ? (int)Math.Max(0, (nowUtc - oldest).TotalMinutes) : null))],
        [.. board.RecentCalls.Select(c => new ApiCall(c.Code, c.DeskName, c.DeskNumber, toLocal(c.CalledAtUtc), c.CallCount, c.IsAppointment))]);
}

public sealed record ApiAppointment(
    [property: JsonPropertyName("codigo")] string Code,
    [property: JsonPropertyName("estado")] string Status,
    [property: JsonPropertyName("fecha")] DateOnly Day,
    [property: JsonPropertyName("hora")] string Start,
    [property: JsonPropertyName("minutos")] int Minutes,
    [property: JsonPropertyName("servicio")] string Service,
    [property: JsonPropertyName("oficina")] string Office,
    [property: JsonPropertyName("nombre")] string Name,
    [property: JsonPropertyName("telefono")] string? Phone,
    [property: JsonPropertyName("correo")] string? Email,
    [property: JsonPropertyName("cuenta")] string? Account,
    [property: JsonPropertyName("folio")] string? Folio)
{
    public static ApiAppointment Of(AppointmentRow a) => new(a.Code, a.Status.ToString(), a.Day, a.Start.ToString("HH:mm"), a.SlotMinutes, a.ServiceName,
        a.OfficeName, a.Name, a.Phone, a.Email, a.AccountNumber, a.Folio);
}

public sealed record ApiAccount(
    [property: JsonPropertyName("cuenta")] string Account,
    [property: JsonPropertyName("titular")] string Holder,
    [property: JsonPropertyName("domicilio")] string Address,
    [property: JsonPropertyName("claveCatastral")] string? CadastralKey,
    [property: JsonPropertyName("tipoServicio")] string? ServiceType,
    [property: JsonPropertyName("estatus")] string Status,
    [property: JsonPropertyName("telefono")] string? Phone,
    [property: JsonPropertyName("fechaSaldo")] DateOnly? BalanceDate)
{
    public static ApiAccount Of(AccountMatch a) => new(a.AccountNumber, a.HolderName, a.Address, a.CadastralKey, a.ServiceType, a.Status.ToString(), a.HolderPhone, a.BalanceDate);
}

public sealed record ApiPadronResult(
    [property: JsonPropertyName("padronDel")] DateTime? ImportedAt,
    [property: JsonPropertyName("cuentas")] IReadOnlyList<ApiAccount> Accounts);

public sealed record ApiPetitionStats(
    [property: JsonPropertyName("grupo")] string Group,
    [property: JsonPropertyName("recibidas")] int Received,
    [property: JsonPropertyName("respondidas")] int Closed,
    [property: JsonPropertyName("respondidasATiempo")] int ClosedOnTime,
    [property: JsonPropertyName("porcentajeATiempo")] double? OnTimePercent,
    [property: JsonPropertyName("promedioDias")] double? AverageDays,
    [property: JsonPropertyName("abiertas")] int Open)
{
    public static ApiPetitionStats Of(PetitionStats s) => new(s.Group, s.Received, s.Closed, s.ClosedOnTime, Round(s.OnTimePercent), Round(s.AverageDays), s.Open);

    internal static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}

public sealed record ApiVisitStats(
    [property: JsonPropertyName("grupo")] string Group,
    [property: JsonPropertyName("visitas")] int Visits,
    [property: JsonPropertyName("esperaPromedioMinutos")] double? AverageWait,
    [property: JsonPropertyName("esperaP90Minutos")] double? P90Wait,
    [property: JsonPropertyName("atencionPromedioMinutos")] double? AverageService,
    [property: JsonPropertyName("atendidas")] int Attended,
    [property: JsonPropertyName("resueltasAlMomento")] int ResolvedOnSpot)
{
    public static ApiVisitStats Of(VisitStats s) => new(s.Group, s.Visits, ApiPetitionStats.Round(s.AverageWaitMinutes), ApiPetitionStats.Round(s.P90WaitMinutes),
        ApiPetitionStats.Round(s.AverageServiceMinutes), s.Attended, s.ResolvedOnSpot);
}

/// <summary>A month's indicators (the same numbers as the Indicadores page and its CSV files).</summary>
public sealed record ApiIndicators(
    [property: JsonPropertyName("mes")] string Month,
    [property: JsonPropertyName("corte")] DateOnly AsOf,
    [property: JsonPropertyName("peticiones")] ApiPetitionStats Petitions,
    [property: JsonPropertyName("peticionesPorArea")] IReadOnlyList<ApiPetitionStats> ByArea,
    [property: JsonPropertyName("peticionesPorTipo")] IReadOnlyList<ApiPetitionStats> ByType,
    [property: JsonPropertyName("cerradasSinRespuesta")] int ClosedWithoutAnswer,
    [property: JsonPropertyName("visitas")] ApiVisitStats Visits,
    [property: JsonPropertyName("visitasPorCategoria")] IReadOnlyList<ApiVisitStats> ByCategory)
{
    public static ApiIndicators Of(MonthIndicators m) => new(m.Month.ToString("yyyy-MM"), m.AsOf, ApiPetitionStats.Of(m.Petitions),
        [.. m.ByArea.Select(ApiPetitionStats.Of)], [.. m.ByType.Select(ApiPetitionStats.Of)], m.ClosedWithoutAnswer, ApiVisitStats.Of(m.Visits),
        [.. m.ByCategory.Select(ApiVisitStats.Of)]);
}

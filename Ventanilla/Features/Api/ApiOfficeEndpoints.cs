using System.ComponentModel;
using System.Globalization;
using Ventanilla.Features.Appointments;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Padron;
using Ventanilla.Features.Privacy;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Api;

/// <summary>The office's day and month over the API: the queue, the appointments, the padrón and the indicators.</summary>
public static class ApiOfficeEndpoints
{
    public static RouteGroupBuilder MapApiOffice(this RouteGroupBuilder api)
    {
        api.MapGet("/turnos", QueueAsync).RequireScope(ApiScopes.Queue)
            .WithName("VerFila").WithSummary("La fila del día: en espera por categoría, en atención y últimos llamados (sin nombres)").Produces<ApiQueue>();
        api.MapGet("/citas", AppointmentsAsync).RequireScope(ApiScopes.Appointments)
            .WithName("VerCitas").WithSummary("Las citas de un día, por hora, en todos sus estados").Produces<IReadOnlyList<ApiAppointment>>();
        api.MapGet("/padron", PadronAsync).RequireScope(ApiScopes.Padron)
            .WithName("BuscarEnPadron").WithSummary("Buscar cuentas en el padrón en uso")
            .WithDescription("Por cuenta o clave catastral (exactas) o por parte del nombre del titular o del domicilio (todas las palabras, en cualquier orden, sin acentos).")
            .Produces<ApiPadronResult>();
        api.MapGet("/indicadores/{mes}", IndicatorsAsync).RequireScope(ApiScopes.Indicators)
            .WithName("VerIndicadores").WithSummary("Los indicadores de un mes (aaaa-mm)").Produces<ApiIndicators>();
        return api;
    }

    private static async Task<ApiQueue> QueueAsync(HttpContext http, QueueBoards boards, OfficeClock office, [Description("Id de la oficina; sin él, todas las del token.")] string? oficina = null)
    {
        var actor = await ApiCalls.ActorAsync(http);
        actor.Require("Consultar la fila", Roles.AnyRole);
        var officeId = OfficeOf(actor, ApiQuery.Int(oficina, "oficina"));
        var board = await boards.GetAsync(officeId, http.RequestAborted);
        return ApiQueue.Of(board, office.UtcNow(), office.ToLocal);
    }

    private static async Task<IReadOnlyList<ApiAppointment>> AppointmentsAsync(
        HttpContext http, AppointmentBooking booking, OfficeClock office, AccessLog log,
        [Description("Día (aaaa-mm-dd); sin él, hoy.")] string? fecha = null, [Description("Id de la oficina.")] string? oficina = null)
    {
        var day = ApiQuery.Date(fecha, "fecha") ?? office.Today();
        var actor = await ApiCalls.ActorAsync(http);
        var rows = await booking.DayAsync(actor, day, OfficeOf(actor, ApiQuery.Int(oficina, "oficina")), http.RequestAborted);
        if (rows.Count > 0)
        {
            await log.RecordAsync(actor, new PersonalRead(PersonalDataKind.Citas, day.ToString("dd/MM/yyyy"), Detail: Spanish.Count(rows.Count, "cita", "citas")),
                ReadPlace.Of(http), http.RequestAborted);
        }
        return [.. rows.Select(ApiAppointment.Of)];
    }

    private static async Task<ApiPadronResult> PadronAsync(HttpContext http, PadronLookup lookup, AccessLog log, [Description("Lo que se busca (al menos 3 caracteres).")] string? q = null)
    {
        var actor = await ApiCalls.ActorAsync(http);
        var rows = await lookup.SearchAsync(actor, q, ct: http.RequestAborted);
        if (rows.Count > 0)
        {
            await log.RecordAsync(actor, new PersonalRead(PersonalDataKind.BusquedaPadron, $"Padrón: «{q!.Trim()}»", Detail: Spanish.Count(rows.Count, "cuenta", "cuentas")),
                ReadPlace.Of(http), http.RequestAborted);
        }
        var freshness = await lookup.FreshnessAsync(http.RequestAborted);
        return new ApiPadronResult(freshness.ImportedLocal, [.. rows.Select(ApiAccount.Of)]);
    }

    private static async Task<ApiIndicators> IndicatorsAsync(
        string mes, HttpContext http, IndicatorService indicators, OfficeClock office, [Description("Id de la oficina; sin él, todas.")] string? oficina = null)
    {
        if (!DateOnly.TryParseExact(mes + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            throw new RuleException($"Mes: «{mes}» no es un mes aaaa-mm.");
        }
        if (month > office.Today()) throw new RuleException($"Mes: {mes} todavía no empieza.");
        var actor = await ApiCalls.ActorAsync(http);
        actor.Require("Consultar los indicadores", Roles.IndicatorReaders);
        return ApiIndicators.Of(await indicators.GetMonthAsync(month, http.RequestAborted, OfficeOf(actor, ApiQuery.Int(oficina, "oficina"))));
    }

    /// <summary>The office asked for, refused when the account does not work there; none asked: the account's only one, or all.</summary>
    private static int? OfficeOf(Actor actor, int? asked)
    {
        if (asked is { } id && !actor.WorksIn(id)) throw new RuleException($"Oficina {id}: la cuenta del token no trabaja en ella.", RuleKind.Forbidden);
        return asked ?? actor.OnlyOffice;
    }
}

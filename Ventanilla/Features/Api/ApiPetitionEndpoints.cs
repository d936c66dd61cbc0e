using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Privacy;

namespace Ventanilla.Features.Api;

/// <summary>
/// Petitions over the API: the Control de Peticiones' list and filters, one petition with its timeline, routings and
/// documents, a written petition registered, a follow-up noted, a document attached. Each call goes through the same
/// service as the page, with the token's account as the actor; reads of personal data go to the access log.
/// </summary>
public static class ApiPetitionEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapApiPetitions(this RouteGroupBuilder api)
    {
        api.MapGet("/peticiones", ListAsync).RequireScope(ApiScopes.ReadPetitions)
            .WithName("ListarPeticiones").WithSummary("Lista de peticiones (Control de Peticiones)")
            .WithDescription("Los mismos filtros que la pantalla, paginada; en orden de registro (predeterminado) o de urgencia como la pantalla.")
            .Produces<ApiPetitionPage>();
        api.MapGet("/peticiones/{folio}", OneAsync).RequireScope(ApiScopes.ReadPetitions)
            .WithName("VerPeticion").WithSummary("Una petición con su historia, sus turnos y sus documentos").Produces<ApiPetition>();
        api.MapPost("/peticiones", RegisterAsync).RequireScope(ApiScopes.WritePetitions)
            .WithName("RegistrarPeticion").WithSummary("Registrar una petición por escrito (como la Oficialía de Partes)")
            .Accepts<ApiNewPetition>("application/json").Produces<ApiPetitionRef>(StatusCodes.Status201Created);
        api.MapPost("/peticiones/{folio}/turnos/{turno:int}/seguimientos", FollowUpAsync).RequireScope(ApiScopes.WritePetitions)
            .WithName("AnotarSeguimiento").WithSummary("Anotar un seguimiento de un turno (solicitud de avance o avance del área)")
            .Accepts<ApiNewFollowUp>("application/json").Produces<ApiPetitionRef>();
        api.MapPost("/peticiones/{folio}/documentos", AttachAsync).RequireScope(ApiScopes.WritePetitions)
            .WithName("AdjuntarDocumento").WithSummary("Adjuntar un documento al expediente")
            .WithDescription("El cuerpo es el archivo mismo (PDF, JPEG, PNG o HEIC), con su Content-Type; el tipo y el nombre van en la consulta.")
            .Accepts<byte[]>("application/pdf", "image/jpeg", "image/png", "image/heic", "application/octet-stream").Produces<ApiDocument>(StatusCodes.Status201Created)
            .WithMetadata(new RequestSizeLimitAttribute(long.MaxValue));
        api.MapGet("/catalogos", CatalogsAsync).RequireScope(ApiScopes.ReadPetitions)
            .WithName("VerCatalogos").WithSummary("Tipos de petición, áreas, oficinas y tipos de documento, con sus ids").Produces<ApiCatalogs>();
        return api;
    }

    private static async Task<ApiPetitionPage> ListAsync(
        HttpContext http, PetitionQueries queries, AccessLog log,
        [Description("Folio (o parte de él).")] string? folio = null,
        [Description("Nombre del solicitante (o parte).")] string? persona = null,
        [Description("Número de cuenta.")] string? cuenta = null,
        [Description("Id del área turnada.")] string? area = null,
        [Description("Id del tipo de petición.")] string? tipo = null,
        [Description("Estado: Registrada, EsperandoUsuario, Turnada, EnRespuesta, EnRevision, Aprobada, Entregada, Cerrada, CerradaSinAcreditacion o Cancelada.")] string? estado = null,
        [Description("Semáforo: Verde, Amarillo, Rojo o Pausada.")] string? semaforo = null,
        [Description("Recibidas desde (aaaa-mm-dd).")] string? desde = null,
        [Description("Recibidas hasta (aaaa-mm-dd).")] string? hasta = null,
        [Description("true: solo las abiertas.")] string? abiertas = null,
        [Description("Id de la oficina.")] string? oficina = null,
        [Description("Canal: Presencial, Escrito o EnLinea.")] string? canal = null,
        [Description("«registro» (predeterminado: las registradas más recientemente primero, estable al paginar) o «urgencia» (como la pantalla: abiertas primero, la que vence antes primero).")] string? orden = null,
        [Description("Página, desde 1.")] string? pagina = null,
        [Description("Peticiones por página (1 a 100; 50 si se omite).")] string? tamano = null)
    {
        var filter = new PetitionFilter(folio, persona, cuenta, ApiQuery.Int(area, "area"), ApiQuery.Int(tipo, "tipo"),
            ApiQuery.Enum<PetitionStatus>(estado, "estado"), ApiQuery.Enum<TrafficLight>(semaforo, "semaforo"), ApiQuery.Date(desde, "desde"),
            ApiQuery.Date(hasta, "hasta"), ApiQuery.Bool(abiertas, "abiertas"), ApiQuery.Int(oficina, "oficina"), ApiQuery.Enum<PetitionChannel>(canal, "canal"));
        var order = orden?.Trim().ToLowerInvariant() switch
        {
            null or "" or "registro" => PetitionOrder.Registered,
            "urgencia" => PetitionOrder.Urgency,
            _ => throw new RuleException($"Parámetro «orden»: «{orden}» no es registro ni urgencia."),
        };
        var page = ApiQuery.Int(pagina, "pagina", 1, 1_000_000) ?? 1;
        var size = ApiQuery.Int(tamano, "tamano", 1, MaxPageSize) ?? DefaultPageSize;
        var actor = await ApiCalls.ActorAsync(http);
        actor.Require("Consultar peticiones", Roles.PetitionReaders);
        var result = await queries.ListAsync(actor, filter, page, size, http.RequestAborted, order);
        if (result.Rows.Count > 0)
        {
            await log.RecordAsync(actor, new PersonalRead(PersonalDataKind.ListaPeticiones, $"Página {page} ({Spanish.Count(result.Rows.Count, "petición", "peticiones")})"),
                ReadPlace.Of(http), http.RequestAborted);
        }
        return new ApiPetitionPage(result.Page, result.PageSize, result.Total, [.. result.Rows.Select(ApiPetitionRow.Of)]);
    }

    private static async Task<ApiPetition> OneAsync(string folio, HttpContext http, PetitionDetails details, AttachmentService attachments, AccessLog log)
    {
        var actor = await ApiCalls.ActorAsync(http);
        var view = await VisibleAsync(actor, folio, details, http.RequestAborted);
        var documents = await attachments.ListForPetitionAsync(actor, view.Petition.Id, http.RequestAborted);
        await log.RecordAsync(actor, new PersonalRead(PersonalDataKind.Peticion, view.Petition.Folio, view.Petition.Folio, view.Petition.Id), ReadPlace.Of(http), http.RequestAborted);
        return ApiPetition.Of(view, documents);
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, PetitionRegistration registration)
    {
        var body = await ApiJson.ReadAsync<ApiNewPetition>(http);
        var actor = await ApiCalls.ActorAsync(http);
        var registered = await registration.RegisterWrittenAsync(actor, body.ToInput(), http.RequestAborted);
        return Results.Created($"/api/v1/peticiones/{Uri.EscapeDataString(registered.Folio)}", ApiPetitionRef.Of(registered));
    }

    private static async Task<ApiPetitionRef> FollowUpAsync(string folio, int turno, HttpContext http, PetitionDetails details, PetitionService petitions)
    {
        var body = await ApiJson.ReadAsync<ApiNewFollowUp>(http);
        var kind = body.Kind?.Trim().ToLowerInvariant() switch
        {
            "solicitud" => FollowUpKind.ProgressRequest,
            "avance" => FollowUpKind.AreaReply,
            _ => throw new RuleException("tipo: escriba «solicitud» (se pide avance al área) o «avance» (el área informa)."),
        };
        var actor = await ApiCalls.ActorAsync(http);
        var view = await VisibleAsync(actor, folio, details, http.RequestAborted);
        if (view.Routings.All(r => r.Id != turno)) throw new RuleException($"La petición {view.Petition.Folio} no tiene el turno {turno}.", RuleKind.NotFound);
        return ApiPetitionRef.Of(await petitions.RecordFollowUpAsync(actor, turno, kind, body.Note, http.RequestAborted, body.Version));
    }

    private static async Task<IResult> AttachAsync(
        string folio, HttpContext http, PetitionDetails details, AttachmentService attachments,
        [Description("Tipo de documento: Identificacion, AcreditacionPropiedad, EscritoUsuario, AcuseFirmado u Otro.")] string? tipo = null,
        [Description("Nombre del archivo, como se verá en el expediente.")] string? nombre = null)
    {
        if (!Enum.TryParse<AttachmentKind>(tipo, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || kind == AttachmentKind.RespuestaPdf || int.TryParse(tipo, out _))
        {
            throw new RuleException("Parámetro «tipo»: Identificacion, AcreditacionPropiedad, EscritoUsuario, AcuseFirmado u Otro.");
        }
        if (http.Request.ContentLength > attachments.MaxBytes)
        {
            throw new RuleException($"El documento mide {AttachmentStore.Megabytes(http.Request.ContentLength.Value)}; el máximo es {AttachmentStore.Megabytes(attachments.MaxBytes)}.", RuleKind.TooLarge);
        }
        var actor = await ApiCalls.ActorAsync(http);
        var view = await VisibleAsync(actor, folio, details, http.RequestAborted);
        var added = await attachments.AddToPetitionAsync(actor, view.Petition.Id, kind, nombre, http.Request.Body, http.RequestAborted);
        return Results.Created($"/api/v1/peticiones/{Uri.EscapeDataString(view.Petition.Folio)}", ApiDocument.Of(added));
    }

    private static async Task<ApiCatalogs> CatalogsAsync(HttpContext http, Admin.CatalogService catalogs, Admin.OfficeService offices)
    {
        var actor = await ApiCalls.ActorAsync(http);
        actor.Require("Consultar los catálogos", Roles.PetitionReaders);
        var types = await catalogs.ListPetitionTypesAsync(activeOnly: true, http.RequestAborted);
        var areas = await catalogs.ListAreasAsync(activeOnly: true, http.RequestAborted);
        var officeList = await offices.ListAsync(activeOnly: true, http.RequestAborted);
        return new ApiCatalogs([.. types.Select(t => new ApiCatalogItem(t.Id, t.Name))], [.. areas.Select(a => new ApiCatalogItem(a.Id, a.Name))],
            [.. officeList.Select(o => new ApiCatalogItem(o.Id, o.Name))],
            [.. Enum.GetNames<AttachmentKind>().Where(k => k != nameof(AttachmentKind.RespuestaPdf))]);
    }

    /// <summary>The petition of <paramref name="folio"/> when the actor may see it; otherwise «not found», as the page says it.</summary>
    private static async Task<PetitionView> VisibleAsync(Actor actor, string folio, PetitionDetails details, CancellationToken ct)
    {
        actor.Require("Consultar peticiones", Roles.PetitionReaders);
        var view = await details.FindAsync(folio.Trim(), ct);
        if (view is null || !PetitionQueries.MaySee(actor, view)) throw new RuleException($"No hay una petición con el folio {folio} que usted pueda ver.", RuleKind.NotFound);
        return view;
    }
}

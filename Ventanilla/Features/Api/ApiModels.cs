using System.ComponentModel;
using System.Text.Json.Serialization;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Api;

// The API's contract. Field names are Spanish like the routes (the office's systems and their people read them);
// enumerations travel as their stable names (the values of the database), with the label a person reads beside them.
// Dates are ISO 8601: days as «2026-12-05», instants in the office's local time without offset, as every screen shows them.

public sealed record ApiPetitionRow(
    [property: JsonPropertyName("folio")] string Folio,
    [property: JsonPropertyName("folioOficialia")] string? OficialiaFolio,
    [property: JsonPropertyName("recibida")] DateTime Received,
    [property: JsonPropertyName("canal")] string Channel,
    [property: JsonPropertyName("solicitante")] string Petitioner,
    [property: JsonPropertyName("cuenta")] string? Account,
    [property: JsonPropertyName("tipo")] string Type,
    [property: JsonPropertyName("estado")] string Status,
    [property: JsonPropertyName("estadoTexto")] string StatusLabel,
    [property: JsonPropertyName("vence")] DateOnly DueDate,
    [property: JsonPropertyName("diasRestantes")] int? DaysLeft,
    [property: JsonPropertyName("semaforo")] string? Light,
    [property: JsonPropertyName("areas")] IReadOnlyList<string> Areas)
{
    public static ApiPetitionRow Of(PetitionRow r) => new(r.Folio, r.OficialiaFolio, r.ReceivedLocal, r.Channel.ToString(), r.Petitioner, r.AccountNumber, r.Type,
        r.Status.ToString(), PetitionService.StatusLabel(r.Status), r.DueDate, r.DaysLeft, r.Light?.ToString(), r.Areas);
}

public sealed record ApiPetitionPage(
    [property: JsonPropertyName("pagina")] int Page,
    [property: JsonPropertyName("tamano")] int PageSize,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("peticiones")] IReadOnlyList<ApiPetitionRow> Petitions);

public sealed record ApiEvent(
    [property: JsonPropertyName("fecha")] DateTime At,
    [property: JsonPropertyName("usuario")] string User,
    [property: JsonPropertyName("tipo")] string Kind,
    [property: JsonPropertyName("estadoAnterior")] string? From,
    [property: JsonPropertyName("estadoNuevo")] string? To,
    [property: JsonPropertyName("nota")] string? Note);

public sealed record ApiFollowUp(
    [property: JsonPropertyName("tipo")] string Kind,
    [property: JsonPropertyName("fecha")] DateTime At,
    [property: JsonPropertyName("nota")] string Note);

public sealed record ApiRouting(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("area")] string Area,
    [property: JsonPropertyName("estado")] string Status,
    [property: JsonPropertyName("instruccion")] string? Note,
    [property: JsonPropertyName("turnada")] DateTime Routed,
    [property: JsonPropertyName("respuesta")] string? Answer,
    [property: JsonPropertyName("respondida")] DateTime? Answered,
    [property: JsonPropertyName("seguimientos")] IReadOnlyList<ApiFollowUp> FollowUps);

public sealed record ApiDocument(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("tipo")] string Kind,
    [property: JsonPropertyName("nombre")] string FileName,
    [property: JsonPropertyName("formato")] string ContentType,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("adjuntado")] DateTime Uploaded,
    [property: JsonPropertyName("adjuntadoPor")] string UploadedBy,
    [property: JsonPropertyName("retirado")] bool Withdrawn)
{
    public static ApiDocument Of(AttachmentRow a)
        => new(a.Id, a.Kind.ToString(), a.FileName, a.ContentType, a.Bytes, a.UploadedAtLocal, a.UploadedBy, a.Withdrawn);
}

public sealed record ApiPetition(
    [property: JsonPropertyName("folio")] string Folio,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("folioOficialia")] string? OficialiaFolio,
    [property: JsonPropertyName("recibida")] DateTime Received,
    [property: JsonPropertyName("canal")] string Channel,
    [property: JsonPropertyName("tipo")] string Type,
    [property: JsonPropertyName("estado")] string Status,
    [property: JsonPropertyName("estadoTexto")] string StatusLabel,
    [property: JsonPropertyName("asunto")] string Subject,
    [property: JsonPropertyName("solicitante")] string Petitioner,
    [property: JsonPropertyName("tercero")] bool IsThirdParty,
    [property: JsonPropertyName("cuenta")] string? Account,
    [property: JsonPropertyName("claveCatastral")] string? CadastralKey,
    [property: JsonPropertyName("domicilio")] string? Address,
    [property: JsonPropertyName("telefono")] string? Phone,
    [property: JsonPropertyName("correo")] string? Email,
    [property: JsonPropertyName("plazoDias")] int TermDays,
    [property: JsonPropertyName("vence")] DateOnly DueDate,
    [property: JsonPropertyName("diasRestantes")] int? DaysLeft,
    [property: JsonPropertyName("semaforo")] string? Light,
    [property: JsonPropertyName("turnos")] IReadOnlyList<ApiRouting> Routings,
    [property: JsonPropertyName("documentos")] IReadOnlyList<ApiDocument> Documents,
    [property: JsonPropertyName("historia")] IReadOnlyList<ApiEvent> Timeline)
{
    public static ApiPetition Of(PetitionView v, IReadOnlyList<AttachmentRow> documents)
    {
        var p = v.Petition;
        return new(p.Folio, p.Version, p.OficialiaFolio, v.ReceivedLocal, p.Channel.ToString(), v.Type, p.Status.ToString(), PetitionService.StatusLabel(p.Status),
            p.Subject, p.PetitionerName, p.IsThirdParty, p.AccountNumber, p.CadastralKey, p.Address, p.Phone, p.Email, p.TermDays, p.DueDate, v.DaysLeft,
            v.Light?.ToString(),
            [.. v.Routings.Select(r => new ApiRouting(r.Id, r.Area, r.Status.ToString(), r.Note, r.RoutedLocal, r.Answer, r.AnsweredLocal,
                [.. r.FollowUps.Select(f => new ApiFollowUp(f.Kind == FollowUpKind.AreaReply ? "avance" : "solicitud", f.AtLocal, f.Note))]))],
            [.. documents.Select(ApiDocument.Of)],
            [.. v.Events.Select(e => new ApiEvent(e.AtLocal, e.UserName, e.Kind, e.From?.ToString(), e.To?.ToString(), e.Note))]);
    }
}

/// <summary>A written petition (por oficio) registered by another system, as the Oficialía de Partes would.</summary>
public sealed record ApiNewPetition(
    [property: JsonPropertyName("tipo"), Description("Id del tipo de petición (GET /api/v1/catalogos).")] int TypeId,
    [property: JsonPropertyName("asunto")] string? Subject,
    [property: JsonPropertyName("solicitante")] string? Petitioner,
    [property: JsonPropertyName("folioOficialia"), Description("Folio del oficio en la Oficialía de Partes; único.")] string? OficialiaFolio,
    [property: JsonPropertyName("recibida"), Description("Fecha y hora local de recepción del oficio (no posterior a ahora).")] DateTime Received,
    [property: JsonPropertyName("tercero")] bool IsThirdParty = false,
    [property: JsonPropertyName("cuenta")] string? Account = null,
    [property: JsonPropertyName("claveCatastral")] string? CadastralKey = null,
    [property: JsonPropertyName("telefono")] string? Phone = null,
    [property: JsonPropertyName("domicilio")] string? Address = null,
    [property: JsonPropertyName("correo")] string? Email = null,
    [property: JsonPropertyName("documentosRecibidos")] string? DocumentsReceived = null,
    [property: JsonPropertyName("notas")] string? Notes = null,
    [property: JsonPropertyName("oficina"), Description("Id de la oficina que lo recibió; sin él, la de la cuenta.")] int? OfficeId = null)
{
    public WrittenPetitionInput ToInput() => new(
        new PetitionInput(TypeId, Subject, Petitioner, IsThirdParty, Account, CadastralKey, Phone, Address, DocumentsReceived, Notes, Email: Email),
        OficialiaFolio, Received, OfficeId);
}

public sealed record ApiPetitionRef(
    [property: JsonPropertyName("folio")] string Folio,
    [property: JsonPropertyName("estado")] string Status,
    [property: JsonPropertyName("vence")] DateOnly DueDate,
    [property: JsonPropertyName("version")] long Version)
{
    public static ApiPetitionRef Of(PetitionRef r) => new(r.Folio, r.Status.ToString(), r.DueDate, r.Version);
}

/// <summary>A follow-up of a routing (procedure step 10): a progress request to the area, or the area's progress.</summary>
public sealed record ApiNewFollowUp(
    [property: JsonPropertyName("tipo"), Description("«solicitud» (se pide avance al área) o «avance» (el área informa).")] string? Kind,
    [property: JsonPropertyName("nota")] string? Note,
    [property: JsonPropertyName("version"), Description("Versión de la petición que se leyó; si cambió desde entonces, 409.")] long? Version = null);

public sealed record ApiCatalogItem(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("nombre")] string Name);

public sealed record ApiCatalogs(
    [property: JsonPropertyName("tiposDePeticion")] IReadOnlyList<ApiCatalogItem> PetitionTypes,
    [property: JsonPropertyName("areas")] IReadOnlyList<ApiCatalogItem> Areas,
    [property: JsonPropertyName("oficinas")] IReadOnlyList<ApiCatalogItem> Offices,
    [property: JsonPropertyName("tiposDeDocumento")] IReadOnlyList<string> DocumentKinds);

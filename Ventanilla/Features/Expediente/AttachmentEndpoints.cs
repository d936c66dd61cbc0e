using System.IO.Compression;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Privacy;

namespace Ventanilla.Features.Expediente;

/// <summary>
/// The expediente over plain HTTP, beside the pages: uploads stream the request body straight to disk (a 20 MB scan
/// never sits whole in memory nor crosses the page's live connection), files open inline or download, and the whole
/// file downloads as one ZIP named by folio. Every request is checked by <see cref="AttachmentService"/> against
/// the signed-in person's roles and areas, not only by hiding a link; uploads carry the page's antiforgery token.
/// </summary>
public static class AttachmentEndpoints
{
    public const string TokenHeader = "RequestVerificationToken";

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/expediente").RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.PetitionReaders });
        group.MapPost("/peticion/{petitionId:int}", (int petitionId, HttpContext http, AttachmentService attachments)
            => UploadAsync(http, attachments, (actor, kind, name, body, ct) => attachments.AddToPetitionAsync(actor, petitionId, kind, name, body, ct)))
            .WithMetadata(new UploadSize());
        group.MapPost("/visita/{visitId:int}", (int visitId, HttpContext http, AttachmentService attachments)
            => UploadAsync(http, attachments, (actor, kind, name, body, ct) => attachments.AddToVisitAsync(actor, visitId, kind, name, body, ct)))
            .WithMetadata(new UploadSize());
        group.MapGet("/{id:int}", (int id, HttpContext http, AttachmentService attachments) => FileAsync(http, attachments, id, download: false));
        group.MapGet("/{id:int}/descargar", (int id, HttpContext http, AttachmentService attachments) => FileAsync(http, attachments, id, download: true));
        group.MapGet("/peticion/{petitionId:int}/expediente.zip", ZipAsync);
        return app;
    }

    /// <summary>Lifts Kestrel's body limit for uploads; the service enforces the configured maximum as it reads.</summary>
    private sealed class UploadSize : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => null;
    }

    private static async Task<IResult> UploadAsync(
        HttpContext http, AttachmentService attachments, Func<Actor, AttachmentKind, string?, Stream, CancellationToken, Task<AttachmentRow>> add)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http)) return Refused("La página caducó; recárguela y vuelva a adjuntar el documento.");
        if (http.Request.ContentLength > attachments.MaxBytes)
        {
            return Refused($"El documento mide {AttachmentStore.Megabytes(http.Request.ContentLength.Value)}; el máximo es {AttachmentStore.Megabytes(attachments.MaxBytes)}.");
        }
        if (!Enum.TryParse<AttachmentKind>(http.Request.Query["tipo"], ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return Refused("Tipo de documento: elija uno de la lista.");
        }
        var actor = await ActorAsync(http);
        return Results.Ok(await add(actor, kind, http.Request.Query["nombre"], http.Request.Body, http.RequestAborted));
    }

    private static async Task<IResult> FileAsync(HttpContext http, AttachmentService attachments, int id, bool download)
    {
        var actor = await ActorAsync(http);
        var file = await attachments.OpenAsync(actor, id, download, http.RequestAborted);
        var subject = file.Folio is { } folio ? $"{folio}: {file.DownloadName}" : $"Visita {file.VisitId}: {file.DownloadName}";
        await http.RequestServices.GetRequiredService<AccessLog>().RecordAsync(actor,
            new PersonalRead(PersonalDataKind.Documento, subject, file.Folio, file.PetitionId, file.VisitId, download ? "Descargado" : "Abierto"), ReadPlace.Of(http), http.RequestAborted);
        var result = Results.File(file.Path, file.ContentType, file.Inline ? null : file.DownloadName, enableRangeProcessing: true);
        if (file.Inline)
        {
            http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = file.DownloadName }.ToString();
        }
        return result;
    }

    private static async Task ZipAsync(int petitionId, HttpContext http, AttachmentService attachments)
    {
        // A refusal here comes before the first byte, so it is still answered as a problem (ProblemResponses).
        var actor = await ActorAsync(http);
        var expediente = await attachments.ForZipAsync(actor, petitionId, http.RequestAborted);
        await http.RequestServices.GetRequiredService<AccessLog>().RecordAsync(actor,
            new PersonalRead(PersonalDataKind.Expediente, expediente.Folio, expediente.Folio, petitionId, Detail: Spanish.Count(expediente.Files.Count, "documento", "documentos")),
            ReadPlace.Of(http), http.RequestAborted);
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"expediente-{expediente.Folio}.zip\"";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // Written straight to the response, one file after the other: the ZIP of a thick file is never in memory.
        await using var zip = new ZipArchive(http.Response.BodyWriter.AsStream(), ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, path) in expediente.Files)
        {
            // Scans and photos are compressed already; storing them as they are saves the server's time.
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(http.RequestAborted);
            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await source.CopyToAsync(target, http.RequestAborted);
        }
    }

    /// <summary>The refusal as the page shows it: plain Spanish text.</summary>
    private static IResult Refused(string message) => Problems.Result(new RuleException(message));

    private static Task<Actor> ActorAsync(HttpContext http) => http.RequestServices.GetRequiredService<Actors>().ForRequestAsync(http);
}

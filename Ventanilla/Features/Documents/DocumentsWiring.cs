namespace Ventanilla.Features.Documents;

public static class DocumentsWiring
{
    /// <summary>The documents of record: the response as a signed PDF, the signers' certificates, and /verificar.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration("Documentos");
        services.AddSingleton<SigningCertificates>();
        services.AddSingleton<ResponseDocuments>();
        services.AddSingleton<DocumentVerification>();
        services.AddSingleton<ElectronicDelivery>();
        return services;
    }

    /// <summary>
    /// <c>POST /consulta/respuesta</c>: the signed response for whoever holds folio and code (the status page's form, with
    /// its antiforgery token; rate-limited with /consulta). The first download is the electronic acuse.
    /// </summary>
    public static IEndpointRouteBuilder MapResponseDownload(this IEndpointRouteBuilder app)
    {
        app.MapPost("/consulta/respuesta", async (HttpContext http, ElectronicDelivery delivery) =>
        {
            var antiforgery = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.Redirect("/consulta");
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = await delivery.DownloadAsync(form["Folio"], form["Codigo"], http.RequestAborted);
            // Nothing to download reads like a wrong code on the status page: the same page, asking again.
            return file is null ? Results.Redirect("/consulta") : Results.File(file.Path, file.ContentType, file.DownloadName);
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Ventanilla.Features.Api;

public static partial class ApiWiring
{
    public const string Prefix = "/api/v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/admin/api/referencia";
    private const string Bearer = "Bearer";

    /// <summary>The REST API: its tokens, its authentication scheme and its OpenAPI document (only <c>/api/v1</c> in it).</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokens>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Ventanilla · Atención a Usuarios",
                    Version = "v1",
                    Description = "La API de la oficina de Atención a Usuarios: peticiones (procedimiento DF-07-01), la fila del día, las citas, " +
                                  "el padrón y los indicadores. Cada llamada lleva «Authorization: Bearer vnt_…» con un token que crea el " +
                                  "administrador para una cuenta; el token actúa con los roles, áreas y oficinas de esa cuenta, limitado a sus " +
                                  "alcances. Los errores son application/problem+json (RFC 7807) con el mensaje en español («detail») y un " +
                                  "código estable («codigo»).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "vnt_PREFIJO_SECRETO",
                    Description = "El token que el administrador creó en Administración → API (se muestra una sola vez).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiScopeMetadata>().FirstOrDefault()?.Scope;
                if (scope is not null)
                {
                    operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Alcance: «{scope}».";
                }
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                operation.Responses ??= new OpenApiResponses();
                foreach (var (status, meaning) in Refusals)
                {
                    operation.Responses.TryAdd(status, new OpenApiResponse { Description = meaning });
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The refusals every operation may answer, each as a problem (application/problem+json).</summary>
    private static readonly (string Status, string Meaning)[] Refusals =
    [
        ("400", "La solicitud no cumple una regla o su JSON no es válido (problema con «codigo» regla-incumplida o json-invalido)."),
        ("401", "Falta el token, no es válido, fue revocado o venció (token-invalido)."),
        ("403", "El token no tiene el alcance, o su cuenta no tiene el rol (sin-permiso)."),
        ("404", "No existe, o la cuenta del token no puede verlo (no-encontrado)."),
        ("429", "Demasiadas solicitudes con este token en un minuto (demasiadas-solicitudes)."),
    ];

    /// <summary>
    /// What routing answers by itself under <c>/api</c> (no such address, a method it does not take, a body type it does
    /// not accept) goes out as a problem like every other refusal, never as the staff's sign-in page or «page not
    /// found»: right after routing, before the session cookie is asked for.
    /// </summary>
    public static WebApplication UseApiProblems(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var endpoint = http.GetEndpoint();
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || endpoint?.Metadata.GetMetadata<ApiEndpointMarker>() is not null)
            {
                await next(http);
                return;
            }
            var display = endpoint?.DisplayName ?? "";
            var problem = display.StartsWith("405", StringComparison.Ordinal)
                ? Problems.Of(405, Problems.Invalid, "Método no admitido", $"Esta dirección no admite {http.Request.Method}; vea el documento OpenAPI.")
                : display.StartsWith("415", StringComparison.Ordinal)
                    ? Problems.Of(415, Problems.BadJson, "Tipo de contenido no admitido",
                        "El Content-Type del cuerpo no es el que admite esta operación (application/json, o el del archivo al adjuntar un documento).")
                    : Problems.Of(404, Problems.NotFound, "No se encontró", "No hay un recurso en esta dirección; vea el documento OpenAPI en /openapi/v1.json.");
            http.Response.StatusCode = problem.Status!.Value;
            await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", http.RequestAborted);
        });
        return app;
    }

    /// <summary>
    /// The reference page's package writes its configuration as an inline script, which the app's policy refuses: the
    /// page is read before it leaves, and exactly its inline scripts are allowed by their SHA-256 (no 'unsafe-inline').
    /// </summary>
    public static WebApplication UseApiReferencePolicy(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(ReferencePath, StringComparison.OrdinalIgnoreCase) && !Path.HasExtension(http.Request.Path.Value),
            branch => branch.Use(async (http, next) =>
            {
                var original = http.Response.Body;
                using var buffer = new MemoryStream();
                http.Response.Body = buffer;
                try
                {
                    await next(http);
                }
                finally
                {
                    http.Response.Body = original;
                }
                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    var html = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                    var hashes = InlineScript().Matches(html).Select(m => $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
                    http.Items[Admin.SecurityHeaders.ScriptHashesKey] = string.Join(' ', hashes);
                }
                http.Response.ContentLength = buffer.Length;
                buffer.Position = 0;
                await buffer.CopyToAsync(original, http.RequestAborted);
            }));
        return app;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)</script>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex InlineScript();

    /// <summary>Marks the endpoints of the API's group (everything else under <c>/api</c> is answered as a problem).</summary>
    private sealed class ApiEndpointMarker;

    public static WebApplication MapApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizationPolicyBuilder(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser().Build())
            .WithTags("Ventanilla")
            .WithMetadata(new ApiEndpointMarker());
        api.MapApiPetitions();
        api.MapApiOffice();

        // The contract, for the integrators' tools (with a token) and for the administrator (signed in); the reference page
        // is the administrator's, served from the package's own files (no CDN: the office's server may have no internet).
        var readers = new AuthorizationPolicyBuilder(ApiTokenAuthentication.SchemeName, IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().Build();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(readers);
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("API de Ventanilla")
                .WithOpenApiRoutePattern(DocumentPath))
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Administrador });
        return app;
    }
}

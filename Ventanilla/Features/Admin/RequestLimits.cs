using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ventanilla.Features.Admin;

/// <summary>
/// Requests a stranger could repeat to guess something, limited per client address with ASP.NET Core's rate limiter:
/// sign-in and first-run setup (<c>Auth:SignInAttemptsPerMinute</c>, 10), the citizen's status lookup (and its upload),
/// the online intake's forms (filing, confirming, asking for another code), the document verification and the appointment forms (booking, finding,
/// moving, cancelling, the calendar file) (<c>Citizen:LookupsPerMinute</c>, 10) and the citizen's turn page with its live feed and survey
/// (<c>Citizen:TurnRequestsPerMinute</c>, 120), and the REST API per token (<c>Api:RequestsPerMinute</c>, 6,000). Each
/// answers in Spanish when exceeded (the API as a problem); everything else is not limited.
/// </summary>
public static class RequestLimits
{
    public const int DefaultAttemptsPerMinute = 10;
    public const int DefaultLookupsPerMinute = 10;
    public const int DefaultTurnRequestsPerMinute = 120;

    public const string Message =
        "Demasiados intentos de inicio de sesión desde este equipo. Espere un minuto y vuelva a intentarlo.";

    public const string LookupMessage =
        "Demasiadas consultas desde este equipo en un minuto. Espere un minuto y vuelva a intentarlo.";

    public const string TurnMessage =
        "Demasiadas solicitudes desde este equipo en un minuto. Espere un minuto y la página se actualizará.";

    public const int DefaultApiRequestsPerMinute = 6000;

    public const string ApiMessage = "Demasiadas solicitudes con este token en un minuto. Espere y vuelva a intentarlo (vea el encabezado Retry-After).";

    private enum Rule { None, SignIn, Lookup, Turn, Api }

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var limits = new Dictionary<Rule, int>
            {
                [Rule.SignIn] = Math.Max(1, configuration.GetValue("Auth:SignInAttemptsPerMinute", DefaultAttemptsPerMinute)),
                [Rule.Lookup] = Math.Max(1, configuration.GetValue("Citizen:LookupsPerMinute", DefaultLookupsPerMinute)),
                [Rule.Turn] = Math.Max(1, configuration.GetValue("Citizen:TurnRequestsPerMinute", DefaultTurnRequestsPerMinute)),
                [Rule.Api] = Math.Max(1, configuration.GetValue("Api:RequestsPerMinute", DefaultApiRequestsPerMinute)),
            };
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RuleOf(http.Request) is var rule and not Rule.None
                ? RateLimitPartition.GetFixedWindowLimiter($"{rule}:{PartitionOf(http, rule)}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits[rule], Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                if (RuleOf(context.HttpContext.Request) == Rule.Api)
                {
                    // Another program reads the API's refusals: a problem like every other, with its stable code.
                    await response.WriteAsJsonAsync(Problems.Of(StatusCodes.Status429TooManyRequests, Problems.TooMany, "Demasiadas solicitudes", ApiMessage),
                        (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
                    return;
                }
                var text = RuleOf(context.HttpContext.Request) switch
                {
                    Rule.SignIn => Message,
                    Rule.Lookup => LookupMessage,
                    _ => TurnMessage,
                };
                // A page a person can read, the staff's sign-in as much as a citizen's phone, never a bare line of text.
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"es-MX\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                    $"<title>Espere un minuto</title></head><body style=\"font-family:Roboto,'Segoe UI',Arial,sans-serif;margin:0;background:#f5f7fa;color:#1c1c1c\">" +
                    $"<header style=\"background:#0d47a1;color:#fff;padding:.9rem 1.1rem;font-size:1.25rem;font-weight:600\">Ventanilla · Atención a Usuarios</header>" +
                    $"<main style=\"padding:1.5rem 1.1rem;font-size:1.1rem;max-width:40rem\"><h1 style=\"font-size:1.4rem\">Espere un minuto</h1>" +
                    $"<p data-testid=\"rate-limited\">{WebUtility.HtmlEncode(text)}</p></main></body></html>", ct);
            };
        });
        return services;
    }

    /// <summary>Per client address; the API's calls per token (its public part), so one system cannot starve another.</summary>
    private static string PartitionOf(HttpContext http, Rule rule)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "desconocida";
        if (rule != Rule.Api) return address;
        var header = http.Request.Headers.Authorization.ToString();
        return Api.ApiTokens.PrefixOf(header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null) ?? address;
    }

    private static Rule RuleOf(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) return Rule.Api;
        if (HttpMethods.IsPost(request.Method)
            && (request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
                || request.Path.StartsWithSegments("/Account/Setup", StringComparison.OrdinalIgnoreCase)))
        {
            return Rule.SignIn;
        }
        if (HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/consulta", StringComparison.OrdinalIgnoreCase)
                || request.Path.StartsWithSegments("/cita", StringComparison.OrdinalIgnoreCase)
                || request.Path.StartsWithSegments("/tramite", StringComparison.OrdinalIgnoreCase)
                || request.Path.StartsWithSegments("/verificar", StringComparison.OrdinalIgnoreCase)))
        {
            return Rule.Lookup;
        }
        if (request.Path.StartsWithSegments("/turno", StringComparison.OrdinalIgnoreCase)) return Rule.Turn;
        return Rule.None;
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Api;

/// <summary>
/// The API's only way in: «Authorization: Bearer vnt_…». The staff's session cookie does not open <c>/api</c> (a page
/// cannot be tricked into calling it); a missing, unknown, revoked or expired token is a 401 problem saying which.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string RefusalKey = "Ventanilla.Api.Refusal";
    internal const string CallerKey = "Ventanilla.Api.Caller";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("El encabezado Authorization debe ser «Bearer vnt_…» con el token que le dio el administrador.");
        }
        var (caller, refusal) = await tokens.AuthenticateAsync(header[7..].Trim(), Context.RequestAborted);
        if (caller is null) return Refuse(refusal!);
        Context.Items[CallerKey] = caller;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.UserId), new Claim(ClaimTypes.Name, caller.TokenName)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Refuse(string message)
    {
        Context.Items[RefusalKey] = message;
        return AuthenticateResult.Fail(message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var message = Context.Items[RefusalKey] as string ?? "Falta el token: envíe «Authorization: Bearer vnt_…» con el token que le dio el administrador.";
        return WriteAsync(Problems.Of(StatusCodes.Status401Unauthorized, Problems.Unauthenticated, "Token inválido", message));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => WriteAsync(Problems.Of(StatusCodes.Status403Forbidden, Problems.Forbidden, "Sin permiso", "El token no permite esta operación."));

    private Task WriteAsync(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        Response.StatusCode = problem.Status!.Value;
        return Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", Context.RequestAborted);
    }
}

/// <summary>The scope an endpoint needs: checked by <see cref="ApiCalls.RequireScope"/> and written into the OpenAPI document.</summary>
public sealed record ApiScopeMetadata(string Scope);

/// <summary>The token behind the current call and the actor it acts as.</summary>
public static class ApiCalls
{
    public static ApiCaller Caller(HttpContext http)
        => http.Items[ApiTokenAuthentication.CallerKey] as ApiCaller ?? throw new RuleException("Falta el token.", RuleKind.Forbidden);

    /// <summary>
    /// The account's actor as the server knows it (roles, areas, offices), named after the token too, so the timeline
    /// and the access log say «Sistema RAS (API «RAS»)».
    /// </summary>
    public static async Task<Actor> ActorAsync(HttpContext http)
    {
        var caller = Caller(http);
        var actor = await http.RequestServices.GetRequiredService<Actors>().ForUserAsync(caller.UserId, http.RequestAborted);
        return actor with { UserName = TextLimits.Clip($"{actor.UserName} (API «{caller.TokenName}»)", 200)! };
    }

    /// <summary>Refuses, as a 403 problem, a token without <paramref name="scope"/> before the endpoint runs.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ApiScopeMetadata(scope));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = Caller(context.HttpContext);
            if (!caller.Scopes.Contains(scope))
            {
                return Results.Problem(Problems.Of(StatusCodes.Status403Forbidden, Problems.Forbidden, "Sin permiso",
                    $"El token «{caller.TokenName}» no tiene el alcance «{scope}»."));
            }
            return await next(context);
        });
        return builder;
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ventanilla.Features.Shared;

/// <summary>
/// What went wrong, for another program: RFC 7807 ProblemDetails with the Spanish message the person would read
/// (<c>detail</c>), a short title of its kind and a stable code (<c>codigo</c>) a program can branch on. One
/// mapping for every endpoint; pages show the same messages where they happen (<see cref="Faults"/>).
/// </summary>
public static class Problems
{
    public const string Invalid = "regla-incumplida";
    public const string NotFound = "no-encontrado";
    public const string Forbidden = "sin-permiso";
    public const string Conflict = "cambio-simultaneo";
    public const string Storage = "almacenamiento";
    public const string Unexpected = "error-inesperado";
    public const string Unauthenticated = "token-invalido";
    public const string TooMany = "demasiadas-solicitudes";
    public const string TooLarge = "demasiado-grande";
    public const string BadJson = "json-invalido";

    public static ProblemDetails For(Exception exception) => exception switch
    {
        RuleException { Kind: RuleKind.NotFound } rule => Of(StatusCodes.Status404NotFound, NotFound, "No se encontró", rule.Message),
        RuleException { Kind: RuleKind.Forbidden } rule => Of(StatusCodes.Status403Forbidden, Forbidden, "Sin permiso", rule.Message),
        RuleException { Kind: RuleKind.Malformed } rule => Of(StatusCodes.Status400BadRequest, BadJson, "JSON inválido", rule.Message),
        RuleException { Kind: RuleKind.TooLarge } rule => Of(StatusCodes.Status413PayloadTooLarge, TooLarge, "Demasiado grande", rule.Message),
        RuleException { Kind: RuleKind.Conflict } rule => Of(StatusCodes.Status409Conflict, Conflict, "Cambio simultáneo", rule.Message),
        RuleException rule => Of(StatusCodes.Status400BadRequest, Invalid, "La solicitud no cumple una regla", rule.Message),
        _ when Faults.Storage(exception) is { } message => Of(StatusCodes.Status503ServiceUnavailable, Storage, "Falla del almacenamiento", message),
        // A defect: nothing of it (no stack, no internal message) leaves the server; the log has it.
        _ => Of(StatusCodes.Status500InternalServerError, Unexpected, "Error inesperado",
            "Ocurrió un error inesperado; quedó registrado para revisarlo. Vuelva a intentarlo y, si se repite, avise al administrador."),
    };

    /// <summary>The problem as an endpoint's result (for refusals an endpoint finds itself, before calling a service).</summary>
    public static IResult Result(Exception exception) => Results.Problem(For(exception));

    /// <summary>A problem of one kind: its HTTP status, stable code, title and the Spanish message.</summary>
    public static ProblemDetails Of(int status, string code, string title, string detail) => new()
    {
        Status = status,
        Type = $"urn:ventanilla:problema:{code}",
        Title = title,
        Detail = detail,
        Extensions = { ["codigo"] = code },
    };
}

/// <summary>
/// Every endpoint's exception (a broken rule, a storage fault, a defect) answered as <see cref="Problems"/> says. Pages
/// are left to the error page (<c>/Error</c>): their components already show rules and faults where they happen.
/// </summary>
public sealed class ProblemResponses(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null) return false;
        if (http.Response.HasStarted) return false; // a file already on its way cannot turn into a problem
        var problem = Problems.For(exception);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}

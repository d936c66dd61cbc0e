using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ventanilla.Features.Admin;

/// <summary>
/// At most <c>Auth:SignInAttemptsPerMinute</c> (10 unless configured) sign-in or first-run setup attempts a minute from
/// one client address, with ASP.NET Core's rate limiter. It keeps a stranger from guessing passwords or the setup code
/// quickly, and from locking out an account by trying many times; everything else is not limited.
/// </summary>
public static class SignInLimits
{
    public const int DefaultAttemptsPerMinute = 10;

    public const string Message =
        "Demasiados intentos de inicio de sesión desde este equipo. Espere un minuto y vuelva a intentarlo.";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var perMinute = Math.Max(1, configuration.GetValue("Auth:SignInAttemptsPerMinute", DefaultAttemptsPerMinute));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "desconocida",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(Message, ct);
            };
        });
        return services;
    }

    private static bool IsAttempt(HttpRequest request)
        => HttpMethods.IsPost(request.Method)
           && (request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
               || request.Path.StartsWithSegments("/Account/Setup", StringComparison.OrdinalIgnoreCase));
}

using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;

namespace Ventanilla.Features.Admin;

public static class HealthEndpoint
{
    /// <summary><c>/health</c>: whether the database answers and is fully migrated. No personal data.</summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) =>
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var reachable = await db.Database.CanConnectAsync(ct);
                var pending = reachable ? (await db.Database.GetPendingMigrationsAsync(ct)).Count() : -1;
                var healthy = reachable && pending == 0;
                return Results.Json(
                    new { status = healthy ? "ok" : "error", database = reachable ? "ok" : "unreachable", pendingMigrations = pending },
                    statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                return Results.Json(new { status = "error", database = "unreachable", pendingMigrations = -1 }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous();
    }
}

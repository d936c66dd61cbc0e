using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Ventanilla.Data;

/// <summary>A database that cannot be opened or upgraded; the message says which file and why, in Spanish.</summary>
public sealed class DatabaseStartupException(string message, Exception inner) : Exception(message, inner);

/// <summary>Creates the data folder, switches the file to WAL, applies migrations and writes the initial catalogs.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var connectionString = db.Database.GetConnectionString()!;
        var file = DatabaseLocation.FilePath(connectionString);
        try
        {
            if (file is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                // WAL lets the boards read while a desk writes; the setting is stored in the file itself.
                if (file is not null)
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                }
                // An import that died with its indexes dropped: they are built again before a migration looks for them.
                await Features.Import.BulkIndexes.RestorePendingAsync((SqliteConnection)db.Database.GetDbConnection());
                await db.Database.MigrateAsync(ct);
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                await InitialData.SeedAsync(db, roles);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (SqliteException ex)
        {
            throw new DatabaseStartupException(Describe(ex, file), ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DatabaseStartupException($"No se tiene permiso para crear la carpeta de datos de '{file}'. {ex.Message}", ex);
        }
        catch (IOException ex) when (Features.Shared.Faults.StorageCode(ex) == 13)
        {
            throw new DatabaseStartupException($"No se puede crear la carpeta de datos de '{file}': el disco está lleno. Libere espacio y vuelva a iniciar Ventanilla.", ex);
        }
        catch (IOException ex)
        {
            throw new DatabaseStartupException($"No se puede crear la carpeta de datos de '{file}'. {ex.Message}", ex);
        }
    }

    private static string Describe(SqliteException ex, string? file)
    {
        var where = file is null ? "la base de datos en memoria" : $"la base de datos '{file}'";
        return ex.SqliteErrorCode switch
        {
            8 => $"No se puede escribir en {where}: el archivo o su carpeta son de solo lectura. Revise los permisos.",
            13 => $"No se puede escribir en {where}: el disco está lleno. Libere espacio en ese disco y vuelva a iniciar Ventanilla.",
            10 => $"No se puede leer o escribir {where}: error del disco ({ex.Message}). Revise el disco y vuelva a iniciar.",
            11 or 26 => $"No se puede abrir {where}: el archivo está dañado o no es una base de datos de Ventanilla. Restaure un respaldo (vea README.md).",
            14 => $"No se puede abrir {where}: la carpeta no existe o no es accesible.",
            _ => $"No se puede abrir {where}: {ex.Message}",
        };
    }
}

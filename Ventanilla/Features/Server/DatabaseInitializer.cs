using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Server;

/// <summary>Creates the data folder, switches the file to WAL, applies migrations and writes the initial catalogs.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsPostgres())
        {
            await InitializePostgresAsync(scope.ServiceProvider, db, ct);
            return;
        }
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
                await Import.BulkIndexes.RestorePendingAsync((SqliteConnection)db.Database.GetDbConnection());
                await db.Database.MigrateAsync(ct);
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                await InitialData.SeedAsync(db, roles, scope.ServiceProvider.GetRequiredService<TimeProvider>());
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
        catch (IOException ex) when (Faults.StorageCode(ex) == 13)
        {
            throw new DatabaseStartupException($"No se puede crear la carpeta de datos de '{file}': el disco está lleno. Libere espacio y vuelva a iniciar Ventanilla.", ex);
        }
        catch (IOException ex)
        {
            throw new DatabaseStartupException($"No se puede crear la carpeta de datos de '{file}'. {ex.Message}", ex);
        }
    }

    /// <summary>
    /// PostgreSQL: the server and the database exist already (the operator creates them); the migrations and the
    /// initial catalogs are applied here. Several instances may start at once: the migrations take PostgreSQL's own
    /// migration lock, and the seed only adds what is missing.
    /// </summary>
    private static async Task InitializePostgresAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var where = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) is var b ? $"{b.Database}@{b.Host}:{b.Port}" : "";
        try
        {
            await db.Database.MigrateAsync(ct);
            await InitialData.SeedAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>(), services.GetRequiredService<TimeProvider>());
        }
        catch (Npgsql.PostgresException ex)
        {
            throw new DatabaseStartupException($"El servidor PostgreSQL rechazó la base de datos {where}: {ex.MessageText} ({ex.SqlState}). Revise ConnectionStrings:Ventanilla y los permisos del usuario.", ex);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            throw new DatabaseStartupException($"No se puede conectar al servidor PostgreSQL de {where}: {ex.Message}. Revise que esté en marcha y ConnectionStrings:Ventanilla.", ex);
        }
    }

    /// <summary>
    /// Before the server is built: an existing SQLite file that does not open as a database is said at once, in Spanish
    /// and without the host's and EF's error logs (with their stack traces) that a failed start-up would print first.
    /// </summary>
    public static async Task PreflightAsync(IConfiguration configuration)
    {
        if (DatabaseLocation.FilePath(configuration) is not { } file || !File.Exists(file)) return;
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            await command.ExecuteScalarAsync();
        }
        catch (SqliteException ex)
        {
            throw new DatabaseStartupException(Describe(ex, file), ex);
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

using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Ventanilla.Features.Maintenance;

/// <summary>One table of a copy: its rows on each side and the fingerprint of its rows.</summary>
public sealed record TableCopy(string Table, long SourceRows, long TargetRows, string SourceFingerprint, string TargetFingerprint)
{
    public bool Matches => SourceRows == TargetRows && SourceFingerprint == TargetFingerprint;
}

/// <summary>What <c>migrate-to-postgres</c> did: copied now, or found the same copy already there.</summary>
public sealed record PostgresMigrationResult(bool AlreadyCopied, IReadOnlyList<TableCopy> Tables)
{
    public long Rows => Tables.Sum(t => t.SourceRows);
}

/// <summary>
/// Copies an office's SQLite file into a PostgreSQL database, every table of the model with its keys, in one
/// transaction: it commits only after each table's row count and fingerprint (a SHA-256 over every row's values,
/// independent of row order) are the same on both sides, so a failure leaves the target as it was. Running it again
/// on the same target finds the same fingerprints and changes nothing; a target with other data is refused.
/// Instants keep the microsecond (PostgreSQL's precision); the fingerprints compare them at that precision.
/// </summary>
public sealed class PostgresMigration
{
    private const int Batch = 2000;

    public async Task<PostgresMigrationResult> CopyAsync(string sqliteFile, string postgres, CancellationToken ct = default)
    {
        var file = Path.GetFullPath(sqliteFile);
        if (!File.Exists(file)) throw new RuleException($"--from: no existe el archivo '{file}'.");
        using var held = InstanceLock.TryAcquire(file)
            ?? throw new RuleException($"--from: Ventanilla está en marcha con {file}. Deténgala antes de copiar: la copia debe ser de un momento quieto.");
        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(postgres);
        }
        catch (ArgumentException ex)
        {
            throw new RuleException($"--to: la cadena de conexión no es válida ({ex.Message}). Ejemplo: \"Host=servidor;Database=ventanilla;Username=ventanilla;Password=…\".");
        }
        var where = $"{target.Database}@{target.Host}:{target.Port}";

        await using var source = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()).Options);
        await using var destination = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(postgres).Options);
        try
        {
            // A file of an older release is brought up to this version first, as the app does when it starts.
            await source.Database.MigrateAsync(ct);
            await destination.Database.MigrateAsync(ct);
            return await CopyOrVerifyAsync(source, destination, where, ct);
        }
        catch (SqliteException ex)
        {
            throw new RuleException($"--from: no se puede leer {file} como base de Ventanilla: {ex.Message}");
        }
        catch (NpgsqlException ex)
        {
            throw new RuleException($"--to: no se puede usar la base PostgreSQL {where}: {ex.Message}");
        }
    }

    private static async Task<PostgresMigrationResult> CopyOrVerifyAsync(AppDbContext source, AppDbContext destination, string where, CancellationToken ct)
    {
        var types = CopyOrder(source.Model);
        var sourcePrints = await FingerprintsAsync(source, types, ct);
        var existing = await FingerprintsAsync(destination, types, ct);
        if (!IsFresh(existing))
        {
            var compared = Compare(types, sourcePrints, existing);
            if (compared.All(t => t.Matches)) return new PostgresMigrationResult(true, compared);
            throw new RuleException($"--to: la base {where} ya tiene datos y no son una copia de este archivo " +
                $"(difieren: {string.Join(", ", compared.Where(t => !t.Matches).Select(t => t.Table))}). Use una base vacía.");
        }

        await using var tx = await destination.Database.BeginTransactionAsync(ct);
        // The migration's own «Oficina principal»: the file brings its main office (perhaps renamed) with the rest.
        await destination.Offices.IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        foreach (var type in types)
        {
            await (Task)CopyMethod.MakeGenericMethod(type.ClrType).Invoke(null, [source, destination, type, ct])!;
        }
        await ContinueIdentitiesAsync(destination, types, ct);
        var copied = Compare(types, sourcePrints, await FingerprintsAsync(destination, types, ct));
        if (!copied.All(t => t.Matches))
        {
            // Disposing the transaction without committing leaves the target empty again.
            throw new RuleException($"La copia no coincide con el archivo en: {string.Join(", ", copied.Where(t => !t.Matches).Select(t => t.Table))}. No se guardó nada.");
        }
        await tx.CommitAsync(ct);
        return new PostgresMigrationResult(false, copied);
    }

    /// <summary>The tables in an order that puts every row's referenced rows first.</summary>
    internal static IReadOnlyList<IEntityType> CopyOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.BaseType is null && t.FindPrimaryKey() is not null && t.GetTableName() is not null).ToList();
        if (types.FirstOrDefault(t => t.HasSharedClrType || t.GetProperties().Any(p => p.IsShadowProperty() && !p.IsKey())) is { } odd)
        {
            // Values the copy could not read from the row objects: the model changed in a way this tool must learn first.
            throw new InvalidOperationException($"{odd.DisplayName()} has shadow or shared-type data the copy does not carry.");
        }
        var ordered = new List<IEntityType>();
        var remaining = types.OrderBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType.GetRootType() == t || ordered.Contains(fk.PrincipalEntityType.GetRootType())))
                ?? throw new InvalidOperationException("The model's foreign keys form a cycle between tables.");
            ordered.Add(ready);
            remaining.Remove(ready);
        }
        return ordered;
    }

    private static readonly MethodInfo CopyMethod = typeof(PostgresMigration).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task CopyTableAsync<T>(AppDbContext source, AppDbContext destination, IEntityType type, CancellationToken ct) where T : class
    {
        var instants = type.GetProperties().Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)).Select(p => p.PropertyInfo).OfType<PropertyInfo>().ToList();
        var batch = new List<T>(Batch);
        // By key, so a row that refers to an earlier row of its own table (a reply to a reply) finds it there.
        var keys = type.FindPrimaryKey()!.Properties;
        var rows = source.Set<T>().IgnoreQueryFilters().AsNoTracking().OrderBy(r => EF.Property<object>(r, keys[0].Name));
        foreach (var key in keys.Skip(1)) rows = rows.ThenBy(r => EF.Property<object>(r, key.Name));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var instant in instants)
            {
                if (instant.GetValue(row) is DateTime value) instant.SetValue(row, ToMicroseconds(value));
            }
            batch.Add(row);
            if (batch.Count == Batch) await FlushAsync();
        }
        await FlushAsync();

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            destination.AddRange(batch);
            await destination.SaveChangesAsync(ct);
            destination.ChangeTracker.Clear();
            batch.Clear();
        }
    }

    /// <summary>New rows on PostgreSQL continue after the copied keys.</summary>
    private static async Task ContinueIdentitiesAsync(AppDbContext destination, IReadOnlyList<IEntityType> types, CancellationToken ct)
    {
        foreach (var type in types)
        {
            if (type.FindPrimaryKey()!.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } key] || key.ClrType != typeof(int) && key.ClrType != typeof(long)) continue;
            var (table, column) = (type.GetTableName()!, key.GetColumnName());
            // Names come from the model, never from input.
#pragma warning disable EF1002
            await destination.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)", ct);
#pragma warning restore EF1002
        }
    }

    private static bool IsFresh(IReadOnlyDictionary<string, (long Rows, string Print)> prints)
        => prints.All(p => p.Value.Rows == 0 || p.Key == "Offices" && p.Value.Rows == 1);

    private static List<TableCopy> Compare(
        IReadOnlyList<IEntityType> types, IReadOnlyDictionary<string, (long Rows, string Print)> source, IReadOnlyDictionary<string, (long Rows, string Print)> target)
        => [.. types.Select(t => t.GetTableName()!).Select(n => new TableCopy(n, source[n].Rows, target[n].Rows, source[n].Print, target[n].Print))];

    private static readonly MethodInfo PrintMethod = typeof(PostgresMigration).GetMethod(nameof(FingerprintAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task<IReadOnlyDictionary<string, (long Rows, string Print)>> FingerprintsAsync(AppDbContext db, IReadOnlyList<IEntityType> types, CancellationToken ct)
    {
        var prints = new Dictionary<string, (long, string)>();
        foreach (var type in types)
        {
            prints[type.GetTableName()!] = await (Task<(long, string)>)PrintMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, type, ct])!;
        }
        return prints;
    }

    /// <summary>Rows and a SHA-256 over the sorted hashes of every row's values: the same on both engines when the data is.</summary>
    private static async Task<(long Rows, string Print)> FingerprintAsync<T>(AppDbContext db, IEntityType type, CancellationToken ct) where T : class
    {
        var properties = type.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.GetGetter()).ToList();
        var hashes = new List<string>();
        var text = new StringBuilder();
        await foreach (var row in db.Set<T>().IgnoreQueryFilters().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            text.Clear();
            foreach (var getter in properties) text.Append(Canonical(getter.GetClrValue(row))).Append('\u001f');
            hashes.Add(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
        }
        hashes.Sort(StringComparer.Ordinal);
        var all = SHA256.HashData(Encoding.ASCII.GetBytes(string.Concat(hashes)));
        return (hashes.Count, Convert.ToHexString(all)[..16].ToLowerInvariant());
    }

    private static DateTime ToMicroseconds(DateTime value) => new(value.Ticks - value.Ticks % 10, value.Kind);

    private static string Canonical(object? value) => value switch
    {
        null => "\u2205",
        DateTime d => ToMicroseconds(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset o => ToMicroseconds(o.UtcDateTime).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => new TimeOnly(t.Ticks - t.Ticks % 10).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        // 1.50 and 1.5 are the same amount: trailing zeros depend on the engine.
        decimal m => (m / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

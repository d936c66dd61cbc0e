using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ventanilla.Data;
using Ventanilla.Features.Import;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget: importing a 100,000-row legacy file into an empty database takes at most twice a plain prepared insert of
/// the same rows in one transaction on the same engine (Microsoft.Data.Sqlite, or Npgsql on PostgreSQL; measured in
/// the same run); re-importing it takes no longer than the first import; memory stays flat (the file is streamed).
/// </summary>
public static class ImportBenchmark
{
    public const double MaxRatio = 2.0;

    public static async Task<bool> RunAsync(int rows = 100_000, int rounds = 3, bool postgres = false)
    {
        var folder = TestApp.NewFolder();
        try
        {
            var file = Path.Combine(folder, "legado.csv");
            var size = LegacyFiles.Write(file, rows);
            Console.WriteLine($"Importación{(postgres ? " en PostgreSQL" : "")}: archivo de {rows:N0} filas ({size / 1024.0 / 1024.0:0.0} MB, UTF-8, con campos multilínea).");

            // Disk and page cache make single runs vary by a third on this machine: each measure is taken in
            // several rounds, each on fresh databases, and the medians compared.
            // Warm-up: a small file through both paths first, so JIT compilation is not charged to the first round.
            var small = Path.Combine(folder, "calentamiento.csv");
            LegacyFiles.Write(small, 2_000);
            await using (var warm = await TestApp.CreateAsync(postgres: postgres))
            {
                await PlainInsertAsync(warm, await PlainRowsAsync(warm, small));
            }
            await using (var warm = await TestApp.CreateAsync(postgres: postgres))
            {
                await warm.Get<LegacyImport>().RunAsync(() => File.OpenRead(small), "calentamiento.csv", new ImportOptions());
            }

            var (plains, firsts, seconds) = (new List<double>(), new List<double>(), new List<double>());
            var peak = 0L;
            for (var round = 0; round < rounds; round++)
            {
                await using (var baseline = await TestApp.CreateAsync(postgres: postgres))
                {
                    // The plain insert: the same rows as petitions, prepared once, one transaction, nothing else.
                    var values = await PlainRowsAsync(baseline, file);
                    plains.Add(await PlainInsertAsync(baseline, values));
                }

                await using var app = await TestApp.CreateAsync(postgres: postgres);
                var import = app.Get<LegacyImport>();
                GC.Collect();
                var watch = Stopwatch.StartNew();
                var report = await import.RunAsync(() => File.OpenRead(file), "legado.csv", new ImportOptions(),
                    new SyncProgress(_ => peak = Math.Max(peak, GC.GetTotalMemory(false))));
                firsts.Add(watch.Elapsed.TotalMilliseconds);
                if (!report.IsValid || report.ToAdd != rows) throw new InvalidOperationException(report.ToText());

                watch.Restart();
                var again = await import.RunAsync(() => File.OpenRead(file), "legado.csv", new ImportOptions());
                seconds.Add(watch.Elapsed.TotalMilliseconds);
                if (again.ToAdd != 0) throw new InvalidOperationException("La segunda importación agregó peticiones.");
            }

            double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            var (plain, first, second) = (Median(plains), Median(firsts), Median(seconds));
            var ratio = first / plain;
            var ok = ratio <= MaxRatio && second <= first;
            string All(List<double> xs) => string.Join(", ", xs.Select(x => $"{x:N0}"));
            Console.WriteLine($"  mediana de {rounds} rondas (cada una en bases nuevas):");
            Console.WriteLine($"  inserción simple preparada ({(postgres ? "Npgsql" : "Microsoft.Data.Sqlite")}, una transacción): {plain:N0} ms  [{All(plains)}]");
            Console.WriteLine($"  importación (leer, revisar y escribir peticiones, clientes, turnos y eventos): {first:N0} ms  [{All(firsts)}] = {ratio:0.00}× la inserción simple  presupuesto ≤ {MaxRatio}×: {(ratio <= MaxRatio ? "CUMPLE" : "NO CUMPLE")}");
            Console.WriteLine($"  reimportación (nada nuevo): {second:N0} ms  [{All(seconds)}]  presupuesto ≤ la primera: {(second <= first ? "CUMPLE" : "NO CUMPLE")}");
            Console.WriteLine($"  memoria administrada: pico {peak / 1024.0 / 1024.0:0} MB durante la importación (archivo de {size / 1024.0 / 1024.0:0} MB; la aplicación sola ocupa unos 95 MB)");
            return ok;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }

    /// <summary>Reports on the importing thread, so the samples are taken while the import runs.</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    /// <summary>The rows of the file as petition values, read before the clock starts (the plain insert does not parse).</summary>
    private static async Task<List<object?[]>> PlainRowsAsync(TestApp app, string file)
    {
        await using var db = app.CreateDb();
        var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var rows = new List<object?[]>();
        using var csv = LegacyCsv.Open(() => File.OpenRead(file));
        var id = 0;
        foreach (var record in csv.Records())
        {
            var f = record.Fields;
            LegacyValues.TryDate(f[1], out var received, out _);
            var receivedUtc = received.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc);
            rows.Add([++id, f[0], received.Year, id, f[2] == "Escrito" ? 1 : 0, receivedUtc, received, f[3], TextFold.Fold(f[3]), f[4] == "Sí",
                f[5], f[6], f[7], type, f[9], f[14].Length == 0 ? null : f[14], 7, 15, received.AddDays(21), now, 1L]);
        }
        return rows;
    }

    private static readonly string[] PlainColumns = ["Id", "Folio", "FolioYear", "FolioNumber", "Channel", "ReceivedAtUtc", "ReceptionDay", "PetitionerName", "SearchName",
        "IsThirdParty", "AccountNumber", "Phone", "Address", "PetitionTypeId", "Subject", "Notes", "Status", "TermDays", "DueDate", "CreatedAtUtc", "Version"];

    private static async Task<double> PlainInsertAsync(TestApp app, List<object?[]> rows)
    {
        if (app.PostgresDatabase is null) return PlainInsert(app.DatabasePath, rows);
        await using var db = app.CreateDb();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO \"Petitions\" ({string.Join(", ", PlainColumns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", PlainColumns.Select((_, i) => $"@p{i}"))})",
            connection, transaction);
        var parameters = rows[0].Select((value, i) => command.Parameters.AddWithValue($"p{i}", value ?? "")).ToArray();
        await command.PrepareAsync();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double PlainInsert(string databasePath, List<object?[]> rows)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO Petitions ({string.Join(", ", PlainColumns)}) VALUES ({string.Join(", ", PlainColumns.Select((_, i) => $"$p{i}"))})";
        var parameters = PlainColumns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return watch.Elapsed.TotalMilliseconds;
    }
}

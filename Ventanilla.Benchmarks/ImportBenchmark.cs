using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Import;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget: importing a 100,000-row legacy file into an empty database takes at most twice a plain
/// Microsoft.Data.Sqlite prepared insert of the same rows in one transaction (measured in the same run);
/// re-importing it takes no longer than the first import; memory stays flat (the file is streamed).
/// </summary>
public static class ImportBenchmark
{
    public const double MaxRatio = 2.0;

    private static readonly string[] Names = ["María", "José", "Guadalupe", "Juan", "Begoña", "Óscar", "Ángel", "Noemí", "Raúl", "Lucía"];
    private static readonly string[] Surnames = ["Hernández", "García", "Martínez", "López", "Peña", "Núñez", "Ordóñez", "Álvarez", "Díaz", "Muñoz"];
    private static readonly string[] Types = ["Aclaración de consumo", "Reconexión", "Cambio de propietario", "Convenio de pago", "Reporte de fuga", "Corrección al padrón"];
    private static readonly string[] Areas = ["Operación", "FACTURACION Y COBRANZA", "Padron de usuarios", "Jurídico", "Operación, Jurídico", ""];
    private static readonly string[] Statuses = ["Concluido", "Cerrado", "Atendido", "Contestado", "Cancelado", "Sin acreditación", "En trámite", "Turnado"];

    public static async Task<bool> RunAsync(int rows = 100_000, int rounds = 3)
    {
        var folder = TestApp.NewFolder();
        try
        {
            var file = Path.Combine(folder, "legado.csv");
            var size = WriteFile(file, rows);
            Console.WriteLine($"Importación: archivo de {rows:N0} filas ({size / 1024.0 / 1024.0:0.0} MB, UTF-8, con campos multilínea).");

            // Disk and page cache make single runs vary by a third on this machine: each measure is taken in
            // several rounds, each on fresh databases, and the medians compared.
            // Warm-up: a small file through both paths first, so JIT compilation is not charged to the first round.
            var small = Path.Combine(folder, "calentamiento.csv");
            WriteFile(small, 2_000);
            await using (var warm = await TestApp.CreateAsync())
            {
                PlainInsert(warm.DatabasePath, await PlainRowsAsync(warm, small));
            }
            await using (var warm = await TestApp.CreateAsync())
            {
                await warm.Get<LegacyImport>().RunAsync(() => File.OpenRead(small), "calentamiento.csv", new ImportOptions());
            }

            var (plains, firsts, seconds) = (new List<double>(), new List<double>(), new List<double>());
            var peak = 0L;
            for (var round = 0; round < rounds; round++)
            {
                await using (var baseline = await TestApp.CreateAsync())
                {
                    // The plain insert: the same rows as petitions, prepared once, one transaction, nothing else.
                    var values = await PlainRowsAsync(baseline, file);
                    plains.Add(PlainInsert(baseline.DatabasePath, values));
                }

                await using var app = await TestApp.CreateAsync();
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
            Console.WriteLine($"  inserción simple preparada (Microsoft.Data.Sqlite, una transacción): {plain:N0} ms  [{All(plains)}]");
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

    private static long WriteFile(string path, int rows)
    {
        var random = new Random(11);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(true)))
        {
            writer.WriteLine("No. de Folio,Fecha de recepción,Canal,Nombre del usuario,Tercero,No. de cuenta,Teléfono,Domicilio,Tipo de petición,Asunto,Área turnada,Estatus,Fecha de respuesta,Fecha de cierre,Observaciones");
            var start = new DateOnly(2015, 1, 5);
            for (var i = 1; i <= rows; i++)
            {
                var received = start.AddDays(i * 4000 / rows);
                var status = Statuses[random.Next(Statuses.Length)];
                var closed = status is not ("En trámite" or "Turnado");
                var answered = received.AddDays(random.Next(3, 30));
                var name = $"{Names[random.Next(Names.Length)]} {Surnames[random.Next(Surnames.Length)]} {Surnames[random.Next(Surnames.Length)]}";
                var notes = i % 7 == 0 ? "\"Revisar lectura del medidor,\nposible fuga \"\"interna\"\"\"" : "";
                writer.WriteLine(string.Join(',',
                    $"GAU-{received.Year}-{i:000000}", received.ToString("dd/MM/yyyy"), i % 2 == 0 ? "Presencial" : "Escrito", name, i % 9 == 0 ? "Sí" : "No",
                    $"{random.Next(1, 60_000):00000}", $"722{random.Next(1_000_000, 9_999_999)}", $"\"Calle {Surnames[i % 10]} {i % 400}, Col. Centro\"",
                    Types[i % Types.Length], $"{Types[i % Types.Length]} de la cuenta", $"\"{Areas[i % Areas.Length]}\"", status,
                    closed ? answered.ToString("dd/MM/yyyy") : "", closed ? answered.AddDays(2).ToString("dd/MM/yyyy") : "", notes));
            }
        }
        return new FileInfo(path).Length;
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
            rows.Add([++id, f[0], received.Year, id, f[2] == "Escrito" ? 1 : 0, receivedUtc, received, f[3], TextFold.Fold(f[3]), f[4] == "Sí" ? 1 : 0,
                f[5], f[6], f[7], type, f[9], f[14].Length == 0 ? null : f[14], 7, 15, received.AddDays(21), now, 1L]);
        }
        return rows;
    }

    private static double PlainInsert(string databasePath, List<object?[]> rows)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        string[] columns = ["Id", "Folio", "FolioYear", "FolioNumber", "Channel", "ReceivedAtUtc", "ReceptionDay", "PetitionerName", "SearchName", "IsThirdParty",
            "AccountNumber", "Phone", "Address", "PetitionTypeId", "Subject", "Notes", "Status", "TermDays", "DueDate", "CreatedAtUtc", "Version"];
        command.CommandText = $"INSERT INTO Petitions ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
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

using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Ventanilla.Data;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// A city's ten years (DESIGN.md §9): 1,000,000 petitions of which 50,000 open (received in the last eight weeks and
/// spread over every open state and area) with their customers, routings, pauses and history, brought in through the
/// app's own legacy import from a generated Control de Peticiones; and 2,000,000 visits with their turns through the
/// app's model. Every column is as the app writes it, on either engine. Built once and kept for the next runs: a
/// SQLite file under the temp folder, a template database on the PostgreSQL server, named by this generator's version.
/// A copy made by an earlier version of the app is brought up to date by the app's own start-up (its migrations).
/// </summary>
public static class CityData
{
    public const int Petitions = 1_000_000;
    public const int Open = 50_000;
    public const int Visits = 2_000_000;

    /// <summary>Bumped when the generated data changes shape (3: the closed files classified in their archive series, the escalations sent).</summary>
    private const int GeneratorVersion = 3;

    private static string Key() => $"g{GeneratorVersion}-{Petitions / 1000}k-{Visits / 1000}k";

    /// <summary>A SQLite data folder holding the city's database (copied from the cache, or built and cached).</summary>
    public static async Task<string> SqliteFolderAsync()
    {
        var folder = TestApp.NewFolder();
        var target = Path.Combine(folder, "ventanilla.db");
        var key = Key();
        var cache = Path.Combine(Path.GetTempPath(), "ventanilla-bench", $"city-{key}.db");
        if (!File.Exists(cache))
        {
            Console.WriteLine($"Construyendo la base de la ciudad (se guarda en {cache} para las siguientes corridas)…");
            var build = TestApp.NewFolder();
            await using (var app = await AppServer.StartInAsync(build))
            {
                await SeedAsync(app);
            }
            SqliteConnection.ClearAllPools();
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(build, "ventanilla.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                // No ANALYZE: an office's database has no planner statistics either, and its plans are the ones measured.
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }
            Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
            File.Copy(Path.Combine(build, "ventanilla.db"), cache + ".parcial", overwrite: true);
            File.Move(cache + ".parcial", cache, overwrite: true);
            TestApp.TryDelete(build);
        }
        File.Copy(cache, target);
        return folder;
    }

    /// <summary>A PostgreSQL database with the city (copied from the server's template, or built and kept as one).</summary>
    public static async Task<(string Name, string ConnectionString)> PostgresDatabaseAsync()
    {
        var key = Key();
        var template = $"ventanilla_city_{key.Replace('-', '_')}";
        var server = await TestPostgres.ServerAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var exists = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", template);
            if ((long)(await exists.ExecuteScalarAsync())! == 0)
            {
                Console.WriteLine($"Construyendo la base de la ciudad en PostgreSQL (plantilla {template} para las siguientes corridas)…");
                var (building, buildConnection) = await TestApp.NewPostgresDatabaseAsync();
                var folder = TestApp.NewFolder();
                await using (var app = await AppServer.StartInAsync(folder, s => TestApp.UsePostgres(s, buildConnection, folder)))
                {
                    await SeedAsync(app);
                }
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using (var analyze = new Npgsql.NpgsqlConnection(buildConnection))
                {
                    await analyze.OpenAsync();
                    await using var command = new Npgsql.NpgsqlCommand("VACUUM ANALYZE", analyze) { CommandTimeout = 0 };
                    await command.ExecuteNonQueryAsync();
                }
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var rename = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{building}\" RENAME TO \"{template}\"", connection);
                await rename.ExecuteNonQueryAsync();
                TestApp.TryDelete(folder);
            }
            var name = $"city_{Guid.NewGuid():N}";
            await using var copy = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection) { CommandTimeout = 0 };
            await copy.ExecuteNonQueryAsync();
            return (name, await TestPostgres.DatabaseAsync(name));
        }
    }

    private static async Task SeedAsync(AppServer app)
    {
        var watch = Stopwatch.StartNew();
        var file = Path.Combine(app.Folder, "control-de-peticiones.csv");
        WritePetitions(file, app.Get<OfficeClock>().Today());
        var report = await app.Get<Ventanilla.Features.Import.LegacyImport>().RunAsync(() => File.OpenRead(file), "control-de-peticiones.csv",
            new Ventanilla.Features.Import.ImportOptions());
        if (!report.Written) throw new InvalidOperationException($"La importación de la ciudad no se escribió: {string.Join("; ", report.FileErrors.Take(5))}");
        File.Delete(file);
        Console.WriteLine($"  {Petitions:N0} peticiones (importadas) en {watch.Elapsed.TotalSeconds:0} s");
        watch.Restart();
        var dbFactory = app.Get<IDbContextFactory<AppDbContext>>();
        await using (var db = dbFactory.CreateDbContext())
        {
            if (db.Database.IsPostgres())
            {
                await CopyVisitsAsync(db.Database.GetConnectionString()!, dbFactory, app.Get<OfficeClock>(), Visits, years: 10);
            }
            else
            {
                await SeedVisitsAsync(dbFactory, app.Get<OfficeClock>(), Visits, years: 10);
            }
        }
        Console.WriteLine($"  {Visits:N0} visitas con su turno en {watch.Elapsed.TotalSeconds:0} s");
        // An office's steady state: its closed files already in their archive series and the escalation notices of its
        // overdue petitions already sent (their jobs keep them so). Left to the jobs, the first start of every run
        // classified the city's 900,000 files and wrote 30,000 notices while the pages were being measured.
        watch.Restart();
        var classified = await app.Get<Ventanilla.Features.Archive.ArchiveClassification>().ClassifyPendingAsync();
        var escalated = await app.Get<Ventanilla.Features.Deadlines.Escalation>().RunAsync();
        Console.WriteLine($"  {classified:N0} expedientes clasificados en su serie de archivo y {escalated:N0} avisos de escalamiento en {watch.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>
    /// Ten years of the office's Control de Peticiones as its spreadsheet: the closed ones over the years (answered, a
    /// few cancelled or closed without proof), then the open ones of the last eight weeks over every open state, each
    /// type and every area; 300,000 accounts, so customers come back.
    /// </summary>
    private static void WritePetitions(string path, DateOnly today)
    {
        string[] areas = ["Operación", "Facturación y Cobranza", "Padrón de Usuarios", "Jurídico"];
        string[] types = ["Aclaración de facturación", "Ajuste de consumo", "Falta de agua", "Fuga de agua", "Revisión o cambio de medidor", "Reconexión",
            "Cambio de propietario", "Corrección al padrón", "Drenaje y alcantarillado", "Factibilidad de servicios", "Descuento por programa", "Otro"];
        string[] open = ["Registrada", "Turnada", "Turnada", "Turnada", "En respuesta", "Esperando al usuario", "En revisión", "Aprobada"];
        string[] names = ["María", "José", "Guadalupe", "Juan", "Begoña", "Óscar", "Ángel", "Noemí", "Raúl", "Lucía"];
        string[] surnames = ["Hernández", "García", "Martínez", "López", "Peña", "Núñez", "Ordóñez", "Álvarez", "Díaz", "Muñoz"];
        var random = new Random(11);
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(true));
        writer.WriteLine(LegacyFiles.Header);
        var first = today.AddDays(-10 * 365);
        for (var i = 0; i < Petitions; i++)
        {
            var isOpen = i >= Petitions - Open;
            // The closed ones in order over ten years up to eight weeks ago; the open ones over the last eight weeks.
            var received = isOpen
                ? today.AddDays(-56 + (int)((long)(i - (Petitions - Open)) * 56 / Open))
                : first.AddDays((int)((long)i * (10 * 365 - 57) / (Petitions - Open)));
            var status = isOpen ? open[random.Next(open.Length)] : i % 50 == 0 ? "Cancelado" : i % 97 == 0 ? "Sin acreditación" : "Concluido";
            var answered = received.AddDays(random.Next(5, 25));
            var closed = !isOpen && status == "Concluido";
            var name = $"{names[random.Next(names.Length)]} {surnames[random.Next(surnames.Length)]} {surnames[random.Next(surnames.Length)]}";
            var area = status is "Registrada" ? "" : areas[random.Next(areas.Length)];
            writer.WriteLine(string.Join(',',
                $"AU-{received.Year}-{i + 1:0000000}", received.ToString("dd/MM/yyyy"), i % 3 == 0 ? "Escrito" : "Presencial", name, i % 9 == 0 ? "Sí" : "No",
                $"{random.Next(1, 300_000):000000}", $"722{random.Next(1_000_000, 9_999_999)}", $"\"Calle {surnames[i % 10]} {i % 400}, Col. Centro\"",
                types[random.Next(types.Length)], "Revisión de la cuenta", $"\"{area}\"", status,
                closed ? answered.ToString("dd/MM/yyyy") : "", closed ? answered.AddDays(2).ToString("dd/MM/yyyy") : "", ""));
        }
    }

    /// <summary>One generated visit and its turn.</summary>
    private sealed record GeneratedVisit(Visit Visit, QueueTicket Ticket);

    /// <summary>Years of visits with their turn each, spread over the categories, with waits, services and outcomes.</summary>
    internal static async Task SeedVisitsAsync(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, int total, int years)
    {
        const int batch = 20_000;
        var pending = new List<GeneratedVisit>(batch);
        async Task SaveAsync()
        {
            await using var insert = dbFactory.CreateDbContext();
            insert.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var (visit, ticket) in pending)
            {
                visit.Tickets.Add(ticket);
                insert.Visits.Add(visit);
            }
            await insert.SaveChangesAsync();
            pending.Clear();
        }
        await foreach (var generated in GenerateVisitsAsync(dbFactory, office, total, years))
        {
            pending.Add(generated);
            if (pending.Count == batch) await SaveAsync();
        }
        if (pending.Count > 0) await SaveAsync();
    }

    /// <summary>
    /// The same visits written with PostgreSQL's binary COPY: through EF, two million visits and their turns took about
    /// 45 minutes on the development machine. The ids are given here and the identity sequences moved past them after.
    /// </summary>
    private static async Task CopyVisitsAsync(string connectionString, IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, int total, int years)
    {
        // No command timeout: completing a COPY of two million rows (and their indexes) takes minutes.
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        int firstVisit, firstTicket;
        await using (var next = new Npgsql.NpgsqlCommand("SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"Visits\"", connection)) firstVisit = (int)(await next.ExecuteScalarAsync())!;
        await using (var next = new Npgsql.NpgsqlCommand("SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"QueueTickets\"", connection)) firstTicket = (int)(await next.ExecuteScalarAsync())!;
        var generated = new List<GeneratedVisit>(total);
        await foreach (var g in GenerateVisitsAsync(dbFactory, office, total, years)) generated.Add(g);

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Visits\" (\"Id\", \"ArrivedAtUtc\", \"ServiceDate\", \"ServiceCategoryId\", \"OfficeId\", \"Preferential\", \"DeskId\", \"CalledAtUtc\", " +
            "\"ServiceStartedAtUtc\", \"FinishedAtUtc\", \"Outcome\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < generated.Count; i++)
            {
                var v = generated[i].Visit;
                copy.StartRow();
                copy.Write(firstVisit + i, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(v.ArrivedAtUtc, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                copy.Write(v.ServiceDate, NpgsqlTypes.NpgsqlDbType.Date);
                copy.Write(v.ServiceCategoryId, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(v.OfficeId, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write((int)v.Preferential, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(v.DeskId!.Value, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(v.CalledAtUtc!.Value, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                if (v.ServiceStartedAtUtc is { } started) copy.Write(started, NpgsqlTypes.NpgsqlDbType.TimestampTz); else copy.WriteNull();
                copy.Write(v.FinishedAtUtc!.Value, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                copy.Write((int)v.Outcome, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(0L, NpgsqlTypes.NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"QueueTickets\" (\"Id\", \"VisitId\", \"ServiceDate\", \"ServiceCategoryId\", \"Number\", \"Code\", \"IsPreferential\", \"Status\", " +
            "\"IssuedAtUtc\", \"LastCalledAtUtc\", \"CallCount\", \"DeskId\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < generated.Count; i++)
            {
                var t = generated[i].Ticket;
                copy.StartRow();
                copy.Write(firstTicket + i, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(firstVisit + i, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(t.ServiceDate, NpgsqlTypes.NpgsqlDbType.Date);
                copy.Write(t.ServiceCategoryId, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(t.Number, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(t.Code, NpgsqlTypes.NpgsqlDbType.Text);
                copy.Write(t.IsPreferential, NpgsqlTypes.NpgsqlDbType.Boolean);
                copy.Write((int)t.Status, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(t.IssuedAtUtc, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                copy.Write(t.LastCalledAtUtc!.Value, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                copy.Write(t.CallCount, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(t.DeskId!.Value, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(0L, NpgsqlTypes.NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        foreach (var table in new[] { "Visits", "QueueTickets" })
        {
            await using var move = new Npgsql.NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"))", connection);
            await move.ExecuteScalarAsync();
        }
    }

    /// <summary>The visits of each day in order, numbered per category as the kiosk numbers them; yesterday back to the first day.</summary>
    private static async IAsyncEnumerable<GeneratedVisit> GenerateVisitsAsync(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, int total, int years)
    {
        var today = office.Today();
        List<(int Id, string Letter)> categories;
        List<int> desks;
        await using (var db = dbFactory.CreateDbContext())
        {
            categories = [.. (await db.ServiceCategories.OrderBy(c => c.Id).Select(c => new { c.Id, c.Letter }).ToListAsync()).Select(c => (c.Id, c.Letter))];
            desks = await db.Desks.Select(d => d.Id).ToListAsync();
        }
        VisitOutcome[] outcomes = [VisitOutcome.ImmediateSettlement, VisitOutcome.Information, VisitOutcome.Information, VisitOutcome.DiscountProgramme,
            VisitOutcome.PetitionCreated, VisitOutcome.DocumentsRequested, VisitOutcome.NoShow, VisitOutcome.OtherResolved];
        var random = new Random(3);
        var perDay = Math.Max(1, total / (years * 365));
        var made = 0;
        for (var day = today.AddDays(-1); made < total; day = day.AddDays(-1))
        {
            var numbers = new int[categories.Count];
            for (var n = 0; n < perDay && made < total; n++, made++)
            {
                var c = made % categories.Count;
                var arrived = office.ToUtc(day.ToDateTime(new TimeOnly(9, 0)).AddSeconds(n * 28_800.0 / perDay));
                var called = arrived.AddMinutes(random.Next(1, 60));
                var outcome = outcomes[random.Next(outcomes.Length)];
                var started = outcome == VisitOutcome.NoShow ? (DateTime?)null : called.AddMinutes(1);
                var finished = (started ?? called).AddMinutes(random.Next(3, 30));
                var number = ++numbers[c];
                var desk = desks[made % desks.Count];
                yield return new GeneratedVisit(
                    new Visit
                    {
                        ArrivedAtUtc = arrived, ServiceDate = day, ServiceCategoryId = categories[c].Id, DeskId = desk,
                        CalledAtUtc = called, ServiceStartedAtUtc = started, FinishedAtUtc = finished, Outcome = outcome,
                    },
                    new QueueTicket
                    {
                        ServiceDate = day, ServiceCategoryId = categories[c].Id, Number = number, Code = $"{categories[c].Letter}-{number:000}",
                        Status = outcome == VisitOutcome.NoShow ? TicketStatus.NoShow : TicketStatus.Done, IssuedAtUtc = arrived,
                        LastCalledAtUtc = called, CallCount = 1, DeskId = desk,
                    });
            }
        }
    }
}

using System.Diagnostics;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget (issue 17): four people downloading the Control de Peticiones of 100,000 petitions at the same time add at
/// most 200 MB to the server's memory (the export is streamed row by row, never built whole). Also reported: how long
/// one download takes and how big the file is.
/// </summary>
public static class ExportBenchmark
{
    public const double ExtraMemoryBudgetMb = 200;
    private const int Concurrent = 4;

    public static async Task<bool> RunAsync(int petitions = 100_000)
    {
        await using var app = await AppServer.StartAsync();
        await app.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await PetitionsBenchmark.SeedAsync(app, petitions, petitions / 10);
        var clients = new List<HttpClient>();
        for (var i = 0; i < Concurrent; i++) clients.Add(await PetitionsBenchmark.SignInAsync(app, "rosa", "Segura123"));

        // One download first (JIT, SQLite's page cache), then the baseline taken after a full collection.
        var (bytes, _) = await DownloadAsync(clients[0]);
        var one = new List<double>();
        for (var i = 0; i < 3; i++) one.Add((await DownloadAsync(clients[0])).Milliseconds);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(10);
            }
        });
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(DownloadAsync));
        var together = watch.Elapsed.TotalMilliseconds;
        await sampling.CancelAsync();
        await sampler;

        var extraMb = (peak - before) / 1024.0 / 1024.0;
        var ok = extraMb <= ExtraMemoryBudgetMb;
        Console.WriteLine($"Exportar el Control de Peticiones ({petitions:N0} peticiones, {bytes / 1024.0 / 1024.0:0.0} MB de CSV):");
        Console.WriteLine($"  una descarga: {Timings.Of(one)}");
        Console.WriteLine($"  {Concurrent} descargas a la vez: {together:N0} ms; memoria del servidor +{extraMb:0} MB sobre {before / 1024.0 / 1024.0:0} MB  presupuesto ≤ +{ExtraMemoryBudgetMb} MB: {(ok ? "CUMPLE" : "NO CUMPLE")}");
        foreach (var client in clients) client.Dispose();
        return ok;
    }

    /// <summary>The whole file, read as it arrives and thrown away (the client keeps no copy).</summary>
    private static async Task<(long Bytes, double Milliseconds)> DownloadAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync("peticiones/exportar.csv", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        return (total, watch.Elapsed.TotalMilliseconds);
    }
}

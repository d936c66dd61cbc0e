using System.Globalization;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Runs the budgets of DESIGN.md §9 that exist so far; exit code 1 when one is not met. (Not named Program:
/// that name belongs to the web app, which the benchmarks host.)
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("es-MX");
        var which = args.FirstOrDefault()?.ToLowerInvariant() ?? "all";
        if (which is "city-sql" or "city-sql-pg" && args.Length >= 2)
        {
            return await CityBenchmark.ExplainAsync(which == "city-sql-pg", args[1], args.Length > 2 ? args[2] : "rosa") ? 0 : 1;
        }
        if (which is "city-restart" or "city-restart-pg")
        {
            return await CityBenchmark.RunAsync(which == "city-restart-pg", restartOnly: true) ? 0 : 1;
        }
        if (which == "soak")
        {
            // Not part of «all»: it runs for an hour by default.
            var minutes = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 60;
            return await SoakBenchmark.RunAsync(minutes) ? 0 : 1;
        }
        if (which is not ("all" or "kiosk" or "display" or "petitions" or "import" or "import-kiosk" or "export" or "board" or "citizen" or "wait" or "expediente" or "display-pg" or "kiosk-pg" or "import-pg" or "import-kiosk-pg" or "board-pg" or "city" or "city-pg" or "appointments" or "intake" or "signing" or "access-log" or "retention" or "padron" or "padron-pg" or "api" or "api-pg"))
        {
            Console.Error.WriteLine("Uso: dotnet run -c Release --project Ventanilla.Benchmarks -- [all|kiosk|display|petitions|import|import-kiosk|export|board|citizen|wait|expediente|appointments|intake|signing|access-log|retention|padron|api|kiosk-pg|display-pg|import-pg|import-kiosk-pg|board-pg|padron-pg|api-pg|city|city-pg|city-restart|city-restart-pg] [--with-sound]  ·  soak [minutos]  ·  city-sql|city-sql-pg RUTA [usuario]");
            return 2;
        }
        var ok = true;
        if (which is "all" or "kiosk") ok &= await KioskBenchmark.RunAsync(TimeSpan.FromSeconds(30));
        if (which is "all" or "display")
        {
            ok &= await DisplayBenchmark.RunAsync(pages: 20, calls: 60, withSound: args.Contains("--with-sound"));
        }
        if (which is "all" or "petitions") ok &= await PetitionsBenchmark.RunAsync();
        if (which is "all" or "import") ok &= await ImportBenchmark.RunAsync();
        if (which is "all" or "import-kiosk") ok &= await ImportKioskBenchmark.RunAsync();
        if (which is "all" or "export") ok &= await ExportBenchmark.RunAsync();
        if (which is "all" or "board") ok &= await WallBoardBenchmark.RunAsync();
        if (which is "all" or "citizen") ok &= await CitizenBenchmark.RunAsync();
        if (which is "all" or "wait") ok &= await WaitEstimateBenchmark.RunAsync();
        if (which is "all" or "expediente") ok &= await ExpedienteBenchmark.RunAsync();
        if (which is "all" or "appointments") ok &= await AppointmentBenchmark.RunAsync();
        if (which is "all" or "intake") ok &= await IntakeBenchmark.RunAsync();
        if (which is "all" or "signing") ok &= await SignedResponseBenchmark.RunAsync();
        if (which is "all" or "access-log") ok &= await AccessLogBenchmark.RunAsync();
        if (which is "all" or "retention") ok &= await RetentionBenchmark.RunAsync();
        if (which is "all" or "padron") ok &= await PadronBenchmark.RunAsync();
        if (which is "all" or "api") ok &= await ApiBenchmark.RunAsync();
        // On the PostgreSQL server of VENTANILLA_TEST_POSTGRES, or a throwaway cluster started like the tests' one.
        if (which is "all" or "kiosk-pg") ok &= await KioskBenchmark.RunAsync(TimeSpan.FromSeconds(30), postgres: true);
        if (which is "all" or "display-pg") ok &= await DisplayBenchmark.RunAcrossInstancesAsync(pages: 20, calls: 60);
        if (which is "all" or "import-pg") ok &= await ImportBenchmark.RunAsync(postgres: true);
        if (which is "all" or "import-kiosk-pg") ok &= await ImportKioskBenchmark.RunAsync(postgres: true);
        if (which is "all" or "board-pg") ok &= await WallBoardBenchmark.RunAsync(postgres: true);
        if (which is "all" or "padron-pg") ok &= await PadronBenchmark.RunAsync(postgres: true);
        if (which is "all" or "api-pg") ok &= await ApiBenchmark.RunAsync(postgres: true);
        if (which is "city") ok &= await CityBenchmark.RunAsync(postgres: false);
        if (which is "city-pg") ok &= await CityBenchmark.RunAsync(postgres: true);
        return ok ? 0 : 1;
    }
}

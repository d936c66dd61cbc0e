namespace Ventanilla.Tests.Data;

/// <summary>What a new office's administrator reads on the console at the very first start: the setup code, and no errors.</summary>
public class FirstStartTests
{
    [Fact]
    public async Task The_first_start_on_an_empty_folder_shows_the_setup_code_and_no_error_or_English_warning()
    {
        var folder = TestApp.NewFolder();
        try
        {
            var run = await AppProcess.RunAsync(["--urls", "http://127.0.0.1:0"], AppProcess.On(folder),
                until: text => text.Contains("Application started", StringComparison.Ordinal));

            Assert.Null(run.ExitCode);
            Assert.Contains("Abra /Account/Setup en el navegador y escriba este código", run.Output);
            Assert.DoesNotContain("fail:", run.Output);
            Assert.DoesNotContain("crit:", run.Output);
            Assert.DoesNotContain("   at ", run.Output);
            // The only warnings before the code are the app's own, in Spanish.
            var banner = run.Output.IndexOf("Ventanilla: instalación nueva", StringComparison.Ordinal);
            Assert.DoesNotContain("warn: Microsoft", run.Output[..banner]);
            Assert.DoesNotContain("warn:", run.Output[..banner]);
        }
        finally
        {
            TestApp.TryDelete(folder);
        }
    }
}

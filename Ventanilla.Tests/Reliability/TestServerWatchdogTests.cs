using System.Diagnostics;

namespace Ventanilla.Tests.Reliability;

/// <summary>
/// The servers the tests start themselves (PostgreSQL, OpenLDAP) are stopped even when the test process is killed and
/// its exit handlers never run: a watchdog runs the script's «stop» once the process is gone, and not before.
/// </summary>
public class TestServerWatchdogTests
{
    [Fact]
    public async Task The_server_is_stopped_once_the_process_that_started_it_is_gone_and_not_before()
    {
        var folder = TestApp.NewFolder();
        try
        {
            // A stand-in for the .ci scripts: «stop FOLDER» leaves a mark, as the real ones remove their server.
            var script = Path.Combine(folder, "server");
            await File.WriteAllTextAsync(script, "if [ \"$1\" = stop ]; then echo parado > \"$2/detenido\"; fi\n");
            var owner = Process.Start(new ProcessStartInfo("sleep", "300") { RedirectStandardOutput = true })!;
            CiScripts.StopWhenGone(owner.Id, script, folder);
            var mark = Path.Combine(folder, "detenido");

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(File.Exists(mark), "el servidor se detuvo con su dueño todavía vivo");

            owner.Kill(); // no exit handler runs: as a killed test host
            await owner.WaitForExitAsync();
            var watch = Stopwatch.StartNew();
            while (!File.Exists(mark) && watch.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(100);
            Assert.True(File.Exists(mark), "el servidor siguió corriendo después de que su dueño terminó");
        }
        finally
        {
            TestApp.TryDelete(folder);
        }
    }
}

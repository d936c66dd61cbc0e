using System.Diagnostics;
using System.Runtime;

namespace Ventanilla.Features.Server;

/// <summary>
/// Waits, at start-up, until .NET's compiler is quiet: no method compiled for <see cref="Quiet"/> (its background
/// re-compilation of hot code included), or <see cref="Limit"/> at most. The warm-up's last steps leave compiling behind
/// them; on a two-core server it ran beside the first people's pages and made them up to 1.8× slower than later.
/// </summary>
internal static class CompilerSettle
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public static async Task<TimeSpan> WaitAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var quietSince = watch.Elapsed;
        while (watch.Elapsed < Limit && watch.Elapsed - quietSince < Quiet)
        {
            await Task.Delay(50, ct);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled) (compiled, quietSince) = (now, watch.Elapsed);
        }
        return watch.Elapsed;
    }
}

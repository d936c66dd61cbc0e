using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Intake;

/// <summary>
/// How many accounts one client (network address) may check against the padrón from the public form in an hour
/// (<c>Tramite:AccountChecksPerHour</c>, 20): enough for a person who mistypes, too few to walk the register. The
/// count is kept in memory by each instance, like the per-minute limits of <see cref="Admin.RequestLimits"/>.
/// </summary>
public sealed class PublicAccountChecks(TimeProvider time, IOptions<IntakeOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _clients = new(StringComparer.Ordinal);

    /// <summary>Counts one check for the client; false when its hour's allowance is spent.</summary>
    public bool TryTake(string client)
    {
        var now = time.GetUtcNow();
        var limit = Math.Max(1, options.Value.AccountChecksPerHour);
        if (_clients.Count > PruneAbove)
        {
            foreach (var (key, window) in _clients)
            {
                if (now - window.Start >= Window) _clients.TryRemove(key, out _);
            }
        }
        var taken = false;
        _clients.AddOrUpdate(client, _ => { taken = true; return (now, 1); }, (_, window) =>
        {
            if (now - window.Start >= Window) { taken = true; return (now, 1); }
            taken = window.Count < limit;
            return taken ? (window.Start, window.Count + 1) : window;
        });
        return taken;
    }
}

using System.Collections.Concurrent;
using System.Net;

namespace Ventanilla.Features.Accounts;

/// <summary>
/// Slows down whoever guesses passwords, instead of locking the person whose name they guess: a client address with
/// <c>Auth:FailedSignInsPerClient</c> failed sign-ins (10) within <c>Auth:FailedSignInMinutes</c> (15) is refused
/// further attempts until the oldest of them leaves that window, whatever name it tries and whether that name exists.
/// No account is ever locked, so a stranger cannot keep staff out, and the answer never tells which names are real.
/// Kept in memory per instance (sticky sessions keep a client on one); the per-minute request limit
/// (<see cref="RequestLimits"/>) still applies on top.
/// </summary>
public sealed class SignInThrottle(IConfiguration configuration, TimeProvider time)
{
    public const int DefaultFailures = 10;
    public const int DefaultMinutes = 15;

    private readonly ConcurrentDictionary<string, Queue<DateTime>> _failures = new();

    public int MaxFailures => Math.Max(1, configuration.GetValue("Auth:FailedSignInsPerClient", DefaultFailures));

    public TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Auth:FailedSignInMinutes", DefaultMinutes)));

    /// <summary>The message a throttled client gets, the same whichever name it tried.</summary>
    public string Message => $"Demasiados intentos fallidos desde este equipo. Espere {Window.TotalMinutes:0} minutos y vuelva a intentarlo; " +
        "si olvidó su contraseña, pida al administrador que la restablezca.";

    /// <summary>True while <paramref name="client"/> has used up its failed attempts.</summary>
    public bool IsThrottled(IPAddress? client)
    {
        if (!_failures.TryGetValue(Key(client), out var failures)) return false;
        lock (failures)
        {
            Forget(failures);
            return failures.Count >= MaxFailures;
        }
    }

    public void RecordFailure(IPAddress? client)
    {
        var failures = _failures.GetOrAdd(Key(client), _ => new Queue<DateTime>());
        lock (failures)
        {
            Forget(failures);
            failures.Enqueue(time.GetUtcNow().UtcDateTime);
        }
        // A host scanned from many addresses must not grow this without bound: old entries go now and then.
        if (_failures.Count > 10_000) Prune();
    }

    private void Forget(Queue<DateTime> failures)
    {
        var since = time.GetUtcNow().UtcDateTime - Window;
        while (failures.TryPeek(out var oldest) && oldest <= since) failures.Dequeue();
    }

    private void Prune()
    {
        foreach (var (key, failures) in _failures)
        {
            lock (failures)
            {
                Forget(failures);
                if (failures.Count == 0) _failures.TryRemove(key, out _);
            }
        }
    }

    private static string Key(IPAddress? client) => client?.ToString() ?? "desconocida";
}

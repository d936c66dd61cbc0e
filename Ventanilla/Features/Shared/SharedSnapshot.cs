namespace Ventanilla.Features.Shared;

/// <summary>
/// One build of a live view's data shared by every screen that asks with the same key (for the boards: the day and
/// <see cref="LiveUpdates.GenerationOf"/> their topics): twenty screens asking after a change cost one build. A build
/// that failed or was cancelled (the database was unavailable) is not kept; a maximum age rebuilds what also depends
/// on the clock. The build starts inside the lock, so the screens asking at that moment wait for the same one.
/// </summary>
public sealed class SharedSnapshot<TKey, T> where TKey : IEquatable<TKey>
{
    private readonly Lock _gate = new();
    private (TKey Key, DateTime BuiltAtUtc, Task<T> Build)? _current;

    /// <param name="maxAge">Rebuilt when the kept one is this old even if its key still matches; null: only by key.</param>
    public Task<T> Get(TKey key, DateTime nowUtc, TimeSpan? maxAge, Func<Task<T>> build)
    {
        lock (_gate)
        {
            if (_current is { } kept && kept.Key.Equals(key) && (maxAge is null || nowUtc - kept.BuiltAtUtc < maxAge)
                && !kept.Build.IsFaulted && !kept.Build.IsCanceled)
            {
                return kept.Build;
            }
            var started = build();
            _current = (key, nowUtc, started);
            return started;
        }
    }
}

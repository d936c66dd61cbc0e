using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;

namespace Ventanilla.Features.Admin;

/// <summary>
/// The office's settings, read once and kept in memory: the legal clock and every page ask for them
/// constantly, and they change a few times a year. The instance handed out must be treated as read-only.
/// </summary>
public sealed class SettingsService(IDbContextFactory<AppDbContext> dbFactory)
{
    private volatile AppSettings? _current;

    public AppSettings Current => _current ?? Load();

    public event Action? Changed;

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _current = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AppSettings();
        Changed?.Invoke();
    }

    private AppSettings Load()
    {
        using var db = dbFactory.CreateDbContext();
        return _current = db.Settings.AsNoTracking().SingleOrDefault() ?? new AppSettings();
    }
}

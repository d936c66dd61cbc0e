using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ventanilla.Data.Interceptors;

/// <summary>
/// Bumps <see cref="IVersioned.Version"/> on every update. EF compares the original value in the
/// UPDATE's WHERE clause, so a second writer holding an older version gets a concurrency exception.
/// </summary>
public sealed class VersionInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.Version = 1;
            }
            else if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(x => x.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}

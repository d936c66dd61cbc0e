namespace Ventanilla.Data.Interceptors;

/// <summary>
/// Bumps <see cref="IVersioned.Version"/> on every update. EF compares the original value in the
/// UPDATE's WHERE clause, so a second writer holding an older version gets a concurrency exception.
/// </summary>
public sealed class VersionInterceptor : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
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

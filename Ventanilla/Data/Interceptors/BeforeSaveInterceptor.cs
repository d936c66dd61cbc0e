using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ventanilla.Data.Interceptors;

/// <summary>
/// An interceptor that looks at (or stamps) every save's tracked changes before anything reaches the database, the
/// same way for the synchronous and the asynchronous save.
/// </summary>
public abstract class BeforeSaveInterceptor : SaveChangesInterceptor
{
    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) BeforeSave(context);
        return result;
    }

    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) BeforeSave(context);
        return ValueTask.FromResult(result);
    }

    /// <summary>Throws to stop the save, or changes the entries about to be written.</summary>
    protected abstract void BeforeSave(DbContext context);
}

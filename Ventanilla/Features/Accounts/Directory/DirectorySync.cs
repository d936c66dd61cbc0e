namespace Ventanilla.Features.Accounts.Directory;

/// <summary>
/// Every hour, the accounts the directory created are checked against it: someone who left every group with access,
/// or the directory itself, is deactivated (and signed out) without waiting for their next sign-in; the others get
/// their roles and areas from their groups as they are now. With the directory unreachable nothing changes.
/// </summary>
public sealed class DirectorySync(
    DirectoryClient client, DirectorySignIn directory, UserService users, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ILogger<DirectorySync> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => TimeSpan.FromHours(1);

    protected override string DoneMessage => "Cuentas del directorio revisadas";

    protected override string FailedMessage => "No se pudieron revisar las cuentas del directorio; se reintentará.";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => ReviewAsync(ct);

    /// <summary>Reviews every active directory account; returns how many were deactivated or changed.</summary>
    public async Task<int> ReviewAsync(CancellationToken ct = default)
    {
        if (!client.Options.Enabled) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Users.AsNoTracking().Where(u => u.DirectoryDn != null && u.IsActive).Select(u => new { u.UserName, u.DirectoryDn }).ToListAsync(ct);
        var changed = 0;
        foreach (var account in accounts)
        {
            DirectoryPerson? person;
            try
            {
                person = await client.FindAsync(account.DirectoryDn!, ct);
            }
            catch (DirectoryUnreachableException ex)
            {
                logger.LogWarning("No se pudo consultar el directorio para revisar las cuentas: {Reason}", ex.Message);
                return changed;
            }
            var (roles, areas) = person is null ? ([], []) : directory.Map(person.Groups);
            if (roles.Count == 0)
            {
                await users.DeactivateDirectoryAccountAsync(account.UserName!, ct);
                changed++;
                continue;
            }
            try
            {
                await users.SyncFromDirectoryAsync(person! with { UserName = account.UserName! }, roles, areas, ct);
            }
            catch (RuleException ex)
            {
                logger.LogWarning("La cuenta del directorio {User} no se pudo actualizar: {Reason}", account.UserName, ex.Message);
            }
        }
        return changed;
    }
}

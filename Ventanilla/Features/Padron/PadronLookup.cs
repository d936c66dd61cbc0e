namespace Ventanilla.Features.Padron;

/// <summary>An account of the register in force, as staff see it (the holder's name and phone are for staff only).</summary>
public sealed record AccountMatch(
    string AccountNumber, string HolderName, string? ServiceAddress, string? Colony, string? PostalCode, string? CadastralKey, string? ServiceType,
    AccountStatus Status, string? HolderPhone, DateOnly? BalanceDate)
{
    /// <summary>The service location in one line: street, colony, postal code.</summary>
    public string Address => string.Join(", ", new[] { ServiceAddress, Colony, PostalCode is null ? null : $"C.P. {PostalCode}" }.Where(x => !string.IsNullOrEmpty(x)));
}

/// <summary>How old the register in force is; stale past the office's age (null dates: never imported).</summary>
public sealed record PadronFreshness(DateTime? ImportedLocal, int? AgeDays, int StaleDays)
{
    public bool Imported => ImportedLocal is not null;
    public bool Stale => AgeDays > StaleDays;
}

/// <summary>
/// Looks accounts up in the register in force: by account number or cadastral key (exact), or by any part of the
/// holder's name or of the service address (every word typed, in any order, accents and case ignored).
/// </summary>
public sealed class PadronLookup(IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office)
{
    /// <summary>Staff who serve account holders and register their petitions.</summary>
    public const string ReaderRoles = $"{Roles.Attention},{Roles.OficialiaPartes},{Roles.Administrador}";

    public const int MinLength = 3;
    public const int DefaultMax = 20;

    public async Task<IReadOnlyList<AccountMatch>> SearchAsync(Actor actor, string? text, int max = DefaultMax, CancellationToken ct = default)
    {
        actor.Require("Buscar en el padrón", ReaderRoles);
        var typed = text?.Trim() ?? "";
        if (typed.Length < MinLength) throw new RuleException($"Buscar en el padrón: escriba al menos {MinLength} caracteres de la cuenta, la clave catastral, el nombre o el domicilio.");
        if (settings.Current.PadronImportId is not { } current) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = PadronImporter.InForce(db.CustomerAccounts.AsNoTracking(), current);
        var exact = await Project(accounts.Where(a => a.AccountNumber == typed || a.CadastralKey == typed)).Take(max).ToListAsync(ct);
        if (exact.Count > 0) return exact;
        var words = TextFold.Fold(typed).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var byName = accounts;
        var byAddress = accounts;
        foreach (var word in words)
        {
            byName = byName.Where(a => a.SearchName.Contains(word));
            byAddress = byAddress.Where(a => a.SearchAddress.Contains(word));
        }
        var found = await Project(byName.OrderBy(a => a.SearchName)).Take(max).ToListAsync(ct);
        if (found.Count < max)
        {
            var seen = found.Select(f => f.AccountNumber).ToHashSet();
            found.AddRange((await Project(byAddress.OrderBy(a => a.SearchAddress)).Take(max).ToListAsync(ct)).Where(a => seen.Add(a.AccountNumber)).Take(max - found.Count));
        }
        return found;
    }

    /// <summary>One account of the register in force, or null.</summary>
    public async Task<AccountMatch?> FindAsync(Actor actor, string? accountNumber, CancellationToken ct = default)
    {
        actor.Require("Buscar en el padrón", ReaderRoles);
        var typed = accountNumber?.Trim();
        if (string.IsNullOrEmpty(typed) || settings.Current.PadronImportId is not { } current) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(PadronImporter.InForce(db.CustomerAccounts.AsNoTracking(), current).Where(a => a.AccountNumber == typed)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Whether the register in force has the account (null: no padrón imported yet). All a public page may learn of an
    /// account: never its holder, address or status. The caller limits how often a client may ask
    /// (<see cref="Intake.PublicAccountChecks"/>), so the register cannot be walked from outside.
    /// </summary>
    public async Task<bool?> ExistsAsync(string accountNumber, CancellationToken ct = default)
    {
        if (settings.Current.PadronImportId is not { } current) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PadronImporter.InForce(db.CustomerAccounts.AsNoTracking(), current).AnyAsync(a => a.AccountNumber == accountNumber, ct);
    }

    /// <summary>The date of the register in force and whether it is older than the office allows.</summary>
    public async Task<PadronFreshness> FreshnessAsync(CancellationToken ct = default)
    {
        var s = settings.Current;
        if (s.PadronImportId is not { } current) return new PadronFreshness(null, null, s.PadronStaleDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var finished = await db.PadronImports.Where(i => i.Id == current).Select(i => i.FinishedAtUtc).SingleOrDefaultAsync(ct);
        if (finished is not { } at) return new PadronFreshness(null, null, s.PadronStaleDays);
        var local = office.ToLocal(at);
        return new PadronFreshness(local, office.Today().DayNumber - DateOnly.FromDateTime(local).DayNumber, s.PadronStaleDays);
    }

    private static IQueryable<AccountMatch> Project(IQueryable<CustomerAccount> accounts)
        => accounts.Select(a => new AccountMatch(a.AccountNumber, a.HolderName, a.ServiceAddress, a.Colony, a.PostalCode, a.CadastralKey, a.ServiceType, a.Status,
            a.HolderPhone, a.BalanceDate));
}

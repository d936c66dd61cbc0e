namespace Ventanilla.Features.Reception;

public sealed record CustomerSummary(int Id, string Name, string? AccountNumber, string? Phone, string? Address, long Version);

public sealed record CustomerInput(string? Name, string? AccountNumber, string? Phone, string? Address);

/// <summary>The customers (usuarios del servicio) the desks look up or register while serving a visit.</summary>
public sealed class CustomerService(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    public const int MaxAddressLength = 300;
    private const int MaxResults = 20;

    /// <summary>
    /// Finds customers by account number (from its start), phone, or every word of the name in any order,
    /// ignoring accents and case.
    /// </summary>
    public async Task<IReadOnlyList<CustomerSummary>> SearchAsync(string? query, CancellationToken ct = default)
    {
        var text = (query ?? "").Trim();
        if (text.Length < 2) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<Customer> found;
        if (text.All(c => char.IsAsciiDigit(c) || c is '-' or ' '))
        {
            var compact = text.Replace(" ", "");
            var digits = compact.Replace("-", "");
            found = db.Customers.Where(c => c.AccountNumber!.StartsWith(compact) || c.Phone!.Contains(digits));
        }
        else
        {
            found = db.Customers;
            foreach (var word in TextFold.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                found = found.Where(c => c.SearchName.Contains(word));
            }
        }
        return await found.AsNoTracking().OrderBy(c => c.SearchName).Take(MaxResults)
            .Select(c => new CustomerSummary(c.Id, c.Name, c.AccountNumber, c.Phone, c.Address, c.Version)).ToListAsync(ct);
    }

    public async Task<CustomerSummary> CreateAsync(CustomerInput input, CancellationToken ct = default)
    {
        var (name, account, phone, address) = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureAccountFreeAsync(db, account, null, ct);
        var customer = new Customer
        {
            Name = name,
            SearchName = TextFold.Fold(name),
            AccountNumber = account,
            Phone = phone,
            Address = address,
            CreatedAtUtc = office.UtcNow(),
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return new CustomerSummary(customer.Id, customer.Name, customer.AccountNumber, customer.Phone, customer.Address, customer.Version);
    }

    public async Task<CustomerSummary> UpdateAsync(int id, long version, CustomerInput input, CancellationToken ct = default)
    {
        var (name, account, phone, address) = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new RuleException("Ese usuario ya no existe.");
        Stale.Check(customer.Version, version, "los datos de este usuario");
        await EnsureAccountFreeAsync(db, account, id, ct);
        (customer.Name, customer.SearchName, customer.AccountNumber, customer.Phone, customer.Address) = (name, TextFold.Fold(name), account, phone, address);
        await db.SaveChangesAsync(ct);
        return new CustomerSummary(customer.Id, customer.Name, customer.AccountNumber, customer.Phone, customer.Address, customer.Version);
    }

    public async Task<CustomerSummary?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CustomerSummary(c.Id, c.Name, c.AccountNumber, c.Phone, c.Address, c.Version)).SingleOrDefaultAsync(ct);
    }

    private static (string Name, string? Account, string? Phone, string? Address) Validate(CustomerInput input)
    {
        var errors = new List<string>();
        var name = VisitorRules.Name(input.Name, errors, required: true);
        var account = VisitorRules.AccountNumber(input.AccountNumber, errors);
        var phone = VisitorRules.Phone(input.Phone, errors);
        var address = input.Address?.Trim();
        if (address?.Length > MaxAddressLength) errors.Add(RuleException.TooLong("Domicilio", MaxAddressLength, address.Length));
        RuleException.ThrowIfAny(errors);
        return (name!, account, phone, string.IsNullOrEmpty(address) ? null : address);
    }

    private static async Task EnsureAccountFreeAsync(AppDbContext db, string? account, int? exceptId, CancellationToken ct)
    {
        if (account is null) return;
        var other = await db.Customers.AsNoTracking().Where(c => c.AccountNumber == account && c.Id != exceptId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (other is not null) throw new RuleException($"Número de cuenta: {account} ya está registrado a nombre de {other}; búsquelo en lugar de registrarlo de nuevo.");
    }
}

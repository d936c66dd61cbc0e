namespace Ventanilla.Tests.Features.Reception;

public class CustomerServiceTests : AppServiceTest
{
    private CustomerService Customers => App.Get<CustomerService>();

    [Fact]
    public async Task Finds_by_name_ignoring_accents_and_order_by_account_or_by_phone()
    {
        await Customers.CreateAsync(new CustomerInput("José Pérez Núñez", "01-234-5678", "55 1234 5678", "Av. Juárez 10"));
        await Customers.CreateAsync(new CustomerInput("María Pérez", "02-000-0001", null, null));

        Assert.Equal(["José Pérez Núñez"], (await Customers.SearchAsync("nunez jose")).Select(c => c.Name));
        Assert.Equal(2, (await Customers.SearchAsync("PEREZ")).Count);
        Assert.Equal(["José Pérez Núñez"], (await Customers.SearchAsync("01-234")).Select(c => c.Name));
        Assert.Equal(["José Pérez Núñez"], (await Customers.SearchAsync("1234 5678")).Select(c => c.Name));
        Assert.Empty(await Customers.SearchAsync("x"));
    }

    [Fact]
    public async Task An_account_number_belongs_to_one_customer()
    {
        await Customers.CreateAsync(new CustomerInput("José Pérez", "01-234-5678", null, null));
        var error = await Assert.ThrowsAsync<RuleException>(() => Customers.CreateAsync(new CustomerInput("Otro", "01-234-5678", null, null)));
        Assert.Equal("Número de cuenta: 01-234-5678 ya está registrado a nombre de José Pérez; búsquelo en lugar de registrarlo de nuevo.", error.Message);
    }

    [Fact]
    public async Task A_name_is_required_and_edits_check_the_version()
    {
        var missing = await Assert.ThrowsAsync<RuleException>(() => Customers.CreateAsync(new CustomerInput(" ", null, null, null)));
        Assert.Equal("Nombre: es obligatorio.", missing.Message);

        var created = await Customers.CreateAsync(new CustomerInput("Ana", null, null, null));
        var updated = await Customers.UpdateAsync(created.Id, created.Version, new CustomerInput("Ana Ruiz", null, "5512345678", null));
        Assert.Equal("Ana Ruiz", updated.Name);
        var stale = await Assert.ThrowsAsync<RuleException>(() => Customers.UpdateAsync(created.Id, created.Version, new CustomerInput("Ana R.", null, null, null)));
        Assert.Contains("Alguien más cambió", stale.Message);
    }
}

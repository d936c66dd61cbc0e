using Ventanilla.Features.Shared;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Ventanilla.Features.Reception.Pages;

namespace Ventanilla.Tests.Components.Reception;

public class DeskPageTests() : AppPageTest(Roles.AtencionUsuarios)
{
    private int _desk;
    private QueueService Queue => App.Get<QueueService>();

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        _desk = await db.Desks.Where(d => d.Number == 2).Select(d => d.Id).SingleAsync();
        // The browser on this desk remembers it.
        JSInterop.Setup<string?>("ventanilla.getItem", "ventanilla.modulo").SetResult(_desk.ToString());
    }

    private Task<IssuedTurn> IssueAsync(string? name = null, string? account = null)
        => App.Get<ReceptionCatalogService>().ListCategoriesAsync().ContinueWith(c =>
            Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), c.Result[0].Id, Name: name, AccountNumber: account))).Unwrap();

    private IRenderedComponent<DeskPage> RenderDesk()
    {
        var page = RenderPage<DeskPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=call-next]")));
        return page;
    }

    [Fact]
    public async Task The_queue_updates_live_and_the_desk_calls_recalls_and_marks_a_no_show()
    {
        var page = RenderDesk();
        Assert.Equal("0", page.Find("[data-line=A] [data-testid=waiting]").TextContent);

        await IssueAsync();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-line=A] [data-testid=waiting]").TextContent));

        await page.InvokeAsync(() => page.Find("[data-testid=call-next]").Click());
        page.WaitForAssertion(() => Assert.Equal("A-001", page.Find("[data-testid=active-code]").TextContent));
        Assert.True(page.Find("[data-testid=no-show]").HasAttribute("disabled"));
        await page.InvokeAsync(() => page.Find("[data-testid=recall]").Click());
        await page.InvokeAsync(() => page.Find("[data-testid=recall]").Click());
        page.WaitForAssertion(() => Assert.Contains("Llamado 3 veces", page.Find("[data-testid=active-status]").TextContent));
        await page.InvokeAsync(() => page.Find("[data-testid=no-show]").Click());

        page.WaitForAssertion(() => Assert.Contains("marcado como ausente", page.Find("[data-testid=desk-message]").TextContent));
        Assert.NotNull(page.Find("[data-testid=call-next]"));
    }

    [Fact]
    public void The_remembered_desk_is_chosen_even_when_the_page_renders_before_its_desks_are_read()
    {
        // A slow database (or sign-in state) keeps the page loading past its first render, when the browser has
        // already said which desk it is: the desk is chosen once the page has its desks, not forgotten.
        var signedIn = new TaskCompletionSource<AuthenticationState>();
        Services.AddSingleton<AuthenticationStateProvider>(new PendingSignIn(signedIn.Task));
        var page = RenderPage<DeskPage>();
        Assert.Empty(page.FindAll("[data-testid=call-next]"));

        var clerk = new ClaimsIdentity([new Claim(ClaimTypes.Name, "rosa"), new Claim(ClaimTypes.Role, Roles.AtencionUsuarios)], "test");
        page.InvokeAsync(() => signedIn.SetResult(new AuthenticationState(new ClaimsPrincipal(clerk))));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=call-next]")));
    }

    private sealed class PendingSignIn(Task<AuthenticationState> state) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => state;
    }

    [Fact]
    public void Calling_an_empty_queue_says_so()
    {
        var page = RenderDesk();
        page.Find("[data-testid=call-next]").Click();
        page.WaitForAssertion(() => Assert.Contains("No hay turnos en espera", page.Find("[data-testid=desk-message]").TextContent));
    }

    [Fact]
    public async Task Serving_finds_the_customer_from_the_kiosk_data_and_records_the_outcome()
    {
        var customer = await App.Get<CustomerService>().CreateAsync(new CustomerInput("José Pérez", "01-234-5678", null, null));
        await IssueAsync("José", "01-234-5678");
        var page = RenderDesk();
        await page.InvokeAsync(() => page.Find("[data-testid=call-next]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=serve]")));
        await page.InvokeAsync(() => page.Find("[data-testid=serve]").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-customer='{customer.Id}']")));
        await page.InvokeAsync(() => page.Find($"[data-customer='{customer.Id}']").Click());
        page.WaitForAssertion(() => Assert.Contains("José Pérez", page.Find("[data-testid=customer-chosen]").TextContent));

        await page.InvokeAsync(() => page.Find("[data-testid=finish]").Click());
        page.WaitForAssertion(() => Assert.Contains("Resultado: elija qué se hizo", page.Find("[data-testid=serve-error]").TextContent));

        var outcome = page.FindComponents<MudSelect<VisitOutcome?>>().Single();
        await page.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(VisitOutcome.ImmediateSettlement));
        await page.InvokeAsync(() => page.Find("[data-testid=finish]").Click());

        page.WaitForAssertion(() => Assert.Contains("Turno A-001 terminado.", page.Find("[data-testid=desk-message]").TextContent));
        await using var db = App.CreateDb();
        var visit = await db.Visits.SingleAsync();
        Assert.Equal((VisitOutcome.ImmediateSettlement, customer.Id, _desk), (visit.Outcome, visit.CustomerId, visit.DeskId));
    }

    [Fact]
    public async Task A_new_customer_is_registered_prefilled_from_the_kiosk()
    {
        await IssueAsync("Luisa Gómez", "09-999");
        var page = RenderDesk();
        await page.InvokeAsync(() => page.Find("[data-testid=call-next]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=serve]")));
        await page.InvokeAsync(() => page.Find("[data-testid=serve]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=customer-new]")));
        await page.InvokeAsync(() => page.Find("[data-testid=customer-new]").Click());
        page.WaitForAssertion(() => Assert.Equal("Luisa Gómez", page.Find("input[data-testid=new-name]").GetAttribute("value")));
        await page.InvokeAsync(() => page.Find("input[data-testid=new-phone]").Change("55 1234 5678"));
        await page.InvokeAsync(() => page.Find("[data-testid=new-save]").Click());
        page.WaitForAssertion(() => Assert.Contains("Luisa Gómez", page.Find("[data-testid=customer-chosen]").TextContent));
        await using var db = App.CreateDb();
        Assert.Equal("5512345678", (await db.Customers.SingleAsync()).Phone);
    }
}

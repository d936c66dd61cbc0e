using Ventanilla.Features.Shared;
using Ventanilla.Features.Reception.Pages;

namespace Ventanilla.Tests.Components.Reception;

public class KioskPageTests() : AppPageTest(Roles.Recepcion)
{
    private IRenderedComponent<KioskPage> RenderKiosk()
    {
        var page = RenderPage<KioskPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-category]")));
        return page;
    }

    [Fact]
    public void Shows_the_privacy_notice_and_a_button_per_active_category()
    {
        var page = RenderKiosk();
        Assert.Equal(["A", "B", "C", "D", "E"], page.FindAll("[data-category]").Select(b => b.GetAttribute("data-category")));
        Assert.Contains("Aviso de privacidad simplificado", page.Find("[data-testid=privacy]").TextContent);
    }

    [Fact]
    public void A_visitor_gets_a_turn_with_the_people_ahead_and_the_screen_resets_by_itself()
    {
        var page = RenderKiosk();
        page.Find("[data-category=A]").Click();
        page.Find("[data-testid=kiosk-name]").Change("Ana López");
        page.Find($"[data-preferential={PreferentialReason.OlderAdult}]").Click();
        page.Find("[data-testid=kiosk-issue]").Click();

        page.WaitForAssertion(() => Assert.Equal("A-001", page.Find("[data-testid=turn-code]").TextContent));
        Assert.Equal("Usted es el siguiente.", page.Find("[data-testid=turn-ahead]").TextContent.Trim());
        Assert.Contains("atención preferente", page.Find("[data-testid=kiosk-turn]").TextContent);
        Assert.Contains("A-001", page.Find(".ticket-print").TextContent);

        App.Time.Advance(KioskPage.ResetAfter);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-category]")));

        // The reset runs on the timer's thread: wait for the form it leads to instead of assuming it is drawn.
        page.Find("[data-category=A]").Click();
        page.WaitForElement("[data-testid=kiosk-issue]").Click();
        page.WaitForAssertion(() => Assert.Equal("A-002", page.Find("[data-testid=turn-code]").TextContent));
        Assert.Equal("Hay 1 persona antes que usted.", page.Find("[data-testid=turn-ahead]").TextContent.Trim());
    }

    [Fact]
    public async Task Bad_data_is_explained_and_no_turn_is_issued()
    {
        var page = RenderKiosk();
        page.Find("[data-category=B]").Click();
        page.Find("[data-testid=kiosk-account]").Change("ABC");
        page.Find("[data-testid=kiosk-issue]").Click();

        page.WaitForAssertion(() => Assert.Contains("Número de cuenta: use letras, dígitos y guiones", page.Find("[data-testid=kiosk-error]").TextContent));
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.Visits.CountAsync());

        page.Find("[data-testid=kiosk-back]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-category]")));
    }

    [Fact]
    public void Printing_asks_the_browser_to_print_the_ticket()
    {
        var page = RenderKiosk();
        page.Find("[data-category=C]").Click();
        page.Find("[data-testid=kiosk-issue]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=kiosk-print]")));
        page.Find("[data-testid=kiosk-print]").Click();
        // The turn just issued also reaches this page through the notifier on another thread; the click can
        // be queued behind that re-render, so wait for the call rather than expecting it synchronously.
        page.WaitForAssertion(() => Assert.Equal(".ticket-print", JSInterop.VerifyInvoke("ventanilla.print").Arguments[0]));
    }

    [Fact]
    public async Task A_category_retired_by_the_administrator_leaves_the_screen()
    {
        var page = RenderKiosk();
        var e = (await App.Get<ReceptionCatalogService>().ListCategoriesAsync()).Single(c => c.Letter == "E");
        await App.Get<ReceptionCatalogService>().SaveCategoryAsync(Actor.System, e with { IsActive = false });
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-category]").Count));
    }
}

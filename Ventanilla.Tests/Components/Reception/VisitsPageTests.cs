using Ventanilla.Features.Shared;
using Ventanilla.Features.Reception.Pages;

namespace Ventanilla.Tests.Components.Reception;

public class VisitsPageTests() : AppPageTest(Roles.DireccionComercial)
{
    [Fact]
    public async Task Shows_the_days_register_live_and_filters_it()
    {
        var queue = App.Get<QueueService>();
        await using var db = App.CreateDb();
        var a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a, Name: "Ana López"));
        var page = RenderPage<VisitsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-visit-turn='A-001']")));
        Assert.Contains("visitas/exportar.csv?desde=2026-11-27&hasta=2026-11-27", page.Find("[data-testid=export-visits]").GetAttribute("href"));

        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a, Name: "Beto Ruiz"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-visit-turn='A-002']")));
        Assert.StartsWith("2 visitas", page.Find("[data-testid=visits-summary]").TextContent);

        page.Find("input[data-testid=text]").Change("lopez");
        page.Find("[data-testid=filter]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-visit-turn='A-002']")));
        Assert.NotNull(page.Find("[data-visit-turn='A-001']"));
    }

    [Fact]
    public void A_reversed_range_is_explained()
    {
        var page = RenderPage<VisitsPage>();
        page.Find("input[data-testid=from]").Change("2026-11-27");
        page.Find("input[data-testid=to]").Change("2026-11-01");
        page.Find("[data-testid=filter]").Click();
        page.WaitForAssertion(() => Assert.Equal("Hasta: 01/11/2026 es anterior a Desde 27/11/2026.", page.Find("[data-testid=visits-error]").TextContent.Trim()));
    }
}

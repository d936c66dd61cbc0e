using Ventanilla.Features.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Indicators.Pages;

namespace Ventanilla.Tests.Components.Indicators;

/// <summary>The indicators page on 27/11/2026 for the Dirección Comercial: two petitions in October, one in November.</summary>
public class IndicatorsPageTests() : AppPageTest(Roles.DireccionComercial)
{
    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
        var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        // October: one answered on time in 5 business days (06..09, 12), one still open.
        var answered = PetitionRows.Make(new(2026, 10, 5, 10, 0, 0), new(2026, 10, 5), type, PetitionStatus.Cerrada);
        (answered.ResponseDate, answered.OnTime) = (new DateOnly(2026, 10, 12), true);
        answered.Routings.Add(PetitionRows.Routing(operation, RoutingStatus.Answered));
        db.Petitions.Add(answered);
        db.Petitions.Add(PetitionRows.Make(new(2026, 10, 20, 10, 0, 0), new(2026, 10, 20), type, PetitionStatus.Registrada));
        // November: one received.
        db.Petitions.Add(PetitionRows.Make(new(2026, 11, 3, 10, 0, 0), new(2026, 11, 3), type, PetitionStatus.Registrada));
        db.Visits.Add(new Visit
        {
            ArrivedAtUtc = PetitionRows.Utc(new(2026, 11, 3, 10, 0, 0)), ServiceDate = new(2026, 11, 3), ServiceCategoryId = category,
            CalledAtUtc = PetitionRows.Utc(new(2026, 11, 3, 10, 12, 0)), ServiceStartedAtUtc = PetitionRows.Utc(new(2026, 11, 3, 10, 12, 0)),
            FinishedAtUtc = PetitionRows.Utc(new(2026, 11, 3, 10, 20, 0)), Outcome = VisitOutcome.Information,
        });
        await db.SaveChangesAsync();
    }

    private const string Cards = "[data-testid=indicator-cards]";

    private static string Card(IRenderedComponent<IndicatorsPage> page, string card) => page.Find($"[data-card={card}] .value").TextContent.Trim();

    [Fact]
    public void Opens_on_the_month_in_course_with_cards_charts_tables_and_downloads()
    {
        var page = RenderLoaded<IndicatorsPage>(Cards);

        Assert.Contains("Noviembre de 2026 (en curso: abiertas al 27/11/2026)", page.Find("[data-testid=indicators-scope]").TextContent);
        Assert.Equal("1", Card(page, "recibidas"));
        Assert.Equal("0", Card(page, "cerradas"));
        Assert.Equal("—", Card(page, "a-tiempo"));
        Assert.Equal("2", Card(page, "abiertas"));
        Assert.Equal("1", Card(page, "visitas"));
        Assert.Equal("12.0 min", Card(page, "espera"));
        Assert.Equal("100.0 %", Card(page, "resueltas"));
        // Five charts, each drawn (an SVG) by MudBlazor.
        Assert.Equal(5, page.FindAll(".indicator-charts > *").Count(chart => chart.QuerySelector("svg") is not null));
        foreach (var slug in IndicatorCsv.Slugs)
        {
            Assert.Equal($"indicadores/2026-11/{slug}.csv", page.Find($"[data-testid=csv-{slug}]").GetAttribute("href"));
        }
        var comparison = page.Find($"[data-table={IndicatorCsv.Comparison}]");
        Assert.Equal(13, comparison.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task With_several_offices_the_month_can_be_read_for_one_and_its_downloads_follow()
    {
        var north = (await App.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Norte", 2, true, 0))).Id;
        var page = RenderLoaded<IndicatorsPage>(Cards);
        Assert.Equal("1", Card(page, "recibidas"));

        var office = page.FindComponents<Ventanilla.Components.Shared.OfficeSelect>().Single();
        await page.InvokeAsync(() => office.Instance.ValueChanged.InvokeAsync(north));

        // The branch received nothing in November: its own month, said so, with its own downloads.
        page.WaitForAssertion(() => Assert.Contains("Noviembre de 2026 · Sucursal Norte", page.Find("[data-testid=indicators-scope]").TextContent));
        Assert.Equal("0", Card(page, "recibidas"));
        Assert.Equal("0", Card(page, "visitas"));
        Assert.Equal($"indicadores/2026-11/{IndicatorCsv.Slugs[0]}.csv?oficina={north}", page.Find($"[data-testid=csv-{IndicatorCsv.Slugs[0]}]").GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_a_month_shows_it_and_keeps_it_in_the_address()
    {
        var page = RenderLoaded<IndicatorsPage>(Cards);

        var select = page.FindComponent<MudSelect<DateOnly>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(new DateOnly(2026, 10, 1)));

        page.WaitForAssertion(() => Assert.Contains("Octubre de 2026 (abiertas al cierre: 31/10/2026)", page.Find("[data-testid=indicators-scope]").TextContent));
        Assert.Equal("2", Card(page, "recibidas"));
        Assert.Equal("1", Card(page, "cerradas"));
        Assert.Equal("100.0 %", Card(page, "a-tiempo"));
        Assert.Equal("5.0", Card(page, "dias"));
        Assert.Equal("1", Card(page, "abiertas"));
        var operation = page.Find($"[data-table={IndicatorCsv.ByArea}] tr[data-row='Operación']");
        Assert.Equal(["1", "1", "1", "100.0", "5.0", "5.0", "0", "0", "0", "0", "0"], operation.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.EndsWith("indicadores?mes=2026-10", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_month_in_the_address_is_shown_and_a_future_one_is_explained()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("indicadores?mes=2026-10");
        var october = RenderLoaded<IndicatorsPage>(Cards);
        Assert.Equal("2", Card(october, "recibidas"));

        navigation.NavigateTo("indicadores?mes=2027-02");
        var future = Render<IndicatorsPage>(); // the providers are already rendered
        future.WaitForElement(Cards);
        Assert.Contains("Febrero de 2027 todavía no empieza; se muestra Noviembre de 2026.", future.Find("[data-testid=indicators-error]").TextContent);
        Assert.Equal("1", Card(future, "recibidas"));
    }

    [Fact]
    public void The_printed_report_carries_the_summary_and_the_tables()
    {
        var page = RenderLoaded<IndicatorsPage>(Cards);

        page.Find("[data-testid=print-report]").Click();

        Assert.Equal(".monthly-report", JSInterop.VerifyInvoke("ventanilla.print").Arguments[0]);
        var report = page.Find("[data-testid=monthly-report]");
        Assert.Contains("Indicadores de noviembre de 2026", report.TextContent);
        Assert.Contains("Peticiones recibidas: 1", report.TextContent);
        Assert.Equal(IndicatorCsv.Slugs.Length, report.QuerySelectorAll(".indicator-table").Length);
        Assert.Empty(report.QuerySelectorAll("a.download"));
    }
}

using Ventanilla.Tests.TestInfrastructure;
using Ventanilla.Features.Shared;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Ventanilla.Features.Admin.Pages;

namespace Ventanilla.Tests.Components.Admin;

public class CalendarPageTests() : AppPageTest(Roles.Administrador)
{
    private IRenderedComponent<CalendarPage> RenderPage()
    {
        var page = RenderPage<CalendarPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-month]")));
        return page;
    }

    private static string KindOf(IRenderedComponent<CalendarPage> page, string date) => page.Find($".day[data-date='{date}']").GetAttribute("data-kind")!;

    [Fact]
    public void Shows_2026_with_weekends_federal_days_and_today_told_apart()
    {
        var page = RenderPage();

        Assert.Equal("2026", page.Find("[data-testid=period]").TextContent.Trim());
        Assert.Equal(12, page.FindAll("[data-month]").Count);
        Assert.Equal("Federal", KindOf(page, "2026-11-16"));
        Assert.Contains("Día de la Revolución", page.Find(".day[data-date='2026-11-16']").GetAttribute("title"));
        Assert.Equal("Federal", KindOf(page, "2026-02-02"));
        Assert.Equal("Federal", KindOf(page, "2026-03-16"));
        Assert.Equal("Federal", KindOf(page, "2026-05-01"));
        Assert.Equal("Business", KindOf(page, "2026-10-01"));
        Assert.Equal("Weekend", KindOf(page, "2026-11-28"));
        Assert.Equal("Business", KindOf(page, "2026-11-27"));
        Assert.Contains("today", page.Find(".day[data-date='2026-11-27']").ClassList);
        // 2026: 261 weekdays, of which 6 are federal rest days (1 Jan, 2 Feb, 16 Mar, 1 May, 16 Nov, 25 Dec; 16 Sep is a Wednesday: 7).
        Assert.Contains("254 días hábiles, 7 descansos obligatorios", page.Find("[data-testid=summary]").TextContent);
    }

    [Fact]
    public void The_month_view_names_each_non_working_day_and_navigates()
    {
        var page = RenderPage();
        page.Find("[data-testid=view-month]").Click();
        Assert.Equal("noviembre 2026", page.Find("[data-testid=period]").TextContent.Trim());
        Assert.Contains("Día de la Revolución", page.Find(".day[data-date='2026-11-16']").TextContent);

        page.Find("[data-testid=next]").Click();
        Assert.Equal("diciembre 2026", page.Find("[data-testid=period]").TextContent.Trim());
        Assert.Contains("Navidad", page.Find(".day[data-date='2026-12-25']").TextContent);
    }

    [Fact]
    public void Adding_an_organismo_day_marks_it_lists_it_and_moves_the_calculator()
    {
        var page = RenderPage();
        page.Find("input[data-testid=calc-date]").Change("2026-11-13");
        page.Find("input[data-testid=calc-time]").Change("10:00");
        page.Find("[data-testid=calc-go]").Click();
        Assert.Contains("07/12/2026", page.Find("[data-testid=calc-due]").TextContent);
        Assert.Equal("no", page.Find("[data-testid=calc-days] tr[data-date='2026-11-16']").GetAttribute("data-counted"));
        Assert.Contains("Día de la Revolución", page.Find("[data-testid=calc-days] tr[data-date='2026-11-16']").TextContent);

        page.Find("input[data-testid=day-start]").Change("2026-12-07");
        page.Find("input[data-testid=day-description]").Change("Aniversario del organismo");
        page.Find("[data-testid=save-day]").Click();

        page.WaitForAssertion(() => Assert.Equal("Organismo", KindOf(page, "2026-12-07")));
        Assert.Single(page.FindAll("[data-day-row='2026-12-07']"));
        page.WaitForAssertion(() => Assert.Contains("08/12/2026", page.Find("[data-testid=calc-due]").TextContent));
        Assert.Contains("Día inhábil del organismo: Aniversario del organismo",
            page.Find("[data-testid=calc-days] tr[data-date='2026-12-07']").TextContent);
    }

    [Fact]
    public void A_reversed_range_is_refused_beside_the_form()
    {
        var page = RenderPage();
        page.Find("input[data-testid=day-start]").Change("2026-04-03");
        page.Find("input[data-testid=day-end]").Change("2026-03-30");
        page.Find("input[data-testid=day-description]").Change("Semana Santa");
        page.Find("[data-testid=save-day]").Click();

        page.WaitForAssertion(() => Assert.Equal("Fecha fin: 30/03/2026 es anterior a la fecha de inicio (03/04/2026).", page.Find("[data-testid=day-error]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-day-row]"));
    }

    [Fact]
    public async Task Editing_and_removing_a_day_update_the_grid()
    {
        await App.Get<CalendarService>().AddOrganismoDayAsync(new DateOnly(2026, 11, 2), null, "Día de Muertos", TestActors.Named("admin"));
        var page = RenderPage();
        Assert.Equal("Organismo", KindOf(page, "2026-11-02"));

        page.Find("[data-day-row='2026-11-02'] [data-testid=edit-day]").Click();
        page.Find("input[data-testid=day-end]").Change("2026-11-03");
        page.Find("[data-testid=save-day]").Click();
        page.WaitForAssertion(() => Assert.Equal("Organismo", KindOf(page, "2026-11-03")));

        page.Find("[data-day-row='2026-11-02'] [data-testid=remove-day]").Click();
        page.WaitForElement("[data-testid=confirm-remove]").Click();
        page.WaitForAssertion(() => Assert.Equal("Business", KindOf(page, "2026-11-02")));
        Assert.Empty(page.FindAll("[data-day-row]"));
    }

    [Fact]
    public void Importing_a_CSV_reports_what_was_added_and_errors_by_line()
    {
        var page = RenderPage();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "Fecha,FechaFin,Descripcion\n2026-03-30,2026-04-03,Semana Santa\n", "dias.csv"));
        page.WaitForAssertion(() => Assert.Contains("dias.csv: 1 filas leídas, 1 agregadas", page.Find("[data-testid=import-report]").TextContent));
        Assert.Equal("Organismo", KindOf(page, "2026-04-01"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "Fecha,Descripcion\n2026-12-07,Bien\n31/11/2026,Mal\n", "malo.csv"));
        page.WaitForAssertion(() => Assert.Contains("Línea 3, Fecha: «31/11/2026» no es una fecha válida", page.Find("[data-testid=import-report]").TextContent));
        Assert.Equal("Business", KindOf(page, "2026-12-07"));
    }

    [Fact]
    public async Task A_change_made_elsewhere_reaches_the_open_page()
    {
        var page = RenderPage();
        await App.Get<CalendarService>().AddOrganismoDayAsync(new DateOnly(2026, 12, 7), null, "Aniversario del organismo", TestActors.Named("otra-admin"));
        page.WaitForAssertion(() => Assert.Equal("Organismo", KindOf(page, "2026-12-07")));
        Assert.Single(page.FindAll("[data-day-row='2026-12-07']"));
    }

    [Fact]
    public void The_calculator_refuses_a_term_of_zero()
    {
        var page = RenderPage();
        page.Find("input[data-testid=calc-date]").Change("2026-11-13");
        page.Find("input[data-testid=calc-term]").Change("0");
        page.Find("[data-testid=calc-go]").Click();
        Assert.StartsWith("Plazo: debe ser de 1 a 365 días hábiles", page.Find("[data-testid=calc-error]").TextContent.Trim());
    }
}

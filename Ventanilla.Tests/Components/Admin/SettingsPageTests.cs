using MudBlazor;
using Ventanilla.Features.Admin.Pages;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Tests.Components.Admin;

public class SettingsPageTests() : AppPageTest(Roles.Administrador)
{
    private IRenderedComponent<SettingsPage> RenderPage() => RenderPage<SettingsPage>();

    [Fact]
    public void Shows_the_procedure_defaults_and_saves_a_change()
    {
        var page = RenderPage();
        Assert.Equal("15", page.Find("input[data-testid=response-term]").GetAttribute("value"));
        Assert.Equal("3", page.Find("input[data-testid=proof-term]").GetAttribute("value"));
        Assert.Equal("5", page.Find("input[data-testid=yellow-threshold]").GetAttribute("value"));
        Assert.Equal("09:00", page.Find("input[data-testid=opens]").GetAttribute("value"));
        Assert.Equal("17:00", page.Find("input[data-testid=closes]").GetAttribute("value"));

        page.Find("input[data-testid=closes]").Change("16:00");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Equal(new TimeOnly(16, 0), App.Get<SettingsService>().Current.OfficeCloses));
        Assert.Empty(page.FindAll("[data-testid=settings-error]"));
    }

    [Fact]
    public void Hours_that_end_before_they_start_are_refused_and_not_saved()
    {
        var page = RenderPage();
        page.Find("input[data-testid=opens]").Change("17:00");
        page.Find("input[data-testid=closes]").Change("09:00");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Horario de atención: la hora de cierre (09:00) debe ser posterior a la de apertura (17:00).",
            page.Find("[data-testid=settings-error]").TextContent));
        Assert.Equal(new TimeOnly(9, 0), App.Get<SettingsService>().Current.OfficeOpens);
    }

    [Fact]
    public void A_term_of_zero_is_refused()
    {
        var page = RenderPage();
        page.Find("input[data-testid=response-term]").Change("0");
        page.Find("[data-testid=save-settings]").Click();
        page.WaitForAssertion(() => Assert.Contains("Plazo de respuesta: debe ser de 1 a 90", page.Find("[data-testid=settings-error]").TextContent));
        Assert.Equal(15, App.Get<SettingsService>().Current.ResponseTermDays);
    }

    [Fact]
    public void The_reception_form_is_saved_without_losing_the_other_form()
    {
        var page = RenderPage();
        page.Find("input[data-testid=yellow-threshold]").Change("4");
        page.Find("input[data-testid=no-show-calls]").Change("5");
        page.Find("[data-testid=save-reception]").Click();
        page.WaitForAssertion(() => Assert.Equal(5, App.Get<SettingsService>().Current.NoShowAfterCalls));

        page.Find("[data-testid=save-settings]").Click();
        page.WaitForAssertion(() => Assert.Equal(4, App.Get<SettingsService>().Current.YellowThresholdDays));
        Assert.Empty(page.FindAll("[data-testid=settings-error]"));
    }

    [Fact]
    public void The_public_address_is_saved_as_a_plain_base_and_used_by_the_citizen_links()
    {
        var page = RenderPage();
        page.Find("input[data-testid=public-url]").Change("  https://atencion.organismo.gob.mx/ventanilla  ");
        page.Find("[data-testid=save-public-url]").Click();

        page.WaitForAssertion(() => Assert.Equal("https://atencion.organismo.gob.mx/ventanilla/", App.Get<SettingsService>().Current.PublicBaseUrl));
        Assert.Equal("https://atencion.organismo.gob.mx/ventanilla/consulta#folio=AU-2026-00001&codigo=ABC234",
            App.Get<PublicLinks>().Status("AU-2026-00001", "ABC234", "http://192.168.1.5:5028/"));

        // Emptied: the links go back to the address the page was opened with.
        page.Find("input[data-testid=public-url]").Change("");
        page.Find("[data-testid=save-public-url]").Click();
        page.WaitForAssertion(() => Assert.Null(App.Get<SettingsService>().Current.PublicBaseUrl));
        Assert.Equal("http://192.168.1.5:5028/turno/XYZ", App.Get<PublicLinks>().Turn("XYZ", "http://192.168.1.5:5028/"));
    }

    [Theory]
    [InlineData("atencion.organismo.gob.mx")]
    [InlineData("ftp://atencion.organismo.gob.mx/")]
    [InlineData("https://atencion.organismo.gob.mx/?x=1")]
    [InlineData("javascript:alert(1)")]
    public void A_public_address_that_is_not_a_plain_web_address_is_refused_and_not_saved(string address)
    {
        var page = RenderPage();
        page.Find("input[data-testid=public-url]").Change(address);
        page.Find("[data-testid=save-public-url]").Click();

        page.WaitForAssertion(() => Assert.Contains("Dirección pública: escriba una dirección completa", page.Find("[data-testid=public-url-error]").TextContent));
        Assert.Null(App.Get<SettingsService>().Current.PublicBaseUrl);
    }
}

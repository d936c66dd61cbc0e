using System.Text.Json;

namespace Ventanilla.Tests.Browser;

/// <summary>The endpoints answer what went wrong as problems (application/problem+json) with the Spanish message and a stable code.</summary>
public class ProblemBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Each_endpoint_s_refusal_is_a_problem_with_its_status_message_and_code()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var page = await OpenSignedInAsync(server, "diana", "");

        async Task<(int Status, string? Type, JsonElement Body)> GetAsync(string path)
        {
            var response = await page.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            using var json = JsonDocument.Parse(await response.TextAsync());
            return (response.Status, response.Headers.GetValueOrDefault("content-type"), json.RootElement.Clone());
        }

        var badMonth = await GetAsync("indicadores/2026-13/peticiones-por-area.csv");
        Assert.Equal(400, badMonth.Status);
        Assert.StartsWith("application/problem+json", badMonth.Type);
        Assert.Equal("Mes: «2026-13» no es un mes válido; escríbalo como 2026-10.", badMonth.Body.GetProperty("detail").GetString());
        Assert.Equal(Problems.Invalid, badMonth.Body.GetProperty("codigo").GetString());

        var noTable = await GetAsync("indicadores/2026-11/no-existe.csv");
        Assert.Equal((404, Problems.NotFound), (noTable.Status, noTable.Body.GetProperty("codigo").GetString()));
        Assert.StartsWith("No hay una tabla «no-existe».", noTable.Body.GetProperty("detail").GetString());

        var badDate = await GetAsync("visitas/exportar.csv?desde=ayer");
        Assert.Equal((400, "Desde y hasta deben ser fechas aaaa-mm-dd."), (badDate.Status, badDate.Body.GetProperty("detail").GetString()));

        var noDocument = await GetAsync("expediente/999999");
        Assert.Equal((404, Problems.NotFound, "Ese documento no existe."),
            (noDocument.Status, noDocument.Body.GetProperty("codigo").GetString(), noDocument.Body.GetProperty("detail").GetString()));
    }
}

using Ventanilla.Features.Deadlines.Pages;
using Ventanilla.Features.Petitions.Pages;

namespace Ventanilla.Tests.Components.Deadlines;

/// <summary>A light is said the same on the list, the kanban and the wall board (Friday 27/11/2026).</summary>
public class LightLabelTests() : AppPageTest(Roles.AtencionUsuarios)
{
    [Fact]
    public async Task Red_and_paused_read_the_same_on_every_screen()
    {
        var rosa = await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var auth = AddAuthorization();
        auth.SetAuthorized("rosa");
        auth.SetRoles(Roles.AtencionUsuarios);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, rosa.Id));
        await using (var db = App.CreateDb())
        {
            var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
            var operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
            foreach (var (folio, status, due) in new[]
            {
                ("AU-2026-00001", PetitionStatus.Turnada, new DateOnly(2026, 11, 20)),
                ("AU-2026-00002", PetitionStatus.EsperandoUsuario, new DateOnly(2026, 12, 20)),
            })
            {
                var petition = PetitionRows.Make(new(2026, 11, 3, 10, 0, 0), new(2026, 11, 3), type, status, due);
                petition.Folio = folio;
                petition.Routings.Add(PetitionRows.Routing(operation));
                db.Petitions.Add(petition);
            }
            await db.SaveChangesAsync();
        }

        var list = RenderPage<PetitionsPage>();
        list.WaitForElement("[data-folio='AU-2026-00002']");
        // The popover and snackbar providers are in place from the first page.
        var board = Render<BoardPage>();
        board.WaitForElement("[data-card='AU-2026-00001']");
        var wall = Render<WallBoardPage>();
        wall.WaitForElement("[data-testid=total-rojo]");

        Assert.Equal("Rojo · vencida hace 5 días", list.Find("tr:has([data-folio='AU-2026-00001']) [data-light]").TextContent);
        Assert.Equal("En pausa", list.Find("tr:has([data-folio='AU-2026-00002']) [data-light]").TextContent);
        Assert.Equal("Rojo · vencida hace 5 días", board.Find("[data-card='AU-2026-00001'] [data-light]").TextContent);
        Assert.StartsWith("Rojo", wall.Find("[data-testid=total-rojo] .label").TextContent.Trim());
        Assert.StartsWith("En pausa", wall.Find("[data-testid=total-pausada] .label").TextContent.Trim());
        Assert.Contains("vencida hace 5 días", wall.Find("[data-folio='AU-2026-00001']").TextContent);
        foreach (var light in TrafficLights.All)
        {
            Assert.Contains(TrafficLights.Label(light), wall.Find($"th.light-{TrafficLights.Css(light)}").TextContent);
        }
    }
}

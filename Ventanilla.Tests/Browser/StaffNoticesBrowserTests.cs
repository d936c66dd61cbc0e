using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The escalation's notices as a staff member sees them: the menu's unread count, the list, marking them read.</summary>
public class StaffNoticesBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_menu_counts_unread_notices_and_the_list_links_the_petition_and_marks_them_read()
    {
        await using var server = await AppServer.StartAsync();
        var rosa = await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            // What the escalation job writes (its stages are tested on the fake clock in EscalationTests).
            db.StaffNotifications.Add(new StaffNotification
            {
                UserId = rosa.Id, Folio = "AU-2026-00007", Title = "AU-2026-00007: lleva el 80 % de su plazo legal",
                Body = "La petición AU-2026-00007 sigue abierta y vence el 18/12/2026 su plazo de respuesta. Revise su avance.", CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var page = await OpenSignedInAsync(server, "rosa", "");
        await Expect(page.Locator("[data-testid=unread-badge]")).ToHaveTextAsync("1");
        await page.Locator("[data-nav=avisos]").ClickAsync();
        await page.WaitForURLAsync("**/avisos", UrlWait);
        var notice = page.Locator("[data-notice='AU-2026-00007']");
        await Expect(notice).ToHaveAttributeAsync("data-read", "no");
        await Expect(notice.Locator("a")).ToHaveAttributeAsync("href", "peticiones/AU-2026-00007");
        await page.Locator("[data-testid=mark-all-read]").ClickAsync();
        await Expect(notice).ToHaveAttributeAsync("data-read", "si");
        await Expect(page.Locator("[data-testid=unread-badge]")).ToHaveCountAsync(0);
    }
}

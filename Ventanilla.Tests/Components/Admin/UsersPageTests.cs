using MudBlazor;
using Ventanilla.Features.Admin.Pages;

namespace Ventanilla.Tests.Components.Admin;

public class UsersPageTests() : AppPageTest(Roles.Administrador)
{
    // The signed-in administrator «admin» is the page test's own account (AppPageTest).

    private IRenderedComponent<UsersPage> RenderPage()
    {
        var page = RenderPage<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-user-row]")));
        return page;
    }

    [Fact]
    public void Lists_the_users_with_their_roles()
    {
        var page = RenderPage();
        var row = page.Find("[data-user-row=admin]").ParentElement!;
        Assert.Contains("Administrador", row.TextContent);
        Assert.Contains("Activo", row.TextContent);
    }

    [Fact]
    public void Creating_a_user_shows_the_generated_password_once()
    {
        var page = RenderPage();
        page.Find("[data-testid=new-user]").Click();
        page.Find("input[data-testid=user-name]").Change("rosa");
        page.Find("input[data-testid=full-name]").Change("Rosa Martínez");
        page.Find($"input[data-role={Roles.Recepcion}]").Change(true);
        page.Find("[data-testid=save-user]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-user-row=rosa]")));
        var alert = page.Find("[data-testid=generated-password]");
        Assert.Contains("rosa", alert.TextContent);
        Assert.Matches("[A-Za-z0-9]{14}", alert.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public void A_broken_rule_is_shown_on_the_form_and_nothing_is_created()
    {
        var page = RenderPage();
        page.Find("[data-testid=new-user]").Click();
        page.Find("input[data-testid=user-name]").Change("enlace");
        page.Find($"input[data-role={Roles.Area}]").Change(true);
        page.Find("[data-testid=save-user]").Click();

        page.WaitForAssertion(() => Assert.Contains("debe pertenecer al menos a un área", page.Find("[data-testid=form-error]").TextContent));
        Assert.Empty(page.FindAll("[data-user-row=enlace]"));
    }
}

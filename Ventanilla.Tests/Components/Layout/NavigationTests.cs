using Ventanilla.Components.Layout;
using Ventanilla.Components.Pages;

namespace Ventanilla.Tests.Components.Layout;

public class NavigationTests : VentanillaBunitContext, IAsyncLifetime
{
    private TestApp _app = null!;

    // The menu counts what citizens sent online for review beside «Seguimiento diario»: it reads the app's database.
    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        UseApp(_app);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static readonly string[] AdminLinks = ["admin/usuarios", "admin/catalogos", "admin/calendario", "admin/ajustes", "admin/citas", "admin/correo", "admin/aviso-de-privacidad", "admin/conservacion", "admin/accesos", "importar", "admin/padron", "admin/api"];

    private IReadOnlyList<string> RenderMenuFor(params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("persona");
        auth.SetRoles(roles);
        var menu = Render<NavMenu>();
        return menu.FindAll("[data-nav]").Select(a => a.GetAttribute("data-nav")!).ToList();
    }

    [Fact]
    public void The_administrator_sees_the_administration_pages()
    {
        var links = RenderMenuFor(Roles.Administrador);
        // Besides the administration: the day's appointments, the monthly indicators and the wall board.
        // «Archivo» sits among them; the Dirección Comercial sees it too.
        Assert.Equal(["", "citas", "indicadores", "pantalla/seguimiento", .. AdminLinks[..6], "archivo", .. AdminLinks[6..]], links);
    }

    [Theory]
    [InlineData(Roles.DireccionComercial, true)]
    [InlineData(Roles.AtencionUsuarios, true)]
    [InlineData(Roles.Area, false)]
    [InlineData(Roles.Pantalla, false)]
    public void The_indicators_are_for_management_and_the_wall_board_for_everyone(string role, bool indicators)
    {
        var links = RenderMenuFor(role);
        Assert.Equal(indicators, links.Contains("indicadores"));
        Assert.Contains("pantalla/seguimiento", links);
    }

    [Theory]
    [InlineData(Roles.Recepcion)]
    [InlineData(Roles.AtencionUsuarios)]
    [InlineData(Roles.Area)]
    [InlineData(Roles.DireccionComercial)]
    [InlineData(Roles.OficialiaPartes)]
    [InlineData(Roles.Pantalla)]
    public void Other_roles_do_not_see_the_administration_pages(string role)
    {
        var links = RenderMenuFor(role);
        Assert.Contains("", links);
        Assert.DoesNotContain(links, AdminLinks.Contains);
    }

    [Fact]
    public void An_anonymous_visitor_sees_no_menu_entries()
    {
        AddAuthorization();
        var menu = Render<NavMenu>();
        Assert.Empty(menu.FindAll("[data-nav]"));
    }

    [Fact]
    public void Every_menu_entry_points_to_a_page_that_demands_the_same_roles()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Select(t => (Type: t, Route: t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false)
                .Cast<Microsoft.AspNetCore.Components.RouteAttribute>().FirstOrDefault()?.Template))
            .Where(p => p.Route is not null)
            .ToDictionary(p => p.Route!.TrimStart('/'), p => p.Type);

        foreach (var item in NavItems.All)
        {
            Assert.True(pages.TryGetValue(item.Href, out var page), $"No page for menu entry '{item.Href}'");
            var authorize = page!.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), true)
                .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().SingleOrDefault();
            var pageRoles = authorize?.Roles?.Split(',').Select(r => r.Trim()).Order().ToArray() ?? [];
            Assert.Equal(item.Roles.Order().ToArray(), pageRoles);
        }
    }

    [Fact]
    public void Home_lists_the_users_roles_and_their_pages()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("marta");
        auth.SetRoles(Roles.Administrador, Roles.DireccionComercial);
        var home = Render<Home>();
        Assert.Contains("Administrador, Dirección Comercial", home.Find("[data-testid=home-roles]").TextContent);
        Assert.Contains("Usuarios", home.Markup);
    }

    [Fact]
    public void Home_tells_a_user_without_roles_what_to_do()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("nueva");
        var home = Render<Home>();
        Assert.NotNull(home.Find("[data-testid=home-empty]"));
    }
}

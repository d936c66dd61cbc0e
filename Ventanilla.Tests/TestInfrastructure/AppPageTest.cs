using MudBlazor;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// A bUnit test of one page over the app's real services and a fresh test database, rendered for a signed-in
/// user of the given role with MudBlazor's popover and snackbar providers in place.
/// </summary>
public abstract class AppPageTest(string role) : VentanillaBunitContext, IAsyncLifetime
{
    protected TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TestApp.CreateAsync();
        UseApp(App);
        // A real account behind the signed-in user: the services read who acts (Actor) from the database.
        var name = role == Roles.Administrador ? "admin" : role.ToLowerInvariant();
        var account = await App.AddUserAsync(name, "Segura123", role);
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(role);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, account.Id));
        await SeedAsync();
    }

    /// <summary>Data the page needs before it renders.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await App.DisposeAsync();
    }

    protected IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return parameters is null ? Render<TPage>() : Render<TPage>(parameters);
    }

    /// <summary>
    /// Renders a page that loads its data after the first render (as a live circuit does) and waits until
    /// <paramref name="selector"/> shows that it has.
    /// </summary>
    protected IRenderedComponent<TPage> RenderLoaded<TPage>(string selector) where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var page = RenderPage<TPage>();
        page.WaitForElement(selector);
        return page;
    }
}

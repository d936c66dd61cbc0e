using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;
using Ventanilla.Components.Account;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>The one bUnit context of the suite: MudBlazor's services and a loose JS runtime, as in the app.</summary>
public abstract class VentanillaBunitContext : BunitContext
{
    // The suite runs its classes in parallel on a two-core machine, with browsers and imports beside the components:
    // a page that loads from the real database can take longer than bUnit's one-second default to render.
    static VentanillaBunitContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected VentanillaBunitContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>
    /// Makes the app's real services (over a test database) available to the rendered components: whatever bUnit does
    /// not provide itself (navigation, JS, authorization) comes from the app, so a page that starts using another
    /// service does not need its tests told.
    /// </summary>
    protected void UseApp(TestApp app)
    {
        // bUnit brings its own clock; the pages must run on the app's fake one, which the tests move.
        Services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        // The signed-in person as bUnit's authorization says, over the app's database.
        Services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<AuthenticationStateProvider>(), app.Get<Actors>(), app.Get<IDbContextFactory<AppDbContext>>()));
        Services.AddFallbackServiceProvider(app.Services);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MudBlazor.Services;
using Ventanilla.Components;
using Ventanilla.Components.Account;
using Ventanilla.Data.Interceptors;
using Ventanilla.Features.Api;
using Ventanilla.Features.Appointments;
using Ventanilla.Features.Archive;
using Ventanilla.Features.Padron;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Documents;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Help;
using Ventanilla.Features.Import;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Intake;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Reception;
using Ventanilla.Features.Privacy;
using Ventanilla.Features.Server;
using Ventanilla.Features.Webhooks;

namespace Ventanilla;

/// <summary>Everything Program.cs wires: services (<see cref="AddVentanilla"/>) and endpoints (<see cref="MapVentanilla"/>).</summary>
public static class VentanillaHosting
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("es-MX");

    /// <summary>The largest message a live page may send the server (see <see cref="AddVentanilla"/>).</summary>
    public const long MaxReceiveMessageBytes = 1024 * 1024;

    public static WebApplicationBuilder AddVentanilla(this WebApplicationBuilder builder)
    {
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;

        var services = builder.Services;
        // The first hosted services, started one after the other before any other: the database is this process's alone,
        // then migrated and seeded, before a background worker (the mail sender, the backplane, the backups) touches it.
        services.AddHostedService<InstanceLock>();
        services.AddHostedService<DatabaseStartupService>();
        // Then the pages' queries, compiled before the server listens (the first visitor waits like the rest).
        services.AddSingleton<PageEndpoints>();
        services.AddHostedService<StartupWarmup>();
        builder.Logging.KeepPublicCodesOutOfLogs();
        builder.AddServerHosting();

        // A live page sends what a person typed in one SignalR message. The default 32 KB cuts a 20,000-character
        // response with accents and line breaks (up to ~120 KB as JSON) and drops the connection, losing the text;
        // 1 MB carries every field at its limit with room to spare, so an oversized text reaches the service and gets
        // its message (the text stays on screen) instead of killing the page.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = MaxReceiveMessageBytes);
        services.AddMudServices();

        // Configuration is read when services are first built, not here, so that tests (and any host)
        // can still override it after this method runs.
        // Every registered interceptor goes on the context of either engine (features add theirs: AddMaintenance the
        // storage-fault watch); the engine's own (SQLite's busy wait, PostgreSQL's row locks) are the factory's.
        services.AddSingleton<IInterceptor, VersionInterceptor>();
        services.AddSingleton<IInterceptor, AppendOnlyInterceptor>();
        services.AddSingleton<SqliteBusyWait>();
        // The engine is chosen by Database:Provider (read when the factory is first built, like the rest); only its
        // options are ever built.
        services.AddSingleton<IDbContextFactory<AppDbContext>>(EngineContextFactory.Create);
        // Identity's stores want a scoped context; everything else creates its own through the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        services.AddVentanillaIdentity();

        // Each feature registers its own services beside its code.
        services.AddShared();
        services.AddAdmin();
        services.AddAccounts();
        services.AddMaintenance();
        services.AddDeadlines();
        services.AddPrivacy();
        services.AddArchive();
        services.AddPadron();
        services.AddReception();
        services.AddPetitions();
        services.AddCitizen();
        services.AddExpediente();
        services.AddIndicators();
        services.AddImport();
        services.AddHelp();
        services.AddAppointments();
        services.AddIntake();
        services.AddDocuments();
        services.AddApi();
        services.AddWebhooks();
        return builder;
    }

    public static WebApplication MapVentanilla(this WebApplication app)
    {
        // The order is written out (WebApplication would otherwise put routing, authentication and authorization before
        // all of this): redirects of the sign-in challenge are made relative too, forwarded addresses are known before
        // the limits and the sign-in throttle count them, and HEAD is routed like GET.
        app.UseRelativeRedirects();
        // Endpoints answer their failures as problems (ProblemResponses); a page's goes to the error page, in every
        // environment, so what the tests see is what the office gets.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseTrustedProxies();
        app.UseServerHosting();
        app.UseSecurityHeaders();
        app.UseHeadLikeGet();
        app.UseRouting();
        app.UseApiProblems();
        app.UseApiReferencePolicy();
        app.UseRateLimiter();
        app.UseMethodNotAllowedWithoutSignIn();
        app.UseAuthentication();
        app.UseAuthorization();
        // After routing, as it always ran: an endpoint's own 404 (a turn's event stream, say) stays a 404.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(Culture.Name);
            options.AddSupportedCultures(Culture.Name);
            options.AddSupportedUICultures(Culture.Name);
            options.RequestCultureProviders.Clear();
        });
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        // The start-up's warm-up renders the staff pages through these endpoints (PageWarmup).
        app.Services.GetRequiredService<PageEndpoints>().Use(((IEndpointRouteBuilder)app).DataSources);
        app.MapAdditionalIdentityEndpoints();
        app.MapHealthEndpoint();
        app.MapCalendarEndpoints();
        app.MapVisitEndpoints();
        app.MapPetitionEndpoints();
        app.MapIndicatorEndpoints();
        app.MapTurnEndpoints();
        app.MapAttachmentEndpoints();
        app.MapPrivacyEndpoints();
        app.MapArchiveEndpoints();
        app.MapAppointmentEndpoints();
        app.MapResponseDownload();
        app.MapApi();
        return app;
    }

    /// <summary>
    /// Builds and runs the web app. What an office can misconfigure (a database that cannot be opened, a missing
    /// certificate or its wrong password) ends it with the Spanish message and exit code 1, at whatever step it shows
    /// up (building the server, or starting it), never with a stack trace.
    /// </summary>
    public static async Task<int> RunServerAsync(string[] args, Func<WebApplicationBuilder, WebApplication> build)
    {
        try
        {
            // As a Windows service the working folder is System32: the app's own folder holds its files (wwwroot, data).
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                ContentRootPath = Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService() ? AppContext.BaseDirectory : null,
            });
            await DatabaseInitializer.PreflightAsync(builder.Configuration);
            await using var app = build(builder);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (SetupFault(ex) is { } fault)
        {
            await Console.Error.WriteLineAsync($"Error: {fault.Message}");
            return 1;
        }
    }

    /// <summary>The office's own misconfiguration behind <paramref name="exception"/> (it may come wrapped by the host), or null.</summary>
    private static Exception? SetupFault(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DatabaseStartupException or Features.Server.ServerSetupException) return e;
        }
        return null;
    }
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Ventanilla.Components;
using Ventanilla.Components.Account;
using Ventanilla.Data.Interceptors;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Help;
using Ventanilla.Features.Server;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Reception;

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
        services.AddSingleton<VersionInterceptor>();
        services.AddSingleton<AppendOnlyInterceptor>();
        services.AddSingleton<SqliteBusyWait>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<StorageFaultWatch>();
        // The engine is chosen by Database:Provider (read when the factory is first built, like the rest).
        services.AddDbContextFactory<AppDbContext>((sp, options) => options
            .UseSqlite(DatabaseLocation.Resolve(sp.GetRequiredService<IConfiguration>()))
            // SQLite rebuilds a table with foreign keys off, outside the migration's transaction; EF says so in English at
            // every first start. The start-up applies migrations before the server listens, and restores bring a backup.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning))
            .AddInterceptors(sp.GetRequiredService<VersionInterceptor>(), sp.GetRequiredService<AppendOnlyInterceptor>(), sp.GetRequiredService<SqliteBusyWait>(),
                sp.GetRequiredService<StorageFaultWatch>()));
        services.AddDbContextFactory<PostgresAppDbContext>((sp, options) => options
            .UseNpgsql(DatabaseLocation.Resolve(sp.GetRequiredService<IConfiguration>()))
            .AddInterceptors(sp.GetRequiredService<VersionInterceptor>(), sp.GetRequiredService<AppendOnlyInterceptor>(), sp.GetRequiredService<StorageFaultWatch>(),
                new RowLockInterceptor()));
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => DatabaseProviders.Of(sp.GetRequiredService<IConfiguration>()) == DatabaseProvider.PostgreSql
            ? new PostgresFactory(sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>())
            : new SqliteFactory(sp.GetRequiredService<DbContextOptions<AppDbContext>>()));
        // Identity's stores want a scoped context; everything else creates its own through the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        AddIdentity(services);

        services.TryAddSingletonTimeProvider();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<OfficeClock>();
        services.AddSingleton<SetupCode>();
        services.AddSingleton<UserService>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<CalendarService>();
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<PostgresBackplane>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresBackplane>());
        services.AddSingleton<QueueService>();
        services.AddSingleton<QueueBoards>();
        services.AddSingleton<CustomerService>();
        services.AddSingleton<VisitRegisterService>();
        services.AddSingleton<ReceptionCatalogService>();
        services.AddSingleton<PetitionActors>();
        services.AddSingleton<PetitionChanges>();
        services.AddSingleton<PetitionService>();
        services.AddSingleton<PetitionRegistration>();
        services.AddSingleton<FolioLookup>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<TurnTracker>();
        services.AddSingleton<SurveyService>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentService>();
        services.AddOptions<AttachmentOptions>().Bind(builder.Configuration.GetSection("Attachments"));
        services.AddSingleton<CitizenNotices>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<NoticeLog>();
        services.AddSingleton<NoticeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeSender>());
        services.AddSingleton<PetitionResponses>();
        services.AddSingleton<PetitionQueries>();
        services.AddSingleton<PetitionExport>();
        services.AddSingleton<PetitionDetails>();
        services.AddSingleton<PetitionBoard>();
        services.AddSingleton<FollowUpWallBoard>();
        services.AddSingleton<IndicatorService>();
        services.AddHelp();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemResponses>();
        services.AddSingleton<Ventanilla.Features.Import.LegacyImport>();
        services.AddSingleton<Ventanilla.Features.Import.ImportUploads>();
        services.AddSingleton<Ventanilla.Features.Import.ImportRecovery>();
        services.AddSingleton<OfficeService>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<RestoreService>();
        services.AddSingleton<PostgresMigration>();
        services.AddOptions<BackupOptions>().BindConfiguration("Backup");

        services.AddSingleton<DailyBackupService>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyBackupService>());
        services.AddSingleton<OwnershipProofExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<OwnershipProofExpiry>());
        services.AddSingleton<IntegrityCheckService>();
        services.AddHostedService(sp => sp.GetRequiredService<IntegrityCheckService>());
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        // Every endpoint requires a signed-in user unless it says [AllowAnonymous] (sign-in, setup, /health).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                // Guessing is throttled per client instead (SignInThrottle): a lock would let anyone keep staff out.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<VentanillaSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddErrorDescriber<SpanishIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        services.AddSingleton<SignInThrottle>();

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IConfiguration>((options, configuration) =>
        {
            var auth = configuration.GetSection("Auth");
            var displayDays = auth.GetValue("DisplaySessionDays", 30);
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(auth.GetValue("SessionHours", 10));
            options.SlidingExpiration = true;
            options.Cookie.Name = "Ventanilla.Sesion";
            options.Events.OnSigningIn = async context =>
            {
                // A wall TV or the kiosk tablet signs in once: its session lasts days and slides with use. The
                // kiosk's account holds only Recepción (and maybe Pantalla); anyone with more roles is a person.
                var roles = context.Principal?.FindAll(context.Principal.Identities.First().RoleClaimType).Select(c => c.Value).ToList() ?? [];
                if (roles.Count > 0 && roles.All(r => r is Roles.Pantalla or Roles.Recepcion))
                {
                    context.Properties.IsPersistent = true;
                    context.Properties.ExpiresUtc = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(displayDays);
                }
                await AttachSessionAsync(context.HttpContext, context.Principal);
            };
            // Identity's security-stamp check runs first (a deactivated or changed account); then the cookie's session
            // must still exist, so a cookie kept after signing out (or after a password reset) is worth nothing.
            var stampCheck = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await stampCheck(context);
                if (context.Principal is not { Identity.IsAuthenticated: true } principal) return;
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
                var sessionId = SessionStore.IdOf(principal);
                if (sessionId is null && userId is not null)
                {
                    // A cookie from before sessions were recorded: it gets one now, so signing out ends it from here on.
                    var upgraded = new ClaimsPrincipal(principal);
                    await AttachSessionAsync(context.HttpContext, upgraded);
                    context.ReplacePrincipal(upgraded);
                    context.ShouldRenew = true;
                }
                else if (userId is null || !await sessions.IsActiveAsync(sessionId!, userId))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
            options.Events.OnCheckSlidingExpiration = async context =>
            {
                if (context.ShouldRenew && SessionStore.IdOf(context.Principal) is { } sessionId)
                {
                    await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().TouchAsync(sessionId);
                }
            };
        });
        // Identity refreshes the principal from the database every so often; the session it was signed in with stays.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (SessionStore.IdOf(context.CurrentPrincipal) is { } sessionId && context.NewPrincipal?.Identity is ClaimsIdentity identity
                && SessionStore.IdOf(context.NewPrincipal) is null)
            {
                identity.AddClaim(new Claim(SessionStore.ClaimType, sessionId));
            }
            return Task.CompletedTask;
        });

        services.AddSingleton<SessionStore>();
        services.AddRequestLimits();

        // Keys beside the database, so sessions (the TVs' above all) survive a restart of the server.
        services.AddDataProtection().SetApplicationName("Ventanilla");
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((options, configuration, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(DatabaseLocation.DataFolder(configuration), "keys")), loggers));
    }

    /// <summary>Records a new server-side session for the principal being signed in and puts its id in the cookie.</summary>
    private static async Task AttachSessionAsync(HttpContext http, ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not ClaimsIdentity identity || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return;
        foreach (var old in identity.FindAll(SessionStore.ClaimType).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(SessionStore.ClaimType, await http.RequestServices.GetRequiredService<SessionStore>().StartAsync(userId)));
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
        app.MapAdditionalIdentityEndpoints();
        app.MapHealthEndpoint();
        app.MapCalendarEndpoints();
        app.MapVisitEndpoints();
        app.MapPetitionEndpoints();
        app.MapIndicatorEndpoints();
        app.MapTurnEndpoints();
        app.MapAttachmentEndpoints();
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

using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using Ventanilla.Components;
using Ventanilla.Components.Account;
using Ventanilla.Data;
using Ventanilla.Data.Interceptors;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Shared;

namespace Ventanilla;

/// <summary>Everything Program.cs wires: services (<see cref="AddVentanilla"/>) and endpoints (<see cref="MapVentanilla"/>).</summary>
public static class VentanillaHosting
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("es-MX");

    public static WebApplicationBuilder AddVentanilla(this WebApplicationBuilder builder)
    {
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;

        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        var connectionString = DatabaseLocation.Resolve(configuration.GetConnectionString(DatabaseLocation.ConnectionStringName));
        services.AddSingleton<VersionInterceptor>();
        services.AddSingleton<AppendOnlyInterceptor>();
        services.AddDbContextFactory<AppDbContext>((sp, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(sp.GetRequiredService<VersionInterceptor>(), sp.GetRequiredService<AppendOnlyInterceptor>()));
        // Identity's stores want a scoped context; everything else creates its own through the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        AddIdentity(services, configuration, connectionString);

        services.TryAddSingletonTimeProvider();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<OfficeClock>();
        services.AddSingleton<SetupCode>();
        services.AddSingleton<UserService>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<BackupService>();
        services.Configure<BackupOptions>(configuration.GetSection("Backup"));

        // Order matters: the database is ready before anything else starts.
        services.AddHostedService<DatabaseStartupService>();
        services.AddSingleton<DailyBackupService>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyBackupService>());
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        // Every endpoint requires a signed-in user unless it says [AllowAnonymous] (sign-in, setup, /health).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var auth = configuration.GetSection("Auth");
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = auth.GetValue("LockoutAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.GetValue("LockoutMinutes", 15));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<VentanillaSignInManager>()
            .AddErrorDescriber<SpanishIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        var sessionHours = auth.GetValue("SessionHours", 10);
        var displayDays = auth.GetValue("DisplaySessionDays", 30);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(sessionHours);
            options.SlidingExpiration = true;
            options.Cookie.Name = "Ventanilla.Sesion";
            options.Events.OnSigningIn = context =>
            {
                // A wall TV or kiosk signs in once: its session lasts days and slides with use.
                if (context.Principal?.IsInRole(Roles.Pantalla) == true)
                {
                    context.Properties.IsPersistent = true;
                    context.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddDays(displayDays);
                }
                return Task.CompletedTask;
            };
        });

        // Keys beside the database, so sessions (the TVs' above all) survive a restart of the server.
        var dataFolder = Path.GetDirectoryName(DatabaseLocation.FilePath(connectionString) ?? Path.Combine(DatabaseLocation.BaseFolder(), "data", "x"))!;
        services.AddDataProtection()
            .SetApplicationName("Ventanilla")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
    }

    public static WebApplication MapVentanilla(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
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
        return app;
    }

    /// <summary>Runs the web app; a database that cannot be opened ends it with a Spanish message and exit code 1.</summary>
    public static async Task<int> RunVentanillaAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (DatabaseStartupException ex)
        {
            await Console.Error.WriteLineAsync($"Error: {ex.Message}");
            return 1;
        }
    }
}

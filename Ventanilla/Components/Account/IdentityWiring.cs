using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Components.Account;

/// <summary>Identity and session wiring, beside the account pages it serves.</summary>
public static class IdentityWiring
{
    /// <summary>
    /// Sign-in for the staff: Identity with Spanish messages and the password rules, the session cookie checked against
    /// the server's session list on every request, a signed-in user required by every endpoint that does not say
    /// otherwise, and the data-protection keys beside the database so sessions survive a restart.
    /// </summary>
    public static IServiceCollection AddVentanillaIdentity(this IServiceCollection services)
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
        return services;
    }

    /// <summary>Records a new server-side session for the principal being signed in and puts its id in the cookie.</summary>
    private static async Task AttachSessionAsync(HttpContext http, ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not ClaimsIdentity identity || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return;
        foreach (var old in identity.FindAll(SessionStore.ClaimType).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(SessionStore.ClaimType, await http.RequestServices.GetRequiredService<SessionStore>().StartAsync(userId)));
    }
}

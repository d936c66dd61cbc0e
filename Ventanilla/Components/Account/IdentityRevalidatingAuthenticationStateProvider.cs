using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ventanilla.Components.Account;

// The live connection's sign-in state. A session that ends on this server (signed out elsewhere, password reset,
// account deactivated) signs the live pages out at once; anything else (a change made by the command line in another
// process) is caught by revalidating the session and the security stamp every minute.
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly SessionStore sessions;

    public IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, SessionStore sessions)
        : base(loggerFactory)
    {
        (this.scopeFactory, this.options, this.sessions) = (scopeFactory, options, sessions);
        sessions.Ended += OnSessionsEnded;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    private void OnSessionsEnded(IReadOnlyCollection<string> ended)
    {
        _ = SignOutIfEndedAsync(ended);
    }

    private async Task SignOutIfEndedAsync(IReadOnlyCollection<string> ended)
    {
        var state = await GetAuthenticationStateAsync();
        if (SessionStore.IdOf(state.User) is { } session && ended.Contains(session))
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (SessionStore.IdOf(user) is not { } session || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || !await sessions.IsActiveAsync(session, userId, cancellationToken))
        {
            return false;
        }
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await ValidateSecurityStampAsync(userManager, user);
    }

    protected override void Dispose(bool disposing)
    {
        sessions.Ended -= OnSessionsEnded;
        base.Dispose(disposing);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}

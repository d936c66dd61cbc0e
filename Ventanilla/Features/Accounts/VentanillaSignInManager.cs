using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Accounts;

/// <summary>
/// Sign-in as the office needs it, telling a guesser nothing about which names exist: an unknown name costs the same
/// password hashing as a real one and gets the same answer; a deactivated account says so only to whoever typed its
/// right password; no account is ever locked by wrong guesses (a stranger could otherwise keep staff out), instead the
/// guessing client is throttled (<see cref="SignInThrottle"/>), and a throttled client gets
/// <see cref="SignInResult.LockedOut"/> whatever name it tries. Deactivated users are refused whatever page or
/// endpoint tries.
/// </summary>
public sealed class VentanillaSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    SignInThrottle throttle,
    Directory.DirectorySignIn directory)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _placeholderHash;

    public override async Task<bool> CanSignInAsync(ApplicationUser user)
        => user.IsActive && await base.CanSignInAsync(user);

    /// <summary>Accounts are never locked (see the class remarks); a lockout date left by an earlier version is ignored.</summary>
    protected override Task<bool> IsLockedOut(ApplicationUser user) => Task.FromResult(false);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var client = Context.Connection.RemoteIpAddress;
        if (throttle.IsThrottled(client)) return SignInResult.LockedOut;
        var result = await CheckAsync(userName, password, isPersistent);
        if (!result.Succeeded) throttle.RecordFailure(client);
        return result;
    }

    private async Task<SignInResult> CheckAsync(string userName, string password, bool isPersistent)
    {
        var user = await UserManager.FindByNameAsync(userName);
        // With the directory on, a name with no local account, or one the directory created, signs in with the directory's
        // password; local accounts (the first administrator, the TVs, the kiosk) keep their own.
        if (directory.Enabled && user is null or { DirectoryDn: not null })
        {
            var (result, userId, message) = await directory.SignInAsync(userName, password ?? "");
            if (message is not null) Context.Items[Directory.DirectorySignIn.MessageKey] = message;
            switch (result)
            {
                case Directory.DirectoryResult.SignedIn:
                    await SignInAsync((await UserManager.FindByIdAsync(userId!))!, isPersistent);
                    return SignInResult.Success;
                case Directory.DirectoryResult.NoAccess:
                    return SignInResult.NotAllowed;
                case Directory.DirectoryResult.Unreachable:
                    return SignInResult.Failed;
            }
            if (user is null) return SignInResult.Failed;
            // A directory account with a wrong password: refused like any wrong password.
            return SignInResult.Failed;
        }
        if (user is null)
        {
            var placeholder = new ApplicationUser();
            _placeholderHash ??= UserManager.PasswordHasher.HashPassword(placeholder, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            UserManager.PasswordHasher.VerifyHashedPassword(placeholder, _placeholderHash, password ?? "");
            return SignInResult.Failed;
        }
        // Identity says "not allowed" before it checks the password: a deactivated name would answer differently from
        // an unknown one. Its password is checked first, so only its owner learns it is deactivated.
        if (!user.IsActive) return await UserManager.CheckPasswordAsync(user, password ?? "") ? SignInResult.NotAllowed : SignInResult.Failed;
        return await PasswordSignInAsync(user, password ?? "", isPersistent, lockoutOnFailure: false);
    }
}

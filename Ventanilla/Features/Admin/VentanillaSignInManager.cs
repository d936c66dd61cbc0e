using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Admin;

/// <summary>
/// Sign-in as the office needs it: deactivated users are refused whatever page or endpoint tries; an unknown user
/// name costs the same password hashing as a real one (the time a wrong sign-in takes does not tell which names
/// exist); and the shared device accounts (the TVs' and the kiosk's: only Pantalla or Recepción) are never locked out
/// by a stranger's wrong guesses — the per-address limit on sign-in attempts slows those down instead.
/// </summary>
public sealed class VentanillaSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _placeholderHash;

    public override async Task<bool> CanSignInAsync(ApplicationUser user)
        => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            var placeholder = new ApplicationUser();
            _placeholderHash ??= UserManager.PasswordHasher.HashPassword(placeholder, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            UserManager.PasswordHasher.VerifyHashedPassword(placeholder, _placeholderHash, password ?? "");
            return SignInResult.Failed;
        }
        var device = (await UserManager.GetRolesAsync(user)) is { Count: > 0 } roles && roles.All(r => r is Roles.Pantalla or Roles.Recepcion);
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure && !device);
    }
}

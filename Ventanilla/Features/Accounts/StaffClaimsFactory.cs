using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Accounts;

/// <summary>Puts the person's full name in the sign-in, so screens greet people, not user names («Hola, Rosa Martínez»).</summary>
public sealed class StaffClaimsFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string FullNameClaim = "ventanilla:fullname";

    /// <summary>The full name of the signed-in person, or their user name for a sign-in from before the name travelled in it.</summary>
    public static string DisplayName(ClaimsPrincipal user)
        => user.FindFirstValue(FullNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.FullName)) identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        return identity;
    }
}

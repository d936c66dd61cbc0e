using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Data;

/// <summary>A staff account (never a water-service customer: those are <see cref="Customer"/>).</summary>
public class ApplicationUser : IdentityUser
{
    public string FullName { get; set; } = "";

    /// <summary>Deactivated users keep their history but can no longer sign in.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The account's entry in the office's directory (LDAP/Active Directory) when it signs in with the directory's
    /// password; null for a local account (the first administrator, the TVs, the kiosk, anyone created here).
    /// </summary>
    public string? DirectoryDn { get; set; }

    public List<UserArea> Areas { get; set; } = [];

    public List<UserOffice> Offices { get; set; } = [];
}

/// <summary>An office a user works in. A user with none works in every office (the Dirección, an administrator).</summary>
public class UserOffice
{
    public string UserId { get; set; } = "";
    public ApplicationUser? User { get; set; }
    public int OfficeId { get; set; }
    public Office? Office { get; set; }
}

/// <summary>A user of role Área belongs to one or more areas; only their areas' petitions are theirs.</summary>
public class UserArea
{
    public string UserId { get; set; } = "";
    public ApplicationUser? User { get; set; }
    public int AreaId { get; set; }
    public Area? Area { get; set; }
}

/// <summary>
/// One signed-in browser. Its id travels in the sign-in cookie; a cookie whose session is gone (signed out, password
/// reset, account deactivated) is refused on the next request, even if someone kept a copy of it.
/// </summary>
public class UserSession
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>When the cookie was last issued or renewed (sliding expiration); old ones are pruned.</summary>
    public DateTime LastSeenUtc { get; set; }
}

using System.Security.Claims;
namespace Ventanilla.Features.Petitions;

/// <summary>
/// Who is acting on a petition, as the server knows them: roles and areas are read from the database, never
/// taken from what a page sends, so every rule is checked against the truth.
/// </summary>
/// <param name="OfficeIds">The offices the user is limited to; empty: every office.</param>
public sealed record PetitionActor(string UserId, string UserName, IReadOnlySet<string> Roles, IReadOnlySet<int> AreaIds, IReadOnlySet<int>? OfficeIds = null)
{
    /// <summary>Whether the user may work in <paramref name="officeId"/> (a user limited to none works in all).</summary>
    public bool WorksIn(int officeId) => OfficeIds is not { Count: > 0 } offices || offices.Contains(officeId);

    /// <summary>The office a user of just one office works in; null for users of several or of all.</summary>
    public int? OnlyOffice => OfficeIds is { Count: 1 } offices ? offices.First() : null;

    /// <summary>Whether the actor holds a role of <paramref name="roles"/> (a set of <see cref="Admin.Roles"/> or one role).</summary>
    public bool IsAny(string roles) => Admin.Roles.In(roles).Any(Roles.Contains);

    /// <summary>Throws a Spanish refusal unless the actor holds one of <paramref name="roles"/>.</summary>
    public void Require(string action, string roles)
    {
        if (!IsAny(roles))
        {
            throw new RuleException($"{action}: le corresponde a {string.Join(" o ", Admin.Roles.In(roles).Select(Admin.Roles.DisplayName))}; su cuenta no tiene ese rol.");
        }
    }
}

public sealed class PetitionActors(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The actor of an endpoint's request: every endpoint resolves who is acting this one way.</summary>
    public Task<PetitionActor> ForRequestAsync(HttpContext http)
        => ForUserAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new RuleException("Inicie sesión.", RuleKind.Forbidden), http.RequestAborted);

    /// <summary>The actor for a signed-in user id; refused when the account no longer exists or is inactive.</summary>
    public async Task<PetitionActor> ForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.IsActive, Areas = u.Areas.Select(a => a.AreaId).ToList(), Offices = u.Offices.Select(o => o.OfficeId).ToList() })
            .SingleOrDefaultAsync(ct);
        if (user is null || !user.IsActive) throw new RuleException("Su cuenta ya no está activa; vuelva a iniciar sesión.", RuleKind.Forbidden);
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           where link.UserId == userId
                           select role.Name!).ToListAsync(ct);
        var name = string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? user.Id : user.FullName;
        return new PetitionActor(user.Id, name, roles.ToHashSet(), user.Areas.ToHashSet(), user.Offices.ToHashSet());
    }
}

using System.Security.Claims;
namespace Ventanilla.Features.Shared;

/// <summary>
/// Who is acting, in the one form every service receives (the petitions, the queue, the calendar, the settings, the
/// accounts and the catalogs): roles, areas and offices as the server knows them, read from the database, never taken
/// from what a page sends, so every rule is checked against the truth. <see cref="System"/> is the server itself (the
/// console's verbs, start-up and scheduled work), which holds every role and is no person.
/// </summary>
/// <param name="OfficeIds">The offices the user is limited to; empty: every office.</param>
public sealed record Actor(string UserId, string UserName, IReadOnlySet<string> Roles, IReadOnlySet<int> AreaIds, IReadOnlySet<int>? OfficeIds = null)
{
    /// <summary>The server itself: the console's verbs (run by whoever administers the machine), start-up and scheduled work.</summary>
    public static readonly Actor System = WithEveryRole(SystemName);

    /// <summary>Whoever runs the console's verbs on the server (the history records «Línea de comandos»).</summary>
    public static readonly Actor CommandLine = WithEveryRole("Línea de comandos");

    /// <summary>No person: an actor by <paramref name="name"/> (as the history records it) holding every role, in every office.</summary>
    public static Actor WithEveryRole(string name) => new("", name, Accounts.Roles.All.Select(r => r.Key).ToHashSet(), new HashSet<int>());

    /// <summary>The name the history records for <see cref="System"/>.</summary>
    public const string SystemName = "Sistema";

    /// <summary>The account's id for a foreign key (who served a visit, who changed a setting); null for <see cref="System"/>.</summary>
    public string? AccountId => UserId.Length == 0 ? null : UserId;

    /// <summary>Whether the user may work in <paramref name="officeId"/> (a user limited to none works in all).</summary>
    public bool WorksIn(int officeId) => OfficeIds is not { Count: > 0 } offices || offices.Contains(officeId);

    /// <summary>The office a user of just one office works in; null for users of several or of all.</summary>
    public int? OnlyOffice => OfficeIds is { Count: 1 } offices ? offices.First() : null;

    /// <summary>Whether the actor holds a role of <paramref name="roles"/> (a set of <see cref="Accounts.Roles"/> or one role).</summary>
    public bool IsAny(string roles) => Accounts.Roles.In(roles).Any(Roles.Contains);

    /// <summary>Throws a Spanish refusal unless the actor holds one of <paramref name="roles"/>.</summary>
    public void Require(string action, string roles)
    {
        if (!IsAny(roles))
        {
            throw new RuleException($"{action}: le corresponde a {string.Join(" o ", Accounts.Roles.In(roles).Select(Accounts.Roles.DisplayName))}; su cuenta no tiene ese rol.", RuleKind.Forbidden);
        }
    }
}

public sealed class Actors(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The actor of an endpoint's request: every endpoint resolves who is acting this one way.</summary>
    public Task<Actor> ForRequestAsync(HttpContext http)
        => ForUserAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new RuleException("Inicie sesión.", RuleKind.Forbidden), http.RequestAborted);

    /// <summary>The actor for a signed-in user id; refused when the account no longer exists or is inactive.</summary>
    public async Task<Actor> ForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Two small lists of ids: split, so EF neither multiplies their rows nor warns in English in the log.
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.IsActive, Areas = u.Areas.Select(a => a.AreaId).ToList(), Offices = u.Offices.Select(o => o.OfficeId).ToList() })
            .AsSplitQuery().SingleOrDefaultAsync(ct);
        if (user is null || !user.IsActive) throw new RuleException("Su cuenta ya no está activa; vuelva a iniciar sesión.", RuleKind.Forbidden);
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           where link.UserId == userId
                           select role.Name!).ToListAsync(ct);
        var name = string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? user.Id : user.FullName;
        return new Actor(user.Id, name, roles.ToHashSet(), user.Areas.ToHashSet(), user.Offices.ToHashSet());
    }
}

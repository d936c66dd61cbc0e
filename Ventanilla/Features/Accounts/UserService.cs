// Over 300 lines on purpose: accounts, roles, areas, offices and passwords share one set of checks and one transaction shape.
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Features.Accounts;

public sealed record UserSummary(
    string Id, string UserName, string FullName, bool IsActive, bool IsLockedOut,
    IReadOnlyList<string> Roles, IReadOnlyList<int> AreaIds, IReadOnlyList<string> AreaNames, IReadOnlyList<string>? OfficeNames = null,
    bool FromDirectory = false);

/// <summary>
/// Roles, areas and offices are given as a person types them; they are matched ignoring case and accents. No office
/// means every office (the Dirección, an administrator).
/// </summary>
public sealed record UserInput(
    string UserName, string FullName, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas, string? Password = null, IReadOnlyList<string>? Offices = null);

public sealed record CreatedUser(string Id, string UserName, string? GeneratedPassword);

/// <summary>
/// Staff accounts, for the admin pages, the first-run setup and the <c>user</c> CLI verb alike.
/// Each method runs in its own scope (its own UserManager and context) and in one transaction. Over 250 lines on
/// purpose: every change to an account (create, edit, deactivate, reset or change a password) ends its sessions and
/// reports Identity's refusals on the screen's fields the same way, and keeping them together is what keeps it so.
/// </summary>
public sealed class UserService(IServiceScopeFactory scopes, SetupCode setupCode, SessionStore sessions, TimeProvider time)
{
    public const int MaxUserNameLength = 64;
    public const int MaxFullNameLength = 200;

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.IsActive, u.LockoutEnd, FromDirectory = u.DirectoryDn != null })
            .ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var areas = await db.UserAreas.AsNoTracking().Select(a => new { a.UserId, a.AreaId, a.Area!.Name }).ToListAsync(ct);
        var offices = await db.UserOffices.AsNoTracking().Select(o => new { o.UserId, o.Office!.Name }).ToListAsync(ct);
        return users.Select(u => new UserSummary(
                u.Id, u.UserName ?? "", u.FullName, u.IsActive,
                u.LockoutEnd is { } end && end > now,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => r).ToList(),
                areas.Where(a => a.UserId == u.Id).Select(a => a.AreaId).ToList(),
                areas.Where(a => a.UserId == u.Id).Select(a => a.Name).OrderBy(n => n).ToList(),
                offices.Where(o => o.UserId == u.Id).Select(o => o.Name).OrderBy(n => n).ToList(), u.FromDirectory))
            .ToList();
    }

    public async Task<bool> HasAdministratorAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetUsersInRoleAsync(Roles.Administrador)).Any(u => u.IsActive);
    }

    public async Task<CreatedUser> CreateAsync(Actor actor, UserInput input, CancellationToken ct = default)
    {
        actor.Require("Administrar las cuentas", Roles.Administrador);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var userName = CleanUserName(input.UserName);
        var fullName = CleanFullName(input.FullName, userName);
        var roles = MatchRoles(input.Roles);
        var areaIds = await MatchAreasAsync(db, input.Areas, roles, ct);
        var officeIds = await MatchOfficesAsync(db, input.Offices ?? [], ct);
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new RuleException($"Ya existe un usuario con el nombre '{userName}'.");
        }

        var generated = string.IsNullOrEmpty(input.Password) ? GeneratePassword() : null;
        var password = generated ?? input.Password!;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new ApplicationUser
        {
            UserName = userName,
            FullName = fullName,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, password), "Usuario");
        Check(await users.AddToRolesAsync(user, roles), "Roles");
        db.UserAreas.AddRange(areaIds.Select(id => new UserArea { UserId = user.Id, AreaId = id }));
        db.UserOffices.AddRange(officeIds.Select(id => new UserOffice { UserId = user.Id, OfficeId = id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedUser(user.Id, userName, generated);
    }

    /// <summary>Creates the first administrator with the one-time code printed on the server's console.</summary>
    public async Task<CreatedUser> CreateFirstAdministratorAsync(string? code, string userName, string fullName, string password, CancellationToken ct = default)
    {
        if (await HasAdministratorAsync(ct))
        {
            setupCode.Retire();
            throw new RuleException("Esta instalación ya tiene un administrador. Inicie sesión.");
        }
        if (!setupCode.Matches(code, out var replaced))
        {
            throw new RuleException(replaced
                ? "Demasiados intentos con un código equivocado: ese código ya no sirve. En la consola del servidor aparece uno nuevo."
                : "El código de configuración no es correcto. Cópielo de la consola del servidor.");
        }
        if (string.IsNullOrEmpty(password))
        {
            throw new RuleException("Escriba una contraseña para el administrador.");
        }
        // The one-time code from the server's console is the authority here: the server itself creates the account.
        var created = await CreateAsync(Actor.System, new UserInput(userName, fullName, [Roles.Administrador], [], password), ct);
        setupCode.Retire();
        return created;
    }

    /// <param name="officeInput">The offices the user works in (empty: all); null keeps them as they are.</param>
    public async Task UpdateAsync(
        Actor actor, string userId, string fullName, IReadOnlyList<string> roleInput, IReadOnlyList<string> areaInput, CancellationToken ct = default,
        IReadOnlyList<string>? officeInput = null)
    {
        actor.Require("Administrar las cuentas", Roles.Administrador);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new RuleException("El usuario ya no existe.");
        var roles = MatchRoles(roleInput);
        var areaIds = await MatchAreasAsync(db, areaInput, roles, ct);
        var officeIds = officeInput is null ? null : await MatchOfficesAsync(db, officeInput, ct);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrador) && !roles.Contains(Roles.Administrador))
        {
            await EnsureAnotherAdministratorAsync(users, user, ct);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.FullName = CleanFullName(fullName, user.UserName!);
        Check(await users.UpdateAsync(user), "Usuario");
        var remove = current.Except(roles).ToList();
        var add = roles.Except(current).ToList();
        if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove), "Roles");
        if (add.Count > 0) Check(await users.AddToRolesAsync(user, add), "Roles");
        db.UserAreas.RemoveRange(db.UserAreas.Where(a => a.UserId == user.Id));
        db.UserAreas.AddRange(areaIds.Select(id => new UserArea { UserId = user.Id, AreaId = id }));
        if (officeIds is not null)
        {
            db.UserOffices.RemoveRange(db.UserOffices.Where(o => o.UserId == user.Id));
            db.UserOffices.AddRange(officeIds.Select(id => new UserOffice { UserId = user.Id, OfficeId = id }));
        }
        await db.SaveChangesAsync(ct);
        // A role change takes effect on the user's open sessions at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        await tx.CommitAsync(ct);
    }

    /// <summary>Sets a new password (generated when none is given), and lifts any lockout.</summary>
    public async Task<string> ResetPasswordAsync(Actor actor, string userNameOrId, string? newPassword = null, CancellationToken ct = default)
    {
        actor.Require("Administrar las cuentas", Roles.Administrador);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userNameOrId) ?? await users.FindByNameAsync(userNameOrId.Trim())
            ?? throw new RuleException($"No existe el usuario '{userNameOrId}'.");
        // A password set here would never be asked for: a directory account signs in with the directory's.
        if (user.DirectoryDn is not null) throw new RuleException($"«{user.UserName}» entra con su contraseña del directorio de la oficina; se cambia ahí, no en Ventanilla.");
        var password = string.IsNullOrEmpty(newPassword) ? GeneratePassword() : newPassword;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password), "Contraseña");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await tx.CommitAsync(ct);
        // Whoever knew the old password is signed out everywhere, now, not at the next revalidation.
        await sessions.EndAllAsync(user.Id, ct);
        return password;
    }

    /// <summary>
    /// The account of a person the directory vouched for, created at their first sign-in (without a local password) or
    /// brought up to date (name, roles and areas from their groups, active again); a local account of the same name is
    /// never taken over.
    /// </summary>
    public async Task<string> SyncFromDirectoryAsync(Directory.DirectoryPerson person, IReadOnlyList<string> roleInput, IReadOnlyList<string> areaInput, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var userName = CleanUserName(person.UserName);
        var roles = MatchRoles(roleInput);
        var areaIds = await MatchAreasAsync(db, areaInput, roles, ct);
        var user = await users.FindByNameAsync(userName);
        if (user is { DirectoryDn: null }) throw new RuleException($"Ya existe una cuenta local «{userName}»: entra con su propia contraseña, no con la del directorio.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fullName = CleanFullName(person.FullName, userName);
        if (user is null)
        {
            user = new ApplicationUser { UserName = userName, FullName = fullName, DirectoryDn = person.Dn, CreatedAtUtc = time.GetUtcNow().UtcDateTime, LockoutEnabled = true };
            Check(await users.CreateAsync(user), "Usuario");
            Check(await users.AddToRolesAsync(user, roles), "Roles");
        }
        else
        {
            var changed = !user.IsActive || user.FullName != fullName || user.DirectoryDn != person.Dn;
            (user.FullName, user.DirectoryDn, user.IsActive) = (fullName, person.Dn, true);
            var current = await users.GetRolesAsync(user);
            var remove = current.Except(roles).ToList();
            var add = roles.Except(current).ToList();
            if (changed) Check(await users.UpdateAsync(user), "Usuario");
            if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove), "Roles");
            if (add.Count > 0) Check(await users.AddToRolesAsync(user, add), "Roles");
            db.UserAreas.RemoveRange(db.UserAreas.Where(a => a.UserId == user.Id));
            // A change of groups takes effect on the person's open sessions at their next revalidation.
            if (remove.Count > 0 || add.Count > 0) await users.UpdateSecurityStampAsync(user);
        }
        db.UserAreas.AddRange(areaIds.Select(id => new UserArea { UserId = user.Id, AreaId = id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user.Id;
    }

    /// <summary>A directory account whose person left every group with access (or the directory): deactivated, signed out now.</summary>
    public async Task DeactivateDirectoryAccountAsync(string userName, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByNameAsync(CleanUserName(userName)) is not { DirectoryDn: not null, IsActive: true } user) return;
        user.IsActive = false;
        Check(await users.UpdateAsync(user), "Usuario");
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id, ct);
    }

    public async Task SetActiveAsync(Actor actor, string userId, bool active, CancellationToken ct = default)
    {
        actor.Require("Administrar las cuentas", Roles.Administrador);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new RuleException("El usuario ya no existe.");
        if (!active)
        {
            if (userId == actor.UserId) throw new RuleException("No puede desactivar su propia cuenta.");
            if (await users.IsInRoleAsync(user, Roles.Administrador)) await EnsureAnotherAdministratorAsync(users, user, ct);
        }
        user.IsActive = active;
        Check(await users.UpdateAsync(user), "Usuario");
        await users.UpdateSecurityStampAsync(user);
        // A deactivated user's open sessions end now: the next request or live update of theirs is refused.
        if (!active) await sessions.EndAllAsync(user.Id, ct);
    }

    private static async Task EnsureAnotherAdministratorAsync(UserManager<ApplicationUser> users, ApplicationUser user, CancellationToken ct)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Administrador);
        if (!admins.Any(a => a.Id != user.Id && a.IsActive))
        {
            throw new RuleException("Debe quedar al menos un administrador activo.");
        }
    }

    private static string CleanUserName(string? userName)
    {
        var clean = userName?.Trim() ?? "";
        if (clean.Length == 0) throw new RuleException("Nombre de usuario: es obligatorio.");
        if (clean.Length > MaxUserNameLength) throw new RuleException(RuleException.TooLong("Nombre de usuario", MaxUserNameLength, clean.Length));
        return clean;
    }

    private static string CleanFullName(string? fullName, string fallback)
    {
        var clean = fullName?.Trim() ?? "";
        if (clean.Length > MaxFullNameLength) throw new RuleException(RuleException.TooLong("Nombre completo", MaxFullNameLength, clean.Length));
        return clean.Length == 0 ? fallback : clean;
    }

    private static List<string> MatchRoles(IReadOnlyList<string> typed)
    {
        var unknown = typed.Where(r => Roles.Match(r) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleException(
                $"Rol desconocido: {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Roles válidos: {string.Join(", ", Roles.All.Select(r => r.Key))}.");
        }
        var roles = typed.Select(r => Roles.Match(r)!).Distinct().ToList();
        if (roles.Count == 0) throw new RuleException("Roles: asigne al menos un rol.");
        return roles;
    }

    private static async Task<List<int>> MatchOfficesAsync(AppDbContext db, IReadOnlyList<string> typed, CancellationToken ct)
        => Match(await db.Offices.AsNoTracking().Where(o => o.IsActive).Select(o => new CatalogName(o.Id, o.Name)).ToListAsync(ct), typed,
            "Oficina desconocida o inactiva", "Oficinas");

    private static async Task<List<int>> MatchAreasAsync(AppDbContext db, IReadOnlyList<string> typed, List<string> roles, CancellationToken ct)
    {
        var ids = Match(await db.Areas.AsNoTracking().Where(a => a.IsActive).Select(a => new CatalogName(a.Id, a.Name)).ToListAsync(ct), typed,
            "Área desconocida o inactiva", "Áreas válidas");
        if (roles.Contains(Roles.Area) && ids.Count == 0)
        {
            throw new RuleException("Áreas: un usuario con rol Área debe pertenecer al menos a un área.");
        }
        return ids;
    }

    private sealed record CatalogName(int Id, string Name);

    /// <summary>The ids of the names typed (by name, ignoring case and accents, or by id), each once; any unknown one is refused, naming the valid ones.</summary>
    private static List<int> Match(IReadOnlyList<CatalogName> catalog, IReadOnlyList<string> typed, string unknownMessage, string validLabel)
    {
        var ids = new List<int>();
        var unknown = new List<string>();
        foreach (var name in typed.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var match = catalog.FirstOrDefault(c => TextFold.Key(c.Name) == TextFold.Key(name) || c.Id.ToString() == name.Trim());
            if (match is null) unknown.Add(name);
            else if (!ids.Contains(match.Id)) ids.Add(match.Id);
        }
        if (unknown.Count > 0)
        {
            throw new RuleException(
                $"{unknownMessage}: {string.Join(", ", unknown.Select(u => $"'{u}'"))}. {validLabel}: {string.Join(", ", catalog.Select(c => c.Name))}.");
        }
        return ids;
    }

    /// <summary>
    /// Identity's errors, each under the label of the field on the screen it is about (a bad user name is the user
    /// name's problem, not the password's), <paramref name="field"/> for the rest.
    /// </summary>
    private static void Check(IdentityResult result, string field)
    {
        if (result.Succeeded) return;
        static string FieldOf(IdentityError error, string fallback) => error.Code switch
        {
            var c when c.StartsWith("Password", StringComparison.Ordinal) => "Contraseña",
            "InvalidUserName" or "DuplicateUserName" => "Nombre de usuario",
            "InvalidRoleName" or "DuplicateRoleName" or "UserAlreadyInRole" or "UserNotInRole" => "Roles",
            _ => fallback,
        };
        throw new RuleException(string.Join('\n', result.Errors.GroupBy(e => FieldOf(e, field))
            .Select(g => $"{g.Key}: {string.Join(" ", g.Select(e => e.Description))}")));
    }

    /// <summary>A password that meets the policy, without look-alike characters (0/O, 1/l/I) so it can be dictated.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[14];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}

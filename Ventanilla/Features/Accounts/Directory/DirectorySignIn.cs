namespace Ventanilla.Features.Accounts.Directory;

public enum DirectoryResult
{
    /// <summary>The directory does not know this name and password (said like a wrong local password).</summary>
    Refused,
    /// <summary>The directory could not be asked: local accounts still sign in.</summary>
    Unreachable,
    /// <summary>The password is right but the person is in no group with access: their account is deactivated.</summary>
    NoAccess,
    SignedIn,
}

/// <summary>
/// Signing in with the directory's password: the directory checks it, the person's groups give their roles and areas
/// (<see cref="DirectoryOptions.Roles"/>, <see cref="DirectoryOptions.Areas"/>), and their account here is created at
/// their first sign-in or brought up to date at every one. Someone in no group with access is refused and their
/// account deactivated.
/// </summary>
public sealed class DirectorySignIn(DirectoryClient client, UserService users, ILogger<DirectorySignIn> logger)
{
    /// <summary>Where the sign-in leaves, for the page, why it could not be done (<see cref="HttpContext.Items"/>).</summary>
    public const string MessageKey = "Ventanilla.Directory.Message";

    public bool Enabled => client.Options.Enabled;

    public async Task<(DirectoryResult Result, string? UserId, string? Message)> SignInAsync(string userName, string password, CancellationToken ct = default)
    {
        DirectoryPerson? person;
        try
        {
            person = await client.AuthenticateAsync(userName, password, ct);
        }
        catch (DirectoryUnreachableException ex)
        {
            logger.LogWarning(ex, "No se pudo consultar el directorio para el inicio de sesión: {Reason}", ex.Message);
            return (DirectoryResult.Unreachable, null, Unreachable(ex.Message));
        }
        if (person is null) return (DirectoryResult.Refused, null, null);
        var (roles, areas) = Map(person.Groups);
        if (roles.Count == 0)
        {
            await users.DeactivateDirectoryAccountAsync(person.UserName, ct);
            return (DirectoryResult.NoAccess, null, "Su cuenta del directorio no está en ningún grupo con acceso a Ventanilla. Consulte al administrador.");
        }
        try
        {
            return (DirectoryResult.SignedIn, await users.SyncFromDirectoryAsync(person, roles, areas, ct), null);
        }
        catch (RuleException ex)
        {
            logger.LogWarning("El directorio aceptó a {User}, pero su cuenta no se pudo preparar: {Reason}", person.UserName, ex.Message);
            return (DirectoryResult.NoAccess, null, $"Su cuenta del directorio no se pudo usar aquí: {ex.Message.Split('\n')[0]} Consulte al administrador.");
        }
    }

    /// <summary>The roles and areas of a set of groups, by the office's mapping (group names compared without case).</summary>
    public (IReadOnlyList<string> Roles, IReadOnlyList<string> Areas) Map(IEnumerable<string> groups)
    {
        var options = client.Options;
        var names = groups.ToList();
        var roles = names.Select(g => options.Roles.TryGetValue(g, out var role) ? role : null).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var areas = names.Select(g => options.Areas.TryGetValue(g, out var area) ? area : null).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return (roles, areas);
    }

    public static string Unreachable(string reason)
        => $"No se pudo consultar el directorio de la oficina ({reason}). Las cuentas locales sí pueden entrar; avise al administrador.";
}

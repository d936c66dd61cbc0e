using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Accounts.Directory;

/// <summary>A person as the directory has them: their entry, the name they sign in with, their name, their groups.</summary>
public sealed record DirectoryPerson(string Dn, string UserName, string FullName, IReadOnlyList<string> Groups);

/// <summary>The directory could not be asked (down, unreachable, its certificate not trusted, the service account refused).</summary>
public sealed class DirectoryUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The office's directory over LDAP (<c>System.DirectoryServices.Protocols</c>): a service account finds the person,
/// the person's own password is checked by binding as them, and their groups are read. Every connection is protected
/// as configured (StartTLS by default) before anything is sent.
/// </summary>
public sealed class DirectoryClient(IOptionsMonitor<DirectoryOptions> options)
{
    private const int InvalidCredentials = 49;

    public DirectoryOptions Options => options.CurrentValue;

    /// <summary>The person when the password is theirs; null for an unknown name or a wrong password (said the same way).</summary>
    public Task<DirectoryPerson?> AuthenticateAsync(string userName, string password, CancellationToken ct = default)
        => Task.Run(() => Authenticate(userName, password), ct);

    /// <summary>The person of an entry, as it is now (null: no longer in the directory), for the periodic review.</summary>
    public Task<DirectoryPerson?> FindAsync(string dn, CancellationToken ct = default) => Task.Run(() =>
    {
        using var service = ServiceConnection();
        var entry = Search(service, dn, "(objectClass=*)", SearchScope.Base, missingIsNull: true).FirstOrDefault();
        return entry is null ? null : Person(service, entry, UserNameOf(entry) ?? dn);
    }, ct);

    private DirectoryPerson? Authenticate(string userName, string password)
    {
        // An empty password is an anonymous bind, which most directories accept: it would prove nothing.
        if (string.IsNullOrEmpty(password) || string.IsNullOrWhiteSpace(userName)) return null;
        using var service = ServiceConnection();
        var filter = Options.UserFilter.Replace("{0}", Escape(userName.Trim()), StringComparison.Ordinal);
        var found = Search(service, Options.UsersBase, filter, SearchScope.Subtree, missingIsNull: false);
        if (found.Count != 1) return null;
        var entry = found[0];
        using (var user = Connect())
        {
            try
            {
                user.Bind(new NetworkCredential(entry.DistinguishedName, password));
            }
            catch (LdapException ex) when (ex.ErrorCode == InvalidCredentials)
            {
                return null;
            }
        }
        return Person(service, entry, UserNameOf(entry) ?? userName.Trim());
    }

    private DirectoryPerson Person(LdapConnection service, SearchResultEntry entry, string userName)
    {
        var filter = Options.GroupFilter.Replace("{0}", Escape(entry.DistinguishedName), StringComparison.Ordinal);
        var groupsBase = string.IsNullOrWhiteSpace(Options.GroupsBase) ? Options.UsersBase : Options.GroupsBase;
        var groups = Search(service, groupsBase, filter, SearchScope.Subtree, missingIsNull: false)
            .Select(g => Value(g, "cn")).OfType<string>().ToList();
        var fullName = Value(entry, "displayName") ?? Value(entry, "cn") ?? userName;
        return new DirectoryPerson(entry.DistinguishedName, userName, fullName, groups);
    }

    private static string? UserNameOf(SearchResultEntry entry) => Value(entry, "uid") ?? Value(entry, "sAMAccountName");

    private static string? Value(SearchResultEntry entry, string attribute)
        => entry.Attributes.Contains(attribute) && entry.Attributes[attribute].Count > 0 ? entry.Attributes[attribute][0] as string : null;

    private List<SearchResultEntry> Search(LdapConnection connection, string baseDn, string filter, SearchScope scope, bool missingIsNull)
    {
        try
        {
            var request = new SearchRequest(baseDn, filter, scope, "cn", "displayName", "uid", "sAMAccountName") { SizeLimit = 500 };
            var response = (SearchResponse)connection.SendRequest(request, TimeSpan.FromSeconds(Math.Max(1, Options.TimeoutSeconds)));
            return [.. response.Entries.Cast<SearchResultEntry>()];
        }
        catch (DirectoryOperationException ex) when (missingIsNull && ex.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return [];
        }
        catch (DirectoryException ex)
        {
            throw new DirectoryUnreachableException($"el directorio no respondió a la búsqueda ({ex.Message})", ex);
        }
    }

    /// <summary>A connection bound as the service account, or why it could not be made.</summary>
    private LdapConnection ServiceConnection()
    {
        var connection = Connect();
        try
        {
            connection.Bind(new NetworkCredential(Options.BindDn, Options.BindPassword));
            return connection;
        }
        catch (LdapException ex)
        {
            connection.Dispose();
            throw new DirectoryUnreachableException(ex.ErrorCode == InvalidCredentials
                ? "el directorio rechazó la cuenta de servicio (Ldap:BindDn y Ldap:BindPassword)"
                : $"no se pudo conectar con {Options.Url} ({ex.Message})", ex);
        }
    }

    private LdapConnection Connect()
    {
        if (!Uri.TryCreate(Options.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ldap" or "ldaps"))
        {
            throw new DirectoryUnreachableException($"Ldap:Url «{Options.Url}» no es una dirección ldap:// ni ldaps://");
        }
        var ldaps = uri.Scheme == "ldaps" || Options.Security == DirectorySecurity.Ldaps;
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (ldaps ? 636 : 389) : uri.Port;
        var connection = new LdapConnection(new LdapDirectoryIdentifier(uri.Host, port))
        {
            AuthType = AuthType.Basic,
            Timeout = TimeSpan.FromSeconds(Math.Max(1, Options.TimeoutSeconds)),
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (!OperatingSystem.IsWindows() && !string.IsNullOrWhiteSpace(Options.TrustedCertificatesFolder) && Options.Security != DirectorySecurity.None)
            {
                connection.SessionOptions.TrustedCertificatesDirectory = Options.TrustedCertificatesFolder;
                connection.SessionOptions.StartNewTlsSessionContext();
            }
            if (ldaps) connection.SessionOptions.SecureSocketLayer = true;
            else if (Options.Security == DirectorySecurity.StartTls) StartTls(connection);
            return connection;
        }
        catch (Exception ex) when (ex is LdapException or DirectoryException)
        {
            connection.Dispose();
            throw new DirectoryUnreachableException($"no se pudo abrir una conexión protegida con {Options.Url} ({ex.Message}); revise el certificado del directorio y Ldap:TrustedCertificatesFolder", ex);
        }
    }

    /// <summary>
    /// StartTLS before any credential is sent. On Linux the library opens the socket only at the first operation and
    /// refuses StartTLS before it («server unavailable»): an anonymous bind opens it (it carries no secret, and a
    /// directory that refuses it has still connected).
    /// </summary>
    public static void StartTls(LdapConnection connection)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                connection.Bind(new NetworkCredential("", ""));
            }
            catch (DirectoryOperationException)
            {
                // Anonymous binds refused: the connection is open all the same.
            }
        }
        connection.SessionOptions.StartTransportLayerSecurity(null);
    }

    /// <summary>RFC 4515: what a person types can never change the filter it is put in.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\5c",
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }
        return text.ToString();
    }
}

using System.DirectoryServices.Protocols;
using System.Net;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// A real OpenLDAP server (Debian's slapd) for the directory sign-in tests: the one <c>.ci/run</c> starts and passes in
/// <c>VENTANILLA_TEST_LDAP</c>, or, without it, one started once per test run by <c>.ci/ldap</c> (which installs slapd
/// when missing and makes its own certificate authority for StartTLS) and stopped when the run ends. Tests add their own people and groups, with names of their own, through the protocol itself.
/// </summary>
public static class TestLdap
{
    public const string Suffix = "dc=organismo,dc=gob,dc=mx";
    public const string People = "ou=personas," + Suffix;
    public const string Groups = "ou=grupos," + Suffix;

    /// <summary>A server already running («URL ADMIN_DN PASSWORD CA_FOLDER», what <c>.ci/ldap start</c> prints), as <c>.ci/run</c> gives it.</summary>
    public const string Variable = "VENTANILLA_TEST_LDAP";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Server? _server;

    public sealed record Server(string Url, string AdminDn, string AdminPassword, string CaFolder);

    public static async Task<Server> StartAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null) return _server;
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given) return _server = Prepare(given);
            var script = CiScripts.PathOf("ldap");
            var folder = Path.Combine(Path.GetTempPath(), $"ventanilla-ldap-{Environment.ProcessId}");
            var port = 57000 + Environment.ProcessId % 3000 * 2;
            var (code, output, error) = await CiScripts.RunAsync(script, "start", folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (code != 0)
            {
                throw new InvalidOperationException($"Las pruebas del directorio no pudieron arrancar OpenLDAP ({script} start, código {code}): {error.Trim()} " +
                    "Instale slapd y ldap-utils (apt-get install -y slapd ldap-utils).");
            }
            CiScripts.StopWhenProcessEnds(script, folder);
            return _server = Prepare(output.Trim().Split('\n')[^1]);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The server <c>.ci/ldap start</c> described («URL ADMIN_DN PASSWORD CA_FOLDER»), with the two branches the tests use.</summary>
    private static Server Prepare(string described)
    {
        var parts = described.Split(' ');
        var server = new Server(parts[0], parts[1], parts[2], parts[3]);
        using var admin = Connect(server);
        foreach (var ou in new[] { People, Groups })
        {
            try
            {
                admin.SendRequest(new AddRequest(ou, new DirectoryAttribute("objectClass", "organizationalUnit"), new DirectoryAttribute("ou", ou.Split(',')[0][3..])));
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.EntryAlreadyExists)
            {
                // A server given in VENTANILLA_TEST_LDAP that an earlier run already prepared.
            }
        }
        return server;
    }

    /// <summary>The settings that point the app at this directory, with a group → role and group → area mapping.</summary>
    public static void Configure(Dictionary<string, string?> settings, Server server, IReadOnlyDictionary<string, string> roles, IReadOnlyDictionary<string, string> areas)
    {
        settings["Ldap:Url"] = server.Url;
        settings["Ldap:Security"] = "StartTls";
        settings["Ldap:TrustedCertificatesFolder"] = server.CaFolder;
        settings["Ldap:BindDn"] = server.AdminDn;
        settings["Ldap:BindPassword"] = server.AdminPassword;
        settings["Ldap:UsersBase"] = People;
        settings["Ldap:GroupsBase"] = Groups;
        foreach (var (group, role) in roles) settings[$"Ldap:Roles:{group}"] = role;
        foreach (var (group, area) in areas) settings[$"Ldap:Areas:{group}"] = area;
    }

    public static string PersonDn(string uid) => $"uid={uid},{People}";

    public static void AddPerson(Server server, string uid, string fullName, string password)
    {
        using var admin = Connect(server);
        admin.SendRequest(new AddRequest(PersonDn(uid),
            new DirectoryAttribute("objectClass", "inetOrgPerson"), new DirectoryAttribute("uid", uid), new DirectoryAttribute("cn", fullName),
            new DirectoryAttribute("sn", fullName.Split(' ')[^1]), new DirectoryAttribute("userPassword", password)));
    }

    /// <summary>Creates the group, or replaces its members (a group of names needs one: the admin stands in when empty).</summary>
    public static void SetGroup(Server server, string cn, params string[] memberUids)
    {
        var dn = $"cn={cn},{Groups}";
        var members = memberUids.Length == 0 ? [server.AdminDn] : memberUids.Select(PersonDn).ToArray();
        using var admin = Connect(server);
        try
        {
            admin.SendRequest(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "member", members));
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            admin.SendRequest(new AddRequest(dn, new DirectoryAttribute("objectClass", "groupOfNames"), new DirectoryAttribute("cn", cn),
                new DirectoryAttribute("member", members)));
        }
    }

    private static LdapConnection Connect(Server server)
    {
        var uri = new Uri(server.Url);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(uri.Host, uri.Port)) { AuthType = AuthType.Basic };
        connection.SessionOptions.ProtocolVersion = 3;
        if (!OperatingSystem.IsWindows())
        {
            connection.SessionOptions.TrustedCertificatesDirectory = server.CaFolder;
            connection.SessionOptions.StartNewTlsSessionContext();
        }
        Ventanilla.Features.Accounts.Directory.DirectoryClient.StartTls(connection);
        connection.Bind(new NetworkCredential(server.AdminDn, server.AdminPassword));
        return connection;
    }
}

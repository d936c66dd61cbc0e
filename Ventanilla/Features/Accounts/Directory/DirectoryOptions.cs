namespace Ventanilla.Features.Accounts.Directory;

/// <summary>How the connection to the directory is protected.</summary>
public enum DirectorySecurity
{
    /// <summary>Plain LDAP upgraded with StartTLS before anything is sent (the default).</summary>
    StartTls,
    /// <summary>LDAP over TLS from the first byte (usually port 636).</summary>
    Ldaps,
    /// <summary>No encryption: passwords travel in clear. Only for a lab; /health says so.</summary>
    None,
}

/// <summary>
/// Directory sign-in (section <c>Ldap</c>), off while <see cref="Url"/> is empty. Staff sign in with their directory
/// user and password; their roles and areas come from the groups they belong to (<see cref="Roles"/>,
/// <see cref="Areas"/>: group name → role or area). Local accounts keep signing in with their own password.
/// </summary>
public sealed class DirectoryOptions
{
    /// <summary><c>ldap://servidor:389</c> or <c>ldaps://servidor:636</c>.</summary>
    public string Url { get; set; } = "";

    public DirectorySecurity Security { get; set; } = DirectorySecurity.StartTls;

    /// <summary>
    /// A folder with the certificate authority that signed the directory's certificate (Linux: in OpenSSL's hashed
    /// form, <c>openssl rehash CARPETA</c>); empty: the system's trusted authorities.
    /// </summary>
    public string TrustedCertificatesFolder { get; set; } = "";

    /// <summary>The service account that searches the directory (a read-only account).</summary>
    public string BindDn { get; set; } = "";

    public string BindPassword { get; set; } = "";

    /// <summary>Where the users are searched.</summary>
    public string UsersBase { get; set; } = "";

    /// <summary>Finds the user by what they type; <c>{0}</c> is the user name (escaped).</summary>
    public string UserFilter { get; set; } = "(&(objectClass=person)(|(uid={0})(sAMAccountName={0})))";

    /// <summary>Where the groups are searched (empty: <see cref="UsersBase"/>).</summary>
    public string GroupsBase { get; set; } = "";

    /// <summary>The groups a user is in; <c>{0}</c> is the user's entry (DN, escaped).</summary>
    public string GroupFilter { get; set; } = "(&(|(objectClass=groupOfNames)(objectClass=group))(member={0}))";

    /// <summary>Group name (its <c>cn</c>) → role key (<c>AtencionUsuarios</c>, <c>Area</c>…).</summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Group name → area name, for the accounts of the Área role.</summary>
    public Dictionary<string, string> Areas { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int TimeoutSeconds { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}

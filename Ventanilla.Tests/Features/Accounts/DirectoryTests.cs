using Ventanilla.Features.Accounts.Directory;

namespace Ventanilla.Tests.Features.Accounts;

/// <summary>
/// Directory sign-in against a real OpenLDAP server over StartTLS: a person of a mapped group gets an account with the
/// group's roles and areas at their first sign-in, a wrong or empty password and a filter trick are refused, leaving
/// the groups deactivates the account (at sign-in and in the hourly review), a local account is never taken over, and
/// a directory that cannot be reached says so.
/// </summary>
public class DirectoryTests : AppServiceTest
{
    // Names of this test's own: the directory is shared by the whole run.
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private TestLdap.Server _ldap = null!;

    private string Person => $"lucia-{_id}";
    private string AttentionGroup => $"ventanilla-atencion-{_id}";
    private string OperationGroup => $"ventanilla-operacion-{_id}";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        _ldap = TestLdap.StartAsync().GetAwaiter().GetResult();
        TestLdap.Configure(settings, _ldap,
            new Dictionary<string, string> { [AttentionGroup] = Roles.AtencionUsuarios, [OperationGroup] = Roles.Area },
            new Dictionary<string, string> { [OperationGroup] = "Operación" });
    }

    private DirectorySignIn Directory => App.Get<DirectorySignIn>();

    private async Task<ApplicationUser?> AccountAsync(string userName)
    {
        await using var db = App.CreateDb();
        return await db.Users.AsNoTracking().Include(u => u.Areas).SingleOrDefaultAsync(u => u.UserName == userName);
    }

    private async Task<IReadOnlySet<string>> RolesAsync(string userId) => (await App.Get<Actors>().ForUserAsync(userId)).Roles;

    [Fact]
    public async Task A_person_of_mapped_groups_signs_in_with_the_directorys_password_and_gets_their_roles_and_areas()
    {
        TestLdap.AddPerson(_ldap, Person, "Lucía Gómez Ruiz", "Clave-del-directorio-1");
        TestLdap.SetGroup(_ldap, AttentionGroup, Person);
        TestLdap.SetGroup(_ldap, OperationGroup, Person);

        var (result, userId, message) = await Directory.SignInAsync(Person, "Clave-del-directorio-1");
        Assert.Equal((DirectoryResult.SignedIn, (string?)null), (result, message));
        var account = (await AccountAsync(Person))!;
        Assert.Equal((userId, "Lucía Gómez Ruiz", TestLdap.PersonDn(Person), true), (account.Id, account.FullName, account.DirectoryDn, account.IsActive));
        Assert.True((await RolesAsync(account.Id)).SetEquals([Roles.AtencionUsuarios, Roles.Area]));
        Assert.Single(account.Areas);
        // No local password: the directory's is the only one, and none can be set here.
        Assert.Null(account.PasswordHash);
        var reset = await Assert.ThrowsAsync<RuleException>(() => App.Get<UserService>().ResetPasswordAsync(Actor.System, Person));
        Assert.Equal($"«{Person}» entra con su contraseña del directorio de la oficina; se cambia ahí, no en Ventanilla.", reset.Message);
        Assert.True(Assert.Single(await App.Get<UserService>().ListAsync(), u => u.UserName == Person).FromDirectory);

        Assert.Equal(DirectoryResult.Refused, (await Directory.SignInAsync(Person, "otra")).Result);
        // An empty password would be an anonymous bind; a star would match anybody.
        Assert.Equal(DirectoryResult.Refused, (await Directory.SignInAsync(Person, "")).Result);
        Assert.Equal(DirectoryResult.Refused, (await Directory.SignInAsync("*", "Clave-del-directorio-1")).Result);
        Assert.Equal(DirectoryResult.Refused, (await Directory.SignInAsync($"nadie-{_id}", "Clave-del-directorio-1")).Result);
        Assert.Null(await AccountAsync($"nadie-{_id}"));
    }

    [Fact]
    public async Task Leaving_the_groups_deactivates_the_account_at_sign_in_and_in_the_hourly_review()
    {
        TestLdap.AddPerson(_ldap, Person, "Lucía Gómez", "Clave-del-directorio-1");
        TestLdap.SetGroup(_ldap, AttentionGroup, Person);
        TestLdap.SetGroup(_ldap, OperationGroup);
        var (_, userId, _) = await Directory.SignInAsync(Person, "Clave-del-directorio-1");
        Assert.True((await RolesAsync(userId!)).SetEquals([Roles.AtencionUsuarios]));

        // Moved to Operación in the directory: the hourly review gives the new role and area.
        TestLdap.SetGroup(_ldap, AttentionGroup);
        TestLdap.SetGroup(_ldap, OperationGroup, Person);
        Assert.Equal(0, await App.Get<DirectorySync>().ReviewAsync());
        Assert.True((await RolesAsync(userId!)).SetEquals([Roles.Area]));

        // Out of every group: the review deactivates the account, and signing in says why.
        TestLdap.SetGroup(_ldap, OperationGroup);
        Assert.Equal(1, await App.Get<DirectorySync>().ReviewAsync());
        Assert.False((await AccountAsync(Person))!.IsActive);
        var (result, _, message) = await Directory.SignInAsync(Person, "Clave-del-directorio-1");
        Assert.Equal(DirectoryResult.NoAccess, result);
        Assert.Equal("Su cuenta del directorio no está en ningún grupo con acceso a Ventanilla. Consulte al administrador.", message);

        // Back in a group: the next sign-in opens it again.
        TestLdap.SetGroup(_ldap, AttentionGroup, Person);
        Assert.Equal(DirectoryResult.SignedIn, (await Directory.SignInAsync(Person, "Clave-del-directorio-1")).Result);
        Assert.True((await AccountAsync(Person))!.IsActive);
    }

    [Fact]
    public async Task A_local_account_of_the_same_name_is_never_taken_over()
    {
        await App.AddUserAsync(Person, "Segura123", Roles.Administrador);
        TestLdap.AddPerson(_ldap, Person, "Lucía Gómez", "Clave-del-directorio-1");
        TestLdap.SetGroup(_ldap, AttentionGroup, Person);
        var (result, _, message) = await Directory.SignInAsync(Person, "Clave-del-directorio-1");
        Assert.Equal(DirectoryResult.NoAccess, result);
        Assert.Contains($"Ya existe una cuenta local «{Person}»", message);
        var account = (await AccountAsync(Person))!;
        Assert.Null(account.DirectoryDn);
        Assert.True((await RolesAsync(account.Id)).SetEquals([Roles.Administrador]));
    }

    [Fact]
    public async Task A_directory_that_cannot_be_reached_is_said_and_changes_nothing()
    {
        await using var down = await TestApp.CreateAsync(configure: s =>
        {
            TestLdap.Configure(s, _ldap with { Url = "ldap://127.0.0.1:9" }, new Dictionary<string, string> { [AttentionGroup] = Roles.AtencionUsuarios },
                new Dictionary<string, string>());
            s["Ldap:TimeoutSeconds"] = "2";
        }, postgres: OnPostgres);
        var (result, _, message) = await down.Get<DirectorySignIn>().SignInAsync(Person, "Clave-del-directorio-1");
        Assert.Equal(DirectoryResult.Unreachable, result);
        Assert.StartsWith("No se pudo consultar el directorio de la oficina (", message);
        Assert.EndsWith("Las cuentas locales sí pueden entrar; avise al administrador.", message);
        Assert.Equal(0, await down.Get<DirectorySync>().ReviewAsync());
    }

    [Fact]
    public async Task Ldaps_works_too_and_a_directory_whose_certificate_is_not_trusted_is_never_sent_a_password()
    {
        TestLdap.AddPerson(_ldap, Person, "Lucía Gómez", "Clave-del-directorio-1");
        TestLdap.SetGroup(_ldap, AttentionGroup, Person);
        var port = new Uri(_ldap.Url).Port;
        var roles = new Dictionary<string, string> { [AttentionGroup] = Roles.AtencionUsuarios };
        await using (var ldaps = await TestApp.CreateAsync(configure: s =>
        {
            TestLdap.Configure(s, _ldap with { Url = $"ldaps://127.0.0.1:{port + 1}" }, roles, new Dictionary<string, string>());
        }))
        {
            Assert.Equal(DirectoryResult.SignedIn, (await ldaps.Get<DirectorySignIn>().SignInAsync(Person, "Clave-del-directorio-1")).Result);
        }
        // The office's authority not configured: the certificate is not trusted and nothing is sent.
        await using var untrusted = await TestApp.CreateAsync(configure: s =>
        {
            TestLdap.Configure(s, _ldap, roles, new Dictionary<string, string>());
            s["Ldap:TrustedCertificatesFolder"] = "";
        });
        var (result, _, message) = await untrusted.Get<DirectorySignIn>().SignInAsync(Person, "Clave-del-directorio-1");
        Assert.Equal(DirectoryResult.Unreachable, result);
        Assert.Contains("no se pudo abrir una conexión protegida", message);
    }
}

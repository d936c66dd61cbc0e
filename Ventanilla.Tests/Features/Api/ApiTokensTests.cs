using Ventanilla.Features.Api;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Api;

/// <summary>
/// The API's tokens as a service: created by an administrator for one account with scopes and an optional expiry, the
/// secret shown once and kept hashed, refused when malformed, unknown, revoked, expired or its account deactivated.
/// </summary>
public class ApiTokensTests : PetitionTestBase
{
    private ApiTokens Tokens => App.Get<ApiTokens>();
    private static readonly Actor Admin = new("", "Ana", new HashSet<string> { Roles.Administrador }, new HashSet<int>());

    [Fact]
    public async Task A_token_is_shown_once_kept_as_a_hash_and_acts_for_its_account_with_its_scopes()
    {
        var created = await Tokens.CreateAsync(Admin, " RAS ", "olga", ["peticiones:leer, peticiones:escribir"], null);
        Assert.Matches("^vnt_[a-z2-9]{10}_[A-Za-z2-9]{40}$", created.Secret);
        Assert.Equal(("RAS", "olga"), (created.Token.Name, created.Token.UserName));
        Assert.Equal(["peticiones:leer", "peticiones:escribir"], created.Token.Scopes);
        await using (var db = App.CreateDb())
        {
            var row = await db.ApiTokens.SingleAsync();
            Assert.DoesNotContain(created.Secret.Split('_')[2], row.SecretHash + row.Prefix + row.Scopes);
            Assert.Equal(64, row.SecretHash.Length);
        }

        var (caller, refusal) = await Tokens.AuthenticateAsync(created.Secret);
        Assert.Null(refusal);
        Assert.Equal(("RAS", _oficialia.UserId), (caller!.TokenName, caller.UserId));
        Assert.True(caller.Scopes.SetEquals(["peticiones:leer", "peticiones:escribir"]));
        Assert.NotNull(Assert.Single(await Tokens.ListAsync(Admin)).LastUsedLocal);

        // One character off: unknown, whatever part it is in.
        var wrong = created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A');
        Assert.Equal("El token no es válido: no corresponde a ningún token de esta oficina.", (await Tokens.AuthenticateAsync(wrong)).Refusal);
        Assert.StartsWith("El token no es válido: envíe «Authorization: Bearer vnt_…»", (await Tokens.AuthenticateAsync("abc")).Refusal);
    }

    [Fact]
    public async Task Revoked_expired_and_deactivated_tokens_are_refused_saying_why()
    {
        var revoked = await Tokens.CreateAsync(Admin, "RAS", "olga", ["peticiones:leer"], null);
        await Tokens.RevokeAsync(Admin, "RAS");
        Assert.Equal("El token «RAS» fue revocado.", (await Tokens.AuthenticateAsync(revoked.Secret)).Refusal);
        var again = await Assert.ThrowsAsync<RuleException>(() => Tokens.RevokeAsync(Admin, revoked.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("El token «RAS» ya estaba revocado.", again.Message);
        // The name is free again once revoked.
        var expiring = await Tokens.CreateAsync(Admin, "RAS", "olga", ["peticiones:leer"], App.Get<OfficeClock>().Today().AddDays(2));
        Assert.Null((await Tokens.AuthenticateAsync(expiring.Secret)).Refusal);
        App.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal("El token «RAS» venció.", (await Tokens.AuthenticateAsync(expiring.Secret)).Refusal);

        var sccan = await Tokens.CreateAsync(Admin, "SCCAN", "oscar", ["peticiones:leer"], null);
        await using (var db = App.CreateDb())
        {
            await db.Users.Where(u => u.UserName == "oscar").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
        }
        Assert.Equal("La cuenta del token «SCCAN» está desactivada.", (await Tokens.AuthenticateAsync(sccan.Secret)).Refusal);
        var states = await Tokens.ListAsync(Admin);
        Assert.Equal([false, false, true], states.OrderBy(t => t.Id).Select(t => t.Active));
    }

    [Fact]
    public async Task Only_an_administrator_creates_and_every_mistake_is_named_at_once()
    {
        var role = await Assert.ThrowsAsync<RuleException>(() => Tokens.CreateAsync(_clerk, "RAS", "olga", ["peticiones:leer"], null));
        Assert.Equal(RuleKind.Forbidden, role.Kind);
        var bad = await Assert.ThrowsAsync<RuleException>(() => Tokens.CreateAsync(Admin, "", "nadie", ["peticiones:borrar"], App.Get<OfficeClock>().Today()));
        Assert.Equal(string.Join('\n',
            "Nombre: escriba para qué sistema es el token (por ejemplo «RAS»).",
            "Alcances: «peticiones:borrar» no existe; los que hay son peticiones:leer, peticiones:escribir, turnos:leer, citas:leer, padron:leer, indicadores:leer.",
            $"Vence: {App.Get<OfficeClock>().Today():dd/MM/yyyy} ya pasó; elija una fecha posterior a hoy o ninguna.",
            "Cuenta: no existe el usuario «nadie»."), bad.Message);
        await Tokens.CreateAsync(Admin, "RAS", "olga", ["peticiones:leer"], null);
        var twice = await Assert.ThrowsAsync<RuleException>(() => Tokens.CreateAsync(Admin, "RAS", "rosa", ["turnos:leer"], null));
        Assert.Equal("Nombre: ya hay un token vigente llamado «RAS»; revóquelo o use otro nombre.", twice.Message);
        await using var db = App.CreateDb();
        Assert.Equal(1, await db.ApiTokens.CountAsync());
    }
}

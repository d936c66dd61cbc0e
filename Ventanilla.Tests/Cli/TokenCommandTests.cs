namespace Ventanilla.Tests.Cli;

/// <summary><c>token create|list|revoke</c>: the API's tokens from the server's console; the secret printed once, alone.</summary>
public class TokenCommandTests : CliTestBase
{
    [Fact]
    public async Task Creates_a_token_prints_its_secret_once_lists_it_without_it_and_revokes_it()
    {
        Assert.Equal(0, (await RunAsync("user", "add", "ras", "--role", "Oficialía de Partes", "--password", "Segura123")).Code);
        var created = await RunAsync("token", "create", "RAS", "--usuario", "ras", "--alcances", "peticiones:leer,peticiones:escribir", "--vence", "2099-12-31");
        Assert.Equal(0, created.Code);
        var secret = Assert.Single(created.Lines);
        Assert.Matches("^vnt_[a-z2-9]{10}_[A-Za-z2-9]{40}$", secret);
        Assert.Contains("Token «RAS» creado para ras (peticiones:leer, peticiones:escribir). Guárdelo ahora: no se vuelve a mostrar.", created.Error);

        var list = await RunAsync("token", "list");
        var line = Assert.Single(list.Lines);
        Assert.Matches(@"^\d+ · RAS · ras · peticiones:leer peticiones:escribir · vence el 31/12/2099 · último uso: nunca$", line);
        Assert.DoesNotContain(secret.Split('_')[2], list.Output);

        Assert.Equal(["Token «RAS» revocado."], (await RunAsync("token", "revoke", "RAS")).Lines);
        Assert.Contains("revocado el", (await RunAsync("token", "list")).Output);
        var again = await RunAsync("token", "revoke", "RAS");
        Assert.Equal(1, again.Code);
        Assert.Contains("No hay un token vigente «RAS».", again.Error);

        var bad = await RunAsync("token", "create", "X", "--usuario", "ras", "--alcances", "todo");
        Assert.Equal(1, bad.Code);
        Assert.Contains("Alcances: «todo» no existe", bad.Error);
    }
}

using System.CommandLine;
using Ventanilla.Features.Api;

namespace Ventanilla.Cli;

/// <summary>
/// <c>token create|list|revoke</c>: the REST API's tokens from the server's console, for an installation script or a
/// quick revocation (the same as Administración → API). The secret is printed once, alone on its line.
/// </summary>
public static class TokenCommand
{
    public static Command Build(CliContext cli)
    {
        var name = new Argument<string>("NOMBRE") { Description = "Para qué sistema es (por ejemplo RAS)." };
        var user = new Option<string>("--usuario") { Description = "Usuario por el que actúa el token (sus roles, áreas y oficinas).", Required = true };
        var scopes = new Option<string>("--alcances")
        {
            Description = $"Alcances separados por comas: {string.Join(", ", ApiScopes.All.Select(s => s.Key))}.", Required = true,
        };
        var expires = new Option<string?>("--vence") { Description = "Último día de validez, yyyy-MM-dd (predeterminado: no vence)." };
        var create = new Command("create", "Crea un token de la API e imprime su secreto (una sola vez).") { name, user, scopes, expires };
        create.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var created = await cli.Get<ApiTokens>().CreateAsync(Actor.CommandLine, parse.GetValue(name), parse.GetValue(user), [parse.GetValue(scopes)!],
                HtmlInputs.Date(parse.GetValue(expires), "--vence"), token);
            await cli.Error.WriteLineAsync($"Token «{created.Token.Name}» creado para {created.Token.UserName} ({string.Join(", ", created.Token.Scopes)}). " +
                "Guárdelo ahora: no se vuelve a mostrar.");
            await cli.Output.WriteLineAsync(created.Secret);
            return 0;
        }, ct));

        var list = new Command("list", "Lista los tokens: vigentes, vencidos y revocados (nunca su secreto).");
        list.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var rows = await cli.Get<ApiTokens>().ListAsync(Actor.CommandLine, token);
            foreach (var t in rows)
            {
                var state = t.RevokedLocal is { } r ? $"revocado el {r:dd/MM/yyyy HH:mm}" : t.Expired ? "vencido" : t.ExpiresLocal is { } e ? $"vence el {e.AddDays(-1):dd/MM/yyyy}" : "vigente";
                await cli.Output.WriteLineAsync($"{t.Id} · {t.Name} · {t.UserName} · {string.Join(" ", t.Scopes)} · {state} · último uso: {t.LastUsedLocal?.ToString("dd/MM/yyyy HH:mm") ?? "nunca"}");
            }
            if (rows.Count == 0) await cli.Output.WriteLineAsync("No hay tokens de la API.");
            return 0;
        }, ct));

        var which = new Argument<string>("NOMBRE_O_ID") { Description = "Nombre del token vigente, o su número de la lista." };
        var revoke = new Command("revoke", "Revoca un token: deja de servir en la siguiente llamada.") { which };
        revoke.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var revoked = await cli.Get<ApiTokens>().RevokeAsync(Actor.CommandLine, parse.GetValue(which)!, token);
            await cli.Output.WriteLineAsync($"Token «{revoked.Name}» revocado.");
            return 0;
        }, ct));
        return new Command("token", "Los tokens de la API REST (/api/v1) para otros sistemas.") { create, list, revoke };
    }
}

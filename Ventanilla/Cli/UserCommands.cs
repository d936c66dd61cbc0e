using System.CommandLine;

namespace Ventanilla.Cli;

/// <summary><c>user add</c> and <c>user reset-password</c>.</summary>
public static class UserCommands
{
    public static Command Build(CliContext cli)
    {
        var user = new Command("user", "Administra las cuentas del personal.");
        user.Subcommands.Add(BuildAdd(cli));
        user.Subcommands.Add(BuildReset(cli));
        return user;
    }

    private static Command BuildAdd(CliContext cli)
    {
        var name = new Argument<string>("NOMBRE") { Description = "Nombre de usuario con el que iniciará sesión." };
        var roles = new Option<string[]>("--role", "-r")
        {
            Description = $"Rol (uno o varios): {string.Join(", ", Roles.All.Select(r => r.Key))}.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var areas = new Option<string[]>("--area", "-a")
        {
            Description = "Área a la que pertenece (obligatoria para el rol Area); puede repetirse.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var offices = new Option<string[]>("--office", "-o")
        {
            Description = "Oficina donde trabaja (puede repetirse); sin ella, en todas.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var fullName = new Option<string?>("--full-name") { Description = "Nombre completo de la persona." };
        var password = new Option<string?>("--password", "-p") { Description = "Contraseña; si se omite se genera y se imprime una." };

        var add = new Command("add", "Crea un usuario con sus roles, áreas y oficinas.") { name, roles, areas, offices, fullName, password };
        add.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var created = await cli.Get<UserService>().CreateAsync(Actor.CommandLine, new UserInput(
                parse.GetValue(name)!, parse.GetValue(fullName) ?? "", parse.GetValue(roles) ?? [], parse.GetValue(areas) ?? [],
                parse.GetValue(password), parse.GetValue(offices) ?? []), token);
            await cli.Output.WriteLineAsync($"Usuario '{created.UserName}' creado.");
            if (created.GeneratedPassword is not null)
            {
                await cli.Output.WriteLineAsync($"Contraseña generada: {created.GeneratedPassword}");
            }
            return 0;
        }, ct));
        return add;
    }

    private static Command BuildReset(CliContext cli)
    {
        var name = new Argument<string>("NOMBRE") { Description = "Nombre de usuario." };
        var password = new Option<string?>("--password", "-p") { Description = "Contraseña nueva; si se omite se genera y se imprime una." };
        var reset = new Command("reset-password", "Asigna una contraseña nueva y quita el bloqueo.") { name, password };
        reset.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var userName = parse.GetValue(name)!;
            var given = parse.GetValue(password);
            var newPassword = await cli.Get<UserService>().ResetPasswordAsync(Actor.CommandLine, userName, given, token);
            await cli.Output.WriteLineAsync($"Contraseña de '{userName}' restablecida.");
            if (given is null)
            {
                await cli.Output.WriteLineAsync($"Contraseña generada: {newPassword}");
            }
            return 0;
        }, ct));
        return reset;
    }
}

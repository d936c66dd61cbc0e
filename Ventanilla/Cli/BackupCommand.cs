using System.CommandLine;
using Ventanilla.Features.Admin;

namespace Ventanilla.Cli;

/// <summary><c>backup FILE</c>: an online, consistent copy of the database.</summary>
public static class BackupCommand
{
    public static Command Build(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "Archivo de respaldo a crear (no debe existir)." };
        var backup = new Command("backup", "Copia la base de datos en un archivo, sin detener la aplicación.") { file };
        backup.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var result = await cli.Get<BackupService>().BackupAsync(parse.GetValue(file)!, token);
            await cli.Output.WriteLineAsync($"Respaldo escrito en {result.File} ({result.Bytes:N0} bytes).");
            return 0;
        }, ct));
        return backup;
    }
}

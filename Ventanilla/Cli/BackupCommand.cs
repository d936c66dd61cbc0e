using System.CommandLine;

namespace Ventanilla.Cli;

/// <summary><c>backup FILE</c>: a complete backup (database and documents) without stopping the app.</summary>
public static class BackupCommand
{
    public static Command Build(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "Archivo de respaldo a crear, por ejemplo respaldo.zip (no debe existir)." };
        var backup = new Command("backup", "Respalda la base de datos y los documentos del expediente en un archivo ZIP, sin detener la aplicación.") { file };
        backup.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var result = await cli.Get<BackupService>().BackupAsync(parse.GetValue(file)!, token);
            var c = result.Counts;
            await cli.Output.WriteLineAsync($"Respaldo escrito en {result.File} ({result.Bytes:N0} bytes).");
            await cli.Output.WriteLineAsync(
                $"Contiene {Spanish.Petitions(c.Petitions)}, {Spanish.Count(c.Visits, "visita", "visitas")}, {Spanish.Count(c.Users, "usuario", "usuarios")} y " +
                $"{Spanish.Count(c.Attachments, "documento", "documentos")} ({result.AttachmentBytes:N0} bytes de documentos).");
            return 0;
        }, ct));
        return backup;
    }
}

/// <summary><c>restore FILE</c>: puts a complete backup back, keeping what it replaces aside.</summary>
public static class RestoreCommand
{
    public static Command Build(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "Respaldo ZIP hecho con backup o por el respaldo diario." };
        var restore = new Command("restore",
            "Restaura un respaldo completo (base de datos y documentos). La aplicación debe estar detenida; lo actual se guarda aparte.") { file };
        restore.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var result = await cli.Get<RestoreService>().RestoreAsync(parse.GetValue(file)!, token);
            var c = result.Counts;
            var taken = cli.Get<OfficeClock>().ToLocal(result.BackupTakenAtUtc);
            await cli.Output.WriteLineAsync($"Restaurado el respaldo del {taken:dd/MM/yyyy HH:mm}: {Spanish.Petitions(c.Petitions)}, " +
                $"{Spanish.Count(c.Visits, "visita", "visitas")}, {Spanish.Count(c.Users, "usuario", "usuarios")} y " +
                $"{Spanish.Count(c.Attachments, "documento", "documentos")} ({result.AttachmentBytes:N0} bytes), cada archivo revisado contra su huella SHA-256 " +
                "y la base revisada por SQLite (los números son los de la base restaurada).");
            await cli.Output.WriteLineAsync(result.MigrationsApplied switch
            {
                0 => "La base ya estaba al día con esta versión.",
                1 => "Se aplicó 1 migración para esta versión.",
                var n => $"Se aplicaron {n} migraciones para esta versión.",
            });
            await cli.Output.WriteLineAsync(result.PreviousKeptIn is { } kept
                ? $"Lo que había antes quedó en {kept}."
                : "No había una base anterior.");
            if (result.SmtpPasswordUnreadable)
            {
                // A backup holds the database, not the keys of data/keys: on another machine what they encrypted is lost.
                await cli.Output.WriteLineAsync("Atención: el respaldo no lleva las llaves de cifrado del equipo donde se hizo (data/keys). La contraseña " +
                    "del correo guardada no se puede leer aquí: escríbala de nuevo en /admin/correo. Las sesiones iniciadas en el otro equipo no valen " +
                    "aquí: el personal y las pantallas vuelven a iniciar sesión.");
            }
            return 0;
        }, ct, prepareDatabase: false));
        return restore;
    }
}

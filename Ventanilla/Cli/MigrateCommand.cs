using System.CommandLine;

namespace Ventanilla.Cli;

/// <summary><c>migrate-to-postgres --from FILE --to CONNECTION</c>: an office's SQLite file into a PostgreSQL database, verified.</summary>
public static class MigrateCommand
{
    public static Command Build(CliContext cli)
    {
        var from = new Option<string>("--from") { Description = "El archivo SQLite de la oficina, por ejemplo data/ventanilla.db (con la aplicación detenida).", Required = true };
        var to = new Option<string>("--to") { Description = "La cadena de conexión de la base PostgreSQL destino, vacía o con esta misma copia: \"Host=…;Database=…;Username=…;Password=…\".", Required = true };
        var migrate = new Command("migrate-to-postgres",
            "Copia una oficina de SQLite a PostgreSQL en una sola transacción y comprueba filas y huellas de cada tabla. Repetirla no cambia nada.") { from, to };
        migrate.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var result = await cli.Get<PostgresMigration>().CopyAsync(parse.GetValue(from)!, parse.GetValue(to)!, token);
            foreach (var table in result.Tables.Where(t => t.SourceRows > 0))
            {
                await cli.Output.WriteLineAsync($"  {table.Table}: {table.SourceRows:N0} filas, huella {table.TargetFingerprint}");
            }
            await cli.Output.WriteLineAsync(result.AlreadyCopied
                ? $"La base PostgreSQL ya tenía esta misma copia ({result.Tables.Count} tablas, {result.Rows:N0} filas, filas y huellas iguales); no se cambió nada."
                : $"Copia verificada: {result.Tables.Count} tablas, {result.Rows:N0} filas; filas y huellas iguales en SQLite y en PostgreSQL.");
            await cli.Output.WriteLineAsync("Para usarla: Database:Provider=PostgreSQL, ConnectionStrings:Ventanilla con esa cadena, y copie data/keys y data/adjuntos (los documentos del expediente) a Database:DataFolder.");
            return 0;
        }, ct, prepareDatabase: false));
        return migrate;
    }
}

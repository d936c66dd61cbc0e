using Microsoft.Data.Sqlite;

namespace Ventanilla.Tests.Cli;

public class DemoCommandTests : CliTestBase
{
    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_demo_fills_a_new_database_once_and_prints_a_user_per_role()
    {
        var demo = await RunAsync("demo");

        Assert.Equal(0, demo.Code);
        Assert.Equal("Control de peticiones anterior: 300 peticiones importadas de peticiones-legado-muestra.csv.", demo.Lines[0]);
        foreach (var (user, role) in new[] { ("admin.demo", "Administrador"), ("recepcion", "Recepción"), ("rosa", "Atención a Usuarios"),
                     ("diana", "Dirección Comercial"), ("olga", "Oficialía de Partes"), ("oscar", "Área (Operación)"), ("tv", "Pantalla") })
        {
            Assert.Matches($@"^  {System.Text.RegularExpressions.Regex.Escape(user)}\s+\S{{8,}}\s+{System.Text.RegularExpressions.Regex.Escape(role)}$", demo.Lines.Single(l => l.StartsWith($"  {user} ")));
        }
        Assert.Contains("Fila de hoy: 6 turnos esperando, 2 atendidos o en atención.", demo.Lines);
        Assert.Equal(302, await CountAsync("SELECT COUNT(*) FROM Petitions"));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM Petitions WHERE Status = 2 AND date(ReceivedAtUtc) = '2026-11-27'"));
        Assert.Equal(8, await CountAsync("SELECT COUNT(*) FROM QueueTickets"));

        Assert.Equal(7, await CountAsync("SELECT COUNT(*) FROM AspNetUsers"));

        var again = await RunAsync("demo");
        Assert.Equal(1, again.Code);
        Assert.StartsWith("Error: Esta base ya tiene peticiones", again.Error);
        Assert.Equal(302, await CountAsync("SELECT COUNT(*) FROM Petitions"));
    }
}

namespace Ventanilla.Tests.Postgres;

/// <summary>The app's PostgreSQL connections compile no query to machine code: for the office's short queries it cost more than it saved.</summary>
public class PostgresConnectionTests : AppServiceTest
{
    protected override bool OnPostgres => true;

    [Fact]
    public async Task The_app_s_connections_run_without_jit()
    {
        await using var db = App.CreateDb();

        Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
    }

    [Fact]
    public void A_connection_string_that_sets_jit_itself_is_left_as_it_says_and_other_options_are_kept()
    {
        Assert.Equal("-c jit=on", new Npgsql.NpgsqlConnectionStringBuilder(DatabaseLocation.WithoutJit("Host=db;Options=-c jit=on")).Options);
        Assert.Equal("-c statement_timeout=5000 -c jit=off",
            new Npgsql.NpgsqlConnectionStringBuilder(DatabaseLocation.WithoutJit("Host=db;Options=-c statement_timeout=5000")).Options);
    }
}

using Microsoft.Data.Sqlite;

namespace Ventanilla.Tests.Features.Shared;

/// <summary>Storage faults are told apart by SQLite's codes, extended ones included, and described in Spanish.</summary>
public class FaultsTests
{
    [Theory]
    [InlineData(13, 13)]   // SQLITE_FULL
    [InlineData(10, 778)]  // IOERR_WRITE: fallocate refused while growing the WAL
    [InlineData(10, 4874)] // IOERR_SHMSIZE: no room for the WAL index
    public void A_write_refused_for_lack_of_room_says_the_disk_is_full(int code, int extended)
    {
        var fault = new SqliteException("disk", code, extended);

        Assert.Equal(13, Faults.StorageCode(new DbUpdateException("save", fault)));
        Assert.Contains("el disco del servidor está lleno", Faults.Describe(fault));
    }

    [Fact]
    public void Other_disk_errors_are_not_called_a_full_disk()
    {
        var fault = new SqliteException("disk", 10, 266); // IOERR_READ

        Assert.Equal(10, Faults.StorageCode(fault));
        Assert.Contains("error de disco", Faults.Describe(fault));
    }

    [Theory]
    [InlineData("53100", "el disco del servidor está lleno")]            // disk_full
    [InlineData("25006", "modo de solo lectura")]                       // read_only_sql_transaction
    [InlineData("58030", "error de disco")]                             // io_error
    [InlineData("XX001", "la base de datos está dañada")]               // data_corrupted
    [InlineData("40001", "espere unos segundos y vuelva a intentarlo")] // serialization_failure
    [InlineData("40P01", "espere unos segundos y vuelva a intentarlo")] // deadlock_detected
    [InlineData("57P01", "el servidor de la base de datos no responde")] // admin_shutdown
    [InlineData("57P03", "el servidor de la base de datos no responde")] // cannot_connect_now
    [InlineData("08006", "el servidor de la base de datos no responde")] // connection_failure
    public void PostgreSQL_s_faults_get_the_words_of_their_SQLite_cousins(string sqlState, string words)
    {
        var fault = new Npgsql.PostgresException("fallo", "FATAL", "FATAL", sqlState);

        Assert.Contains(words, Faults.Describe(new DbUpdateException("save", fault)));
    }

    [Fact]
    public void A_lost_connection_to_PostgreSQL_says_the_server_does_not_answer()
    {
        var lost = new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection"));

        Assert.Equal(Faults.Unreachable, Faults.StorageCode(new InvalidOperationException("wrapped", lost)));
        Assert.Contains("no responde", Faults.Describe(lost));
        Assert.Equal("servidor de la base de datos sin respuesta", Faults.Reason(Faults.Unreachable));
    }

    [Fact]
    public void Only_a_write_rolled_back_for_crossing_another_is_tried_again()
    {
        Assert.True(Faults.IsRetryable(new DbUpdateException("save", new Npgsql.PostgresException("x", "ERROR", "ERROR", "40P01"))));
        Assert.True(Faults.IsRetryable(new Npgsql.PostgresException("x", "ERROR", "ERROR", "40001")));
        Assert.False(Faults.IsRetryable(new Npgsql.PostgresException("x", "ERROR", "ERROR", "23505")));
        Assert.False(Faults.IsRetryable(new SqliteException("busy", 5)));
    }

    [Fact]
    public void A_defect_is_not_described_so_it_reaches_the_error_boundary()
        => Assert.Null(Faults.Describe(new InvalidOperationException("bug")));
}

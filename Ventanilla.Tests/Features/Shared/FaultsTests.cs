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

    [Fact]
    public void A_defect_is_not_described_so_it_reaches_the_error_boundary()
        => Assert.Null(Faults.Describe(new InvalidOperationException("bug")));
}

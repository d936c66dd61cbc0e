using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Shared;

/// <summary>
/// What went wrong in a service call, in the words of the person at the screen. A broken rule says itself; a fault
/// of the server's storage (a full disk, a read-only or damaged database, a database held too long by another
/// operation) gets a message that says what happened, that what was typed is still on the screen, and whom to tell.
/// Anything else is a defect: it is not described here, so it reaches the page's error boundary and the log.
/// </summary>
public static class Faults
{
    /// <summary>The message to show for <paramref name="exception"/>, or null when it is not a rule or a storage fault.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        RuleException rule => rule.Message,
        _ => Storage(exception),
    };

    /// <summary>A unique index refused the row (SQLite constraint 19, PostgreSQL 23505): somebody saved the same thing first.</summary>
    public static bool IsUniqueViolation(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }) return true;
        }
        return false;
    }

    /// <summary>The SQLite result code behind a storage fault (13 full, 8 read-only, 10 I/O, 11/26 damaged, 5/6 busy), or null.</summary>
    public static int? StorageCode(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // SQLite reserves room for a growing WAL or its shared-memory index with fallocate and reports a refusal
            // as IOERR_WRITE (778) or IOERR_SHMSIZE (4874) rather than FULL; whether it says FULL or one of these on
            // a full disk depends on which write hit the end first, so both mean "no room" to the person.
            if (e is SqliteException { SqliteExtendedErrorCode: 778 or 4874 }) return 13;
            if (e is SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26 } sqlite) return sqlite.SqliteErrorCode;
            if (e is IOException io && IsDiskFull(io)) return 13;
        }
        return null;
    }

    public static string? Storage(Exception exception) => StorageCode(exception) switch
    {
        13 => "No se pudo guardar: el disco del servidor está lleno. Lo que escribió sigue en pantalla; avise al administrador para que libere espacio y vuelva a intentarlo.",
        8 => "No se pudo guardar: la base de datos está en modo de solo lectura. Lo que escribió sigue en pantalla; avise al administrador.",
        10 or 14 => "No se pudo guardar: el servidor no pudo leer o escribir su base de datos (error de disco). Lo que escribió sigue en pantalla; avise al administrador.",
        11 or 26 => "No se pudo completar: la base de datos está dañada. Avise al administrador para que restaure un respaldo.",
        5 or 6 => "La base de datos está ocupada con una operación larga. Lo que escribió sigue en pantalla; espere unos segundos y vuelva a intentarlo.",
        _ => null,
    };

    /// <summary>Short reason for the health report and the log.</summary>
    public static string? Reason(int code) => code switch
    {
        13 => "disco lleno",
        8 => "base de datos de solo lectura",
        10 or 14 => "error de disco al leer o escribir la base de datos",
        11 or 26 => "base de datos dañada",
        5 or 6 => "base de datos ocupada",
        _ => null,
    };

    private static bool IsDiskFull(IOException io)
    {
        // ENOSPC on Linux (28), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows (112 / 39).
        var code = io.HResult & 0xFFFF;
        return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? code is 112 or 39 : code == 28 || io.Message.Contains("No space left", StringComparison.Ordinal);
    }
}

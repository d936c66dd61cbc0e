using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Shared;

/// <summary>
/// What went wrong in a service call, in the words of the person at the screen. A broken rule says itself; a fault
/// of the server's storage (a full disk, a read-only or damaged database, a database held too long by another
/// operation, on PostgreSQL a server that does not answer) gets a message that says what happened, that what was
/// typed is still on the screen, and whom to tell — the same words on both engines.
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

    /// <summary>
    /// Not a SQLite code: the database server cannot be reached (PostgreSQL restarted, shut down, or the connection
    /// was lost). SQLite, a file, has no such fault.
    /// </summary>
    public const int Unreachable = 1000;

    /// <summary>
    /// The storage fault behind <paramref name="exception"/> in SQLite's result codes (13 full, 8 read-only, 10 I/O,
    /// 11/26 damaged, 5/6 busy), PostgreSQL's errors mapped to the same ones, or <see cref="Unreachable"/>; else null.
    /// </summary>
    public static int? StorageCode(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException postgres) return FromPostgres(postgres.SqlState);
            // The server closed the connection or never answered: Npgsql wraps the socket's error.
            if (e is Npgsql.NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or TimeoutException }) return Unreachable;
            // SQLite reserves room for a growing WAL or its shared-memory index with fallocate and reports a refusal
            // as IOERR_WRITE (778) or IOERR_SHMSIZE (4874) rather than FULL; whether it says FULL or one of these on
            // a full disk depends on which write hit the end first, so both mean "no room" to the person.
            if (e is SqliteException { SqliteExtendedErrorCode: 778 or 4874 }) return 13;
            if (e is SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26 } sqlite) return sqlite.SqliteErrorCode;
            if (e is IOException io && IsDiskFull(io)) return 13;
        }
        return null;
    }

    /// <summary>
    /// PostgreSQL's cousins of SQLite's faults, by SQLSTATE: the same words reach the person whichever engine the office
    /// runs. Serialization failures and deadlocks are "busy": the action can simply be tried again
    /// (<see cref="IsRetryable"/>).
    /// </summary>
    private static int? FromPostgres(string sqlState) => sqlState switch
    {
        "53100" => 13,                                  // disk_full
        "25006" => 8,                                   // read_only_sql_transaction (a standby, or default_transaction_read_only)
        "58030" => 10,                                  // io_error
        "XX001" or "XX002" => 11,                       // data_corrupted, index_corrupted
        "40001" or "40P01" or "55P03" or "53300" => 5,  // serialization_failure, deadlock_detected, lock_not_available, too_many_connections
        "57P01" or "57P02" or "57P03" => Unreachable,   // admin_shutdown, crash_shutdown, cannot_connect_now
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => Unreachable, // connection_exception and its kinds
        _ => null,
    };

    /// <summary>
    /// A write that lost a race inside the database (PostgreSQL's serialization failure or deadlock): everything it did
    /// was rolled back, so running the whole action again is safe.
    /// </summary>
    public static bool IsRetryable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "40001" or "40P01" }) return true;
        }
        return false;
    }

    public static string? Storage(Exception exception) => StorageCode(exception) switch
    {
        Unreachable => "No se pudo completar: el servidor de la base de datos no responde (se reinició o se perdió la conexión). Lo que escribió sigue en pantalla; vuelva a intentarlo en unos segundos y, si sigue igual, avise al administrador.",
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
        Unreachable => "servidor de la base de datos sin respuesta",
        _ => null,
    };

    private static bool IsDiskFull(IOException io)
    {
        // ENOSPC on Linux (28), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows (112 / 39).
        var code = io.HResult & 0xFFFF;
        return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? code is 112 or 39 : code == 28 || io.Message.Contains("No space left", StringComparison.Ordinal);
    }
}

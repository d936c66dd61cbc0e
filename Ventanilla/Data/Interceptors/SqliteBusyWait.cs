using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ventanilla.Data.Interceptors;

/// <summary>
/// How a connection waits for SQLite's write lock. Left alone, Microsoft.Data.Sqlite retries a locked statement every
/// 150 ms, and SQLite's own busy timeout backs off to 100 ms: either way a writer that pauses only briefly between
/// slices (the legacy import, <c>SqliteImportWriter</c>) would keep the lock from a waiting kiosk for seconds. This handler
/// polls every 2 ms, so whoever waits gets the lock in the first pause, up to the connection's 30-second timeout.
/// </summary>
public sealed class SqliteBusyWait(ILogger<SqliteBusyWait> logger) : DbConnectionInterceptor
{
    public const int PollMilliseconds = 2;
    public const int TimeoutMilliseconds = 30_000;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr state, int count);

    // Kept in a static field so the native side's pointer to it stays valid for the life of the process.
    private static readonly BusyHandler Handler = Wait;
    private static bool _nativeMissing;

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler", CallingConvention = CallingConvention.Cdecl)]
    private static extern int SetBusyHandler(IntPtr db, BusyHandler handler, IntPtr state);

    private static int Wait(IntPtr state, int count)
    {
        if (count * PollMilliseconds >= TimeoutMilliseconds) return 0;
        Thread.Sleep(PollMilliseconds);
        return 1;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Install(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Install(connection);
        return Task.CompletedTask;
    }

    private void Install(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return;
        if (!_nativeMissing)
        {
            try
            {
                SetBusyHandler(handle.DangerousGetHandle(), Handler, IntPtr.Zero);
                return;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _nativeMissing = true;
                logger.LogWarning(ex, "No se encontró sqlite3_busy_handler; se usa la espera propia de SQLite.");
            }
        }
        SQLitePCL.raw.sqlite3_busy_timeout(handle, TimeoutMilliseconds);
    }
}

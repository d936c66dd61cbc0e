using System.Globalization;
using System.Threading.Channels;
using Npgsql;

namespace Ventanilla.Features.Shared;

/// <summary>
/// Carries <see cref="LiveUpdates"/> between app instances that share one PostgreSQL server, with the server's own
/// <c>LISTEN/NOTIFY</c> (no other server to run). A change made here is sent as <c>NOTIFY ventanilla_live</c> with this
/// instance's id and the topics; every other instance publishes those topics to its own subscribers, after reloading
/// the settings and calendar it caches. Bursts are merged: while a notification is being sent, later changes wait and
/// go out together. On SQLite (one process by design) this service does nothing.
/// </summary>
public sealed class PostgresBackplane(
    LiveUpdates live, IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, CalendarService calendar,
    ILogger<PostgresBackplane> logger) : BackgroundService
{
    public const string Channel = "ventanilla_live";

    /// <summary>Who sent a notification: an instance ignores its own.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    private readonly Channel<LiveTopic> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<LiveTopic>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>True once this instance listens, so a test (or a health check) can wait for it.</summary>
    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            if (!db.Database.IsPostgres()) return;
            connectionString = db.Database.GetConnectionString()!;
        }
        live.PublishedHere += Forward;
        try
        {
            await Task.WhenAll(ListenAsync(connectionString, stoppingToken), SendAsync(connectionString, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            live.PublishedHere -= Forward;
        }
    }

    private void Forward(LiveTopic topics) => _outgoing.Writer.TryWrite(topics);

    private async Task SendAsync(string connectionString, CancellationToken ct)
    {
        var reader = _outgoing.Reader;
        while (await reader.WaitToReadAsync(ct))
        {
            var topics = LiveTopic.None;
            while (reader.TryRead(out var more)) topics |= more;
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                command.Parameters.AddWithValue("channel", Channel);
                command.Parameters.AddWithValue("payload", $"{InstanceId}:{(int)topics}");
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The other instances' boards catch up at their next change; this one keeps working.
                logger.LogWarning(ex, "No se pudo avisar a las otras instancias de un cambio ({Topics}).", topics);
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30 };
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ToString());
                connection.Notification += (_, e) => Received(e.Payload);
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                if (Listening)
                {
                    // Back after a lost connection: whatever changed meanwhile was not heard, so every view reloads.
                    await ApplyAsync(LiveTopic.All);
                }
                Listening = true;
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(ex, "Se perdió la escucha de cambios de las otras instancias; se reintenta en 2 s.");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    private void Received(string payload)
    {
        var colon = payload.IndexOf(':');
        if (colon <= 0 || payload[..colon] == InstanceId) return;
        if (!int.TryParse(payload[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits)) return;
        var topics = (LiveTopic)bits & LiveTopic.All;
        if (topics != LiveTopic.None) _ = ApplyAsync(topics);
    }

    private async Task ApplyAsync(LiveTopic topics)
    {
        try
        {
            // What this instance caches is reloaded before its views are told, so they read the new values.
            if (topics.HasFlag(LiveTopic.Settings)) await settings.ReloadAsync();
            if (topics.HasFlag(LiveTopic.Calendar)) await calendar.ReloadAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(ex, "No se pudieron recargar los ajustes tras un cambio en otra instancia.");
        }
        live.PublishFromPeer(topics);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Citizen;

/// <summary>
/// The live stream a turn's phone page listens to (<c>/turno/{code}/eventos</c>, server-sent events): the page's
/// state as JSON whenever the queue changes it, and a heartbeat otherwise. A plain HTTP response per phone rather
/// than a Blazor circuit: a hundred phones in the waiting room cost a hundred idle requests, not a hundred circuits.
/// </summary>
public static class TurnEndpoints
{
    /// <summary>A comment line this often keeps the phone's connection (and any proxy) from deciding it died.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(25);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEndpointRouteBuilder MapTurnEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/turno/{code}/eventos", StreamAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task StreamAsync(string code, HttpContext http, TurnTracker tracker, LiveUpdates live)
    {
        var ct = http.RequestAborted;
        // Subscribed before the first read, so a call made between the read and the subscription is not missed.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = live.Subscribe(QueueBoards.Topics, _ =>
        {
            changed.Writer.TryWrite(true);
            return Task.CompletedTask;
        });
        var (view, _) = await tracker.FindAsync(code, ct);
        if (view.State == TurnState.Unknown)
        {
            // An event stream answered 404 is not retried by the browser; the page already says the turn is not valid.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.WriteAsync("retry: 3000\n\n", ct);

        string? sent = null;
        try
        {
            while (true)
            {
                var json = JsonSerializer.Serialize(view, Json);
                await http.Response.WriteAsync(json == sent ? ": sigue\n\n" : $"data: {json}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                sent = json;
                // Done, not shown or gone: the page reloads (for the survey) and does not listen any more.
                if (view.Final) return;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                try
                {
                    await changed.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // No change: a heartbeat, with the estimate counted down.
                }
                (view, _) = await tracker.FindAsync(code, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The phone left the page.
        }
    }
}

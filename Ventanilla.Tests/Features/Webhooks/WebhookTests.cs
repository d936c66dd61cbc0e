using System.Text.Json;
using Ventanilla.Features.Webhooks;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Webhooks;

/// <summary>
/// Webhooks against a real HTTP receiver: written with the change (or not at all), signed, retried with backoff until
/// the receiver comes back, a subscription that keeps failing paused, redelivered by hand, and addresses checked.
/// </summary>
public class WebhookTests : PetitionTestBase, IAsyncLifetime
{
    private static readonly Actor Admin = new("", "Ana", new HashSet<string> { Roles.Administrador }, new HashSet<int>());
    private WebhookReceiver _receiver = null!;

    private WebhookSubscriptions Subscriptions => App.Get<WebhookSubscriptions>();
    private WebhookSender Sender => App.Get<WebhookSender>();

    protected override void Configure(Dictionary<string, string?> settings) => settings["Webhooks:PauseAfterFailures"] = "3";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await DisposeAsync();
    }

    private Task<NewWebhook> SubscribeAsync(params string[] events) => Subscriptions.CreateAsync(Admin, "RAS", _receiver.Url, events, allowPrivateNetwork: true);

    private Task<PetitionRef> RegisterAsync(string letter = "OP-1")
        => Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), letter, new DateTime(2026, 11, 27, 9, 0, 0)));

    private async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = App.CreateDb();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    [Fact]
    public async Task Each_event_of_a_change_reaches_the_receiver_signed_and_thin()
    {
        var hook = await SubscribeAsync(WebhookEvents.PetitionRegistered, WebhookEvents.PetitionRouted, WebhookEvents.PetitionStatusChanged);
        var other = await Subscriptions.CreateAsync(Admin, "Tablero", _receiver.Url + "?solo=turnos", [WebhookEvents.TurnCalled], allowPrivateNetwork: true);
        var petition = await RegisterAsync();
        var routed = await Petitions.RouteAsync(_clerk, petition.Id, petition.Version, [_operation], "Revisar la toma");

        Assert.Equal(3, await Sender.SendDueAsync());
        var received = _receiver.Received.ToList();
        Assert.Equal([WebhookEvents.PetitionRegistered, WebhookEvents.PetitionRouted, WebhookEvents.PetitionStatusChanged],
            received.Select(r => r.Header(WebhookSignature.EventHeader)));
        foreach (var r in received)
        {
            Assert.True(WebhookSignature.Verify(hook.Secret, r.Header(WebhookSignature.TimestampHeader), r.Body, r.Header(WebhookSignature.SignatureHeader), App.Time.GetUtcNow()));
            Assert.False(WebhookSignature.Verify(other.Secret, r.Header(WebhookSignature.TimestampHeader), r.Body, r.Header(WebhookSignature.SignatureHeader), App.Time.GetUtcNow()));
            // Replayed later than the window: refused by a receiver that checks the date.
            Assert.False(WebhookSignature.Verify(hook.Secret, r.Header(WebhookSignature.TimestampHeader), r.Body, r.Header(WebhookSignature.SignatureHeader),
                App.Time.GetUtcNow() + WebhookSignature.ReplayWindow + TimeSpan.FromSeconds(1)));
            Assert.DoesNotContain("José", r.Body);
        }
        var body = JsonDocument.Parse(received[1].Body).RootElement;
        Assert.Equal((WebhookEvents.PetitionRouted, petition.Folio, "Turnada"), (body.GetProperty("evento").GetString(),
            body.GetProperty("datos").GetProperty("folio").GetString(), body.GetProperty("datos").GetProperty("estado").GetString()));
        Assert.Equal(received[1].Header(WebhookSignature.EventIdHeader), body.GetProperty("id").GetString());
        Assert.Equal(routed.DueDate.ToString("yyyy-MM-dd"), body.GetProperty("datos").GetProperty("vence").GetString());
        Assert.All(await DeliveriesAsync(), d => Assert.Equal((WebhookDeliveryStatus.Delivered, 1, 200), (d.Status, d.Attempts, d.LastStatusCode)));

        // A turn called: only the subscription that asked for it.
        await using (var db = App.CreateDb())
        {
            var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
            var desk = await db.Desks.OrderBy(d => d.Number).Select(d => d.Id).FirstAsync();
            await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, Name: "José Pérez"));
            await App.Get<QueueService>().CallNextAsync(_clerk, desk);
        }
        Assert.Equal(1, await Sender.SendDueAsync());
        var call = _receiver.Received.Last();
        Assert.Equal(WebhookEvents.TurnCalled, call.Header(WebhookSignature.EventHeader));
        Assert.True(WebhookSignature.Verify(other.Secret, call.Header(WebhookSignature.TimestampHeader), call.Body, call.Header(WebhookSignature.SignatureHeader), App.Time.GetUtcNow()));
        Assert.DoesNotContain("José", call.Body);
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_retried_with_backoff_and_gets_the_same_event_when_it_comes_back()
    {
        await SubscribeAsync(WebhookEvents.PetitionRegistered);
        _receiver.FailNext = 2;
        await RegisterAsync();

        Assert.Equal(0, await Sender.SendDueAsync());
        Assert.Equal(0, await Sender.SendDueAsync()); // not due again before its backoff
        Assert.Single(_receiver.Received);
        App.Time.Advance(WebhookSender.Backoff[0]);
        Assert.Equal(0, await Sender.SendDueAsync());
        App.Time.Advance(WebhookSender.Backoff[1]);
        Assert.Equal(1, await Sender.SendDueAsync());

        Assert.Equal(3, _receiver.Received.Count);
        Assert.Single(_receiver.Received.Select(r => r.Header(WebhookSignature.EventIdHeader)).Distinct());
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 3, 200, (string?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
        var row = Assert.Single(await Subscriptions.DeliveriesAsync(Admin));
        Assert.Equal(WebhookDeliveryStatus.Delivered, row.Status);
    }

    [Fact]
    public async Task A_subscription_that_keeps_failing_pauses_itself_and_resuming_sends_what_waited()
    {
        await SubscribeAsync(WebhookEvents.PetitionRegistered);
        _receiver.FailNext = 3;
        for (var i = 1; i <= 4; i++) await RegisterAsync($"OP-{i}");
        Assert.Equal(0, await Sender.SendDueAsync());

        var paused = Assert.Single(await Subscriptions.ListAsync(Admin));
        Assert.True(paused.Paused);
        Assert.StartsWith("Se pausó sola: 3 intentos fallidos seguidos (el último: El receptor respondió HTTP 500.)", paused.PausedReason);
        Assert.Equal((4, 0), (paused.Pending, paused.Failed));
        Assert.Equal(3, _receiver.Received.Count); // the fourth waits, unsent
        App.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Sender.SendDueAsync());

        await Subscriptions.SetPausedAsync(Admin, paused.Id, paused.Version, paused: false);
        Assert.Equal(4, await Sender.SendDueAsync());
        Assert.Equal(7, _receiver.Received.Count);
        var resumed = Assert.Single(await Subscriptions.ListAsync(Admin));
        Assert.Equal((false, 0, 0), (resumed.Paused, resumed.Pending, resumed.ConsecutiveFailures));
    }

    [Fact]
    public async Task Redelivering_sends_the_same_event_again_as_a_new_line_of_the_log()
    {
        await SubscribeAsync(WebhookEvents.PetitionRegistered);
        await RegisterAsync();
        await Sender.SendDueAsync();
        var first = Assert.Single(await DeliveriesAsync());

        var again = await Subscriptions.RedeliverAsync(Admin, first.Id);
        Assert.Equal(1, await Sender.SendDueAsync());
        var log = await DeliveriesAsync();
        Assert.Equal([first.Id, again], log.Select(d => d.Id));
        Assert.Equal(first.EventId, log[1].EventId);
        Assert.Equal(2, _receiver.Received.Count);
        Assert.Equal(_receiver.Received.First().Body, _receiver.Received.Last().Body);

        // The log keeps what is done for a month.
        App.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await Sender.PurgeAsync());
        App.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await Sender.PurgeAsync());
        Assert.Empty(await DeliveriesAsync());
    }

    [Fact]
    public async Task Nothing_is_queued_by_a_change_that_does_not_happen()
    {
        await SubscribeAsync(WebhookEvents.PetitionRouted, WebhookEvents.PetitionStatusChanged);
        var petition = await RegisterAsync();
        await Assert.ThrowsAsync<RuleException>(() => Petitions.RouteAsync(_clerk, petition.Id, petition.Version + 7, [_operation], null));
        await Assert.ThrowsAsync<RuleException>(() => Petitions.RouteAsync(_liaison, petition.Id, petition.Version, [_operation], null));
        Assert.Empty(await DeliveriesAsync());
    }

    [Fact]
    public async Task Addresses_are_http_without_credentials_and_the_offices_network_only_when_allowed()
    {
        var role = await Assert.ThrowsAsync<RuleException>(() => Subscriptions.CreateAsync(_clerk, "X", "https://ejemplo.mx/", [WebhookEvents.PetitionRegistered], false));
        Assert.Equal(RuleKind.Forbidden, role.Kind);
        var bad = await Assert.ThrowsAsync<RuleException>(() => Subscriptions.CreateAsync(Admin, "", "ftp://ras.organismo.gob.mx/", ["peticion.borrada"], false));
        Assert.Equal(string.Join('\n',
            "Nombre: escriba qué sistema recibe los avisos.",
            "Dirección: escriba una dirección http:// o https:// completa (por ejemplo https://ras.organismo.gob.mx/avisos).",
            "Eventos: «peticion.borrada» no existe."), bad.Message);
        var credentials = await Assert.ThrowsAsync<RuleException>(() => Subscriptions.CreateAsync(Admin, "X", "https://u:p@ras.organismo.gob.mx/", [WebhookEvents.PetitionRegistered], false));
        Assert.Contains("no lleve usuario ni contraseña", credentials.Message);
        var inside = await Assert.ThrowsAsync<RuleException>(() => Subscriptions.CreateAsync(Admin, "X", _receiver.Url, [WebhookEvents.PetitionRegistered], false));
        Assert.Contains("es de la red interna; marque «Es un sistema de la red de la oficina»", inside.Message);
        var byName = await Assert.ThrowsAsync<RuleException>(() => Subscriptions.CreateAsync(Admin, "X", "http://localhost:9/avisos", [WebhookEvents.PetitionRegistered], false));
        Assert.Contains("localhost apunta a la red interna", byName.Message);
        Assert.Empty(await Subscriptions.ListAsync(Admin));

        // Allowed when saved, then the allowance withdrawn: the connection itself refuses the office's network.
        var hook = await SubscribeAsync(WebhookEvents.PetitionRegistered);
        await using (var db = App.CreateDb())
        {
            await db.WebhookSubscriptions.ExecuteUpdateAsync(u => u.SetProperty(s => s.AllowPrivateNetwork, false));
        }
        await RegisterAsync();
        Assert.Equal(0, await Sender.SendDueAsync());
        Assert.Empty(_receiver.Received);
        Assert.Contains("es de la red interna y esta suscripción no lo permite", Assert.Single(await DeliveriesAsync()).LastError);
        Assert.NotNull(hook);
    }
}

using System.Net;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Tests.Features.Server;

/// <summary>Behind nginx the per-device limits count each device, and only the configured proxy is believed.</summary>
public sealed class TrustedProxiesTests
{
    private static readonly string Turn = $"turno/{new string('Z', PublicCodes.TicketCodeLength)}";

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Turn);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_device_has_its_own_limit()
    {
        await using var server = await AppServer.StartAsync(s =>
        {
            s["Citizen:TurnRequestsPerMinute"] = "2";
            s["Proxy:KnownProxies"] = "127.0.0.1, ::1";
        });
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.7"));
        // Another phone behind the same proxy is not held back by the first one's limit.
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "198.51.100.20"));
    }

    [Fact]
    public async Task Without_the_setting_a_forged_header_does_not_dodge_the_limit()
    {
        await using var server = await AppServer.StartAsync(s => s["Citizen:TurnRequestsPerMinute"] = "2");
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.3"));
    }
}

using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ventanilla.Features.Privacy;

/// <summary>
/// The address of the browser a page serves, for the access log: the request's own while a page is prerendered, and the
/// one the live connection came from afterwards (captured when the circuit connects, since a circuit's later events may
/// run without a request at hand). One per circuit.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor accessor)
{
    private string? _captured;

    public string Current => accessor.HttpContext is { } http ? Intake.PostedFiles.ClientOf(http) : _captured ?? "desconocida";

    internal void Capture() => _captured = accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? _captured;
}

/// <summary>Captures <see cref="ClientAddress"/> each time the circuit's connection comes up (also after a reconnection).</summary>
internal sealed class ClientAddressCapture(ClientAddress client) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        client.Capture();
        return Task.CompletedTask;
    }
}

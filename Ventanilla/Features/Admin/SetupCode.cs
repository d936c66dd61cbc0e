using System.Security.Cryptography;

namespace Ventanilla.Features.Admin;

/// <summary>
/// The one-time code that lets the first administrator be created. It exists only in memory and on the
/// server's console, so only whoever can see the server can claim a fresh installation.
/// </summary>
public sealed class SetupCode
{
    private readonly Lock _gate = new();
    private string? _code;

    /// <summary>The current code, or null when the installation already has an administrator.</summary>
    public string? Current
    {
        get { lock (_gate) return _code; }
    }

    public string Issue()
    {
        lock (_gate)
        {
            _code ??= $"{RandomNumberGenerator.GetInt32(1000, 10000)}-{RandomNumberGenerator.GetInt32(1000, 10000)}";
            return _code;
        }
    }

    public bool Matches(string? typed)
    {
        lock (_gate)
        {
            if (_code is null || typed is null) return false;
            var clean = typed.Trim().Replace(" ", "");
            return CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(clean), System.Text.Encoding.UTF8.GetBytes(_code));
        }
    }

    public void Retire()
    {
        lock (_gate) _code = null;
    }
}

using System.Security.Cryptography;

namespace Ventanilla.Features.Accounts;

/// <summary>
/// The one-time code that lets the first administrator be created. It exists only in memory and on the
/// server's console, so only whoever can see the server can claim a fresh installation.
/// </summary>
public sealed class SetupCode
{
    /// <summary>Wrong codes tolerated before the code is replaced by a new one (printed again on the console).</summary>
    public const int MaxAttempts = 10;

    private readonly Lock _gate = new();
    private string? _code;
    private int _failures;

    /// <summary>Raised with the new code when too many wrong attempts replaced the old one.</summary>
    public event Action<string>? Replaced;

    /// <summary>The current code, or null when the installation already has an administrator.</summary>
    public string? Current
    {
        get { lock (_gate) return _code; }
    }

    public string Issue()
    {
        lock (_gate)
        {
            _code ??= NewCode();
            return _code;
        }
    }

    /// <summary>
    /// Whether <paramref name="typed"/> is the current code (compared in constant time). After <see cref="MaxAttempts"/>
    /// wrong ones the code is replaced, so guessing it (81 million combinations) would take a console nobody watches.
    /// </summary>
    /// <summary>
    /// Whether <paramref name="typed"/> is the current code (compared in constant time). After <see cref="MaxAttempts"/>
    /// wrong ones the code is replaced (<paramref name="replaced"/>), so guessing its 81 million combinations is hopeless.
    /// </summary>
    public bool Matches(string? typed, out bool replaced)
    {
        string? replacement = null;
        bool matches;
        lock (_gate)
        {
            replaced = false;
            if (_code is null) return false;
            var clean = (typed ?? "").Trim().Replace(" ", "");
            matches = CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(clean), System.Text.Encoding.UTF8.GetBytes(_code));
            if (!matches && ++_failures >= MaxAttempts)
            {
                (_code, _failures) = (NewCode(), 0);
                (replacement, replaced) = (_code, true);
            }
        }
        if (replacement is not null) Replaced?.Invoke(replacement);
        return matches;
    }

    private static string NewCode() => $"{RandomNumberGenerator.GetInt32(1000, 10000)}-{RandomNumberGenerator.GetInt32(1000, 10000)}";

    /// <summary>What the server's console shows so whoever installs the office can create the first administrator.</summary>
    public static string Banner(string code) =>
        $"""

         ==============================================================
          Ventanilla: instalación nueva, sin administrador.
          Abra /Account/Setup en el navegador y escriba este código
          de configuración (de un solo uso):   {code}
         ==============================================================

         """;

    public void Retire()
    {
        lock (_gate) (_code, _failures) = (null, 0);
    }
}

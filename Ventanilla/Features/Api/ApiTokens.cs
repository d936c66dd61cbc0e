using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Ventanilla.Features.Api;

/// <summary>A token as the administrator's list shows it (never its secret).</summary>
public sealed record ApiTokenRow(
    int Id, string Name, string Prefix, string UserName, IReadOnlyList<string> Scopes, DateTime CreatedLocal, string CreatedBy,
    DateTime? ExpiresLocal, DateTime? RevokedLocal, string? RevokedBy, DateTime? LastUsedLocal)
{
    public bool Active => RevokedLocal is null && !Expired;
    public bool Expired { get; init; }
}

/// <summary>A token just created: <paramref name="Secret"/> is shown this once and never again.</summary>
public sealed record NewApiToken(ApiTokenRow Token, string Secret);

/// <summary>Who is calling, as a valid token says: its id and name, the account it acts for and its scopes.</summary>
public sealed record ApiCaller(int TokenId, string TokenName, string UserId, IReadOnlySet<string> Scopes);

/// <summary>
/// The API's tokens: created by an administrator (or the console) for one account with some scopes and an optional
/// expiry; the secret «vnt_PREFIJO_SECRETO» is shown once and kept as a SHA-256 hash, compared in constant time;
/// revoking takes effect on the next call (nothing is cached). Deactivating the account stops its tokens too.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    public const string Scheme = "vnt";
    public const int MaxNameLength = 80;
    private static readonly TimeSpan UseWrittenEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, DateTime> _lastUseWritten = new();

    public async Task<NewApiToken> CreateAsync(Actor actor, string? name, string? userName, IEnumerable<string>? scopes, DateOnly? expiresOn, CancellationToken ct = default)
    {
        actor.Require("Crear un token de la API", Roles.Administrador);
        var errors = new List<string>();
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length == 0) errors.Add("Nombre: escriba para qué sistema es el token (por ejemplo «RAS»).");
        else if (cleanName.Length > MaxNameLength) errors.Add(RuleException.TooLong("Nombre", MaxNameLength, cleanName.Length));
        IReadOnlyList<string> chosen = [];
        try { chosen = ApiScopes.Parse(scopes); }
        catch (RuleException ex) { errors.Add(ex.Message); }
        if (expiresOn is { } until && until <= office.Today()) errors.Add($"Vence: {until:dd/MM/yyyy} ya pasó; elija una fecha posterior a hoy o ninguna.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var typedUser = userName?.Trim() ?? "";
        var user = typedUser.Length == 0 ? null : await db.Users.AsNoTracking().Where(u => u.UserName == typedUser).Select(u => new { u.Id, u.IsActive, u.UserName }).SingleOrDefaultAsync(ct);
        if (typedUser.Length == 0) errors.Add("Cuenta: elija la cuenta por la que actúa el token.");
        else if (user is null) errors.Add($"Cuenta: no existe el usuario «{typedUser}».");
        else if (!user.IsActive) errors.Add($"Cuenta: el usuario «{typedUser}» está desactivado.");
        if (cleanName.Length > 0 && await db.ApiTokens.AnyAsync(t => t.Name == cleanName && t.RevokedAtUtc == null, ct))
        {
            errors.Add($"Nombre: ya hay un token vigente llamado «{cleanName}»; revóquelo o use otro nombre.");
        }
        RuleException.ThrowIfAny(errors);

        var prefix = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 10);
        var secret = $"{Scheme}_{prefix}_{RandomNumberGenerator.GetString(Citizen.PublicCodes.Alphabet + "abcdefghijkmnpqrstuvwxyz", 40)}";
        var now = office.UtcNow();
        var token = new ApiToken
        {
            Name = cleanName, Prefix = prefix, SecretHash = Hash(secret), UserId = user!.Id, Scopes = string.Join(' ', chosen), CreatedAtUtc = now,
            CreatedBy = actor.UserName, ExpiresAtUtc = expiresOn is { } day ? office.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new NewApiToken(Row(token, user.UserName ?? typedUser), secret);
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Ver los tokens de la API", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ApiTokens.AsNoTracking().OrderBy(t => t.RevokedAtUtc != null).ThenBy(t => t.Name).ThenByDescending(t => t.Id)
            .Select(t => new { Token = t, t.User!.UserName }).ToListAsync(ct);
        return [.. rows.Select(r => Row(r.Token, r.UserName ?? ""))];
    }

    /// <summary>Revokes a token by id or by name (the console's way); effective on its next call.</summary>
    public async Task<ApiTokenRow> RevokeAsync(Actor actor, string idOrName, CancellationToken ct = default)
    {
        actor.Require("Revocar un token de la API", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var typed = idOrName.Trim();
        var token = int.TryParse(typed, out var id)
            ? await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.Id == id, ct)
            : await db.ApiTokens.Include(t => t.User).Where(t => t.Name == typed && t.RevokedAtUtc == null).SingleOrDefaultAsync(ct);
        if (token is null) throw new RuleException($"No hay un token vigente «{typed}».", RuleKind.NotFound);
        if (token.RevokedAtUtc is not null) throw new RuleException($"El token «{token.Name}» ya estaba revocado.");
        token.RevokedAtUtc = office.UtcNow();
        token.RevokedBy = actor.UserName;
        await db.SaveChangesAsync(ct);
        return Row(token, token.User?.UserName ?? "");
    }

    /// <summary>
    /// The caller of a bearer token, or why it is refused (a Spanish message for the 401): malformed, unknown, revoked,
    /// expired, or its account deactivated. The secret's hash is compared in constant time.
    /// </summary>
    public async Task<(ApiCaller? Caller, string? Refusal)> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        var parts = (presented ?? "").Split('_');
        if (parts.Length != 3 || parts[0] != Scheme || parts[1].Length != 10 || parts[2].Length != 40)
        {
            return (null, "El token no es válido: envíe «Authorization: Bearer vnt_…» con el token que le dio el administrador.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prefix = parts[1];
        var row = await db.ApiTokens.AsNoTracking().Where(t => t.Prefix == prefix)
            .Select(t => new { t.Id, t.Name, t.SecretHash, t.UserId, t.Scopes, t.ExpiresAtUtc, t.RevokedAtUtc, t.User!.IsActive }).SingleOrDefaultAsync(ct);
        var hash = Encoding.ASCII.GetBytes(Hash(presented!));
        if (row is null || !CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(row.SecretHash)))
        {
            return (null, "El token no es válido: no corresponde a ningún token de esta oficina.");
        }
        var now = office.UtcNow();
        if (row.RevokedAtUtc is not null) return (null, $"El token «{row.Name}» fue revocado.");
        if (row.ExpiresAtUtc <= now) return (null, $"El token «{row.Name}» venció.");
        if (!row.IsActive) return (null, $"La cuenta del token «{row.Name}» está desactivada.");
        if (!_lastUseWritten.TryGetValue(row.Id, out var written) || now - written >= UseWrittenEvery)
        {
            _lastUseWritten[row.Id] = now;
            await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAtUtc, now), ct);
        }
        return (new ApiCaller(row.Id, row.Name, row.UserId, row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet()), null);
    }

    /// <summary>The public part of a presented token (for the per-token rate limit), or null.</summary>
    public static string? PrefixOf(string? presented)
    {
        var parts = (presented ?? "").Split('_');
        return parts.Length == 3 && parts[0] == Scheme && parts[1].Length == 10 ? parts[1] : null;
    }

    private ApiTokenRow Row(ApiToken t, string userName)
        => new(t.Id, t.Name, t.Prefix, userName, t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), office.ToLocal(t.CreatedAtUtc), t.CreatedBy,
            t.ExpiresAtUtc is { } e ? office.ToLocal(e) : null, t.RevokedAtUtc is { } r ? office.ToLocal(r) : null, t.RevokedBy,
            t.LastUsedAtUtc is { } u ? office.ToLocal(u) : null)
        { Expired = t.ExpiresAtUtc <= office.UtcNow() };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

namespace Ventanilla.Data;

/// <summary>
/// A key another system uses to call the REST API (<c>/api/v1</c>) on behalf of one staff account: it acts with that
/// account's roles, areas and offices, narrowed to its scopes. The secret is shown once and kept only as a SHA-256
/// hash; <see cref="Prefix"/> finds the row without it. Revoked or expired tokens stay listed, for the record.
/// </summary>
public class ApiToken
{
    public int Id { get; set; }
    /// <summary>What it is for, as the administrator named it («RAS», «SCCAN»): on the timeline and in the access log.</summary>
    public string Name { get; set; } = "";
    /// <summary>The public part of the token (after «vnt_»), unique: how a call's token is found.</summary>
    public string Prefix { get; set; } = "";
    public string SecretHash { get; set; } = "";
    /// <summary>The account the token acts for.</summary>
    public string UserId { get; set; } = "";
    public ApplicationUser? User { get; set; }
    /// <summary>The scopes, space-separated (<c>peticiones:leer peticiones:escribir</c>).</summary>
    public string Scopes { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedBy { get; set; }
    /// <summary>The last call (written at most once a minute).</summary>
    public DateTime? LastUsedAtUtc { get; set; }
}

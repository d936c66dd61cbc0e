using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Components.Account;

/// <summary>
/// The person signed in on this circuit, for the pages: their id and name from the authentication state, and their
/// petition actor (roles and areas) read from the database, never from what the page holds. One per circuit.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, Actors actors, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<ClaimsPrincipal> PrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The account's id; null for a visitor who is not signed in.</summary>
    public async Task<string?> IdAsync() => (await PrincipalAsync()).FindFirst(ClaimTypes.NameIdentifier)?.Value;

    /// <summary>The account's user name, as the history and the import runs record it.</summary>
    public async Task<string?> NameAsync() => (await PrincipalAsync()).Identity?.Name;

    /// <summary>The offices the account is limited to (read from the database); empty: every office.</summary>
    public async Task<IReadOnlySet<int>> OfficeIdsAsync(CancellationToken ct = default)
    {
        if (await IdAsync() is not { } id) return new HashSet<int>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.UserOffices.AsNoTracking().Where(o => o.UserId == id).Select(o => o.OfficeId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Who is acting on petitions; refused in Spanish when the account is gone or inactive.</summary>
    public async Task<Actor> ActorAsync(CancellationToken ct = default) => await actors.ForUserAsync(await IdAsync() ?? "", ct);
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalPath(uri));

    /// <summary>
    /// A return address as a path inside the app, or "" (home) for anything that could leave it: an absolute or
    /// protocol-relative URL (<c>https://…</c>, <c>//…</c>, <c>/\…</c>), backslashes or control characters. A foreign
    /// return URL is never an error: the person just lands at home.
    /// </summary>
    public static string LocalPath(string? uri)
    {
        var text = (uri ?? "").Trim();
        if (text.Length == 0 || text.Any(c => char.IsControl(c) || c == '\\') || text.StartsWith("//", StringComparison.Ordinal)) return "";
        // A colon before any '/', '?' or '#' starts a scheme (https:, javascript:, mailto:): not a path of the app.
        var colon = text.IndexOf(':');
        var separator = text.IndexOfAny(['/', '?', '#']);
        if (colon >= 0 && (separator < 0 || colon < separator)) return "";
        return Uri.IsWellFormedUriString(text, UriKind.Relative) ? text.TrimStart('/') : "";
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(HttpContext context)
        => RedirectToWithStatus("Account/Login", "Error: no se encontró su usuario; inicie sesión de nuevo.", context);
}

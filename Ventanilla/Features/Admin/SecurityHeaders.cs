namespace Ventanilla.Features.Admin;

/// <summary>
/// Headers on every response. The policy allows only the app's own scripts, styles, images, fonts and connections
/// (MudBlazor sets inline styles, hence 'unsafe-inline' for styles only); no framing, no plugins, no referrer (pages
/// never hand their address, codes included, to anyone), no microphone or location. Responses that do not say how
/// to be cached (pages, CSV registers with personal data) are not stored by the browser; static files keep theirs.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; media-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// A response's own inline scripts, allowed by their hashes (<c>'sha256-…'</c>) and nothing else: the API's
    /// reference page, whose package writes its configuration inline (<see cref="Api.ApiWiring.UseApiReferencePolicy"/>).
    /// </summary>
    public const string ScriptHashesKey = "Ventanilla.ScriptHashes";

    public const string PermissionsPolicy = "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[ScriptHashesKey] is string hashes
                ? ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' {hashes};", StringComparison.Ordinal)
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    });
}

using System.Security.Cryptography.X509Certificates;

namespace Ventanilla.Features.Server;

/// <summary>
/// The Host header is whatever the client wrote, so no redirect is built from it. A redirect to this same site (the
/// sign-in challenge, a page's own navigation) goes out as a path (<c>/Account/Login?…</c>), which the browser resolves
/// against the address it used; and with a certificate, the redirect from HTTP to HTTPS names a host the certificate
/// covers (the one asked for when it does, else the certificate's first name). Operators who want other hosts
/// refused outright list theirs in <c>AllowedHosts</c> (ASP.NET Core's host filtering; see README).
/// </summary>
public static class HostSafety
{
    /// <summary>The headers that send a browser elsewhere: HTTP's, and Blazor's own for a redirect during enhanced navigation.</summary>
    private static readonly string[] RedirectHeaders = ["Location", "blazor-enhanced-nav-redirect-location"];

    /// <summary>First in the pipeline: a redirect on this request's own scheme and host is rewritten as a path.</summary>
    public static WebApplication UseRelativeRedirects(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                foreach (var header in RedirectHeaders)
                {
                    if (context.Response.Headers[header] is [{ } location] && Uri.TryCreate(location, UriKind.Absolute, out var target)
                        && string.Equals(target.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(target.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.Headers[header] = target.PathAndQuery + target.Fragment;
                    }
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>Before the HTTPS redirection: a plain request for a host the certificate does not name is sent to one it does.</summary>
    public static WebApplication UseCertificateHosts(this WebApplication app, X509Certificate2 certificate)
    {
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is { } san
            ? san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())).ToList()
            : [];
        var fallback = names.FirstOrDefault() ?? certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (!request.IsHttps && !certificate.MatchesHostname(request.Host.Host, allowWildcards: true, allowCommonName: false)
                && !string.IsNullOrEmpty(fallback))
            {
                request.Host = request.Host.Port is { } port ? new HostString(fallback, port) : new HostString(fallback);
            }
            return next(context);
        });
        return app;
    }
}

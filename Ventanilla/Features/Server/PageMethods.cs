namespace Ventanilla.Features.Server;

/// <summary>
/// Methods other than GET and POST answered as HTTP says, not with a sign-in redirect: HEAD gets what GET gets
/// without the body (a public page 200, a staff page the sign-in redirect), and a method a page does not take (PUT,
/// OPTIONS, DELETE…) gets 405 with the methods it does take in <c>Allow</c>, signed in or not.
/// </summary>
public static class PageMethods
{
    /// <summary>Before routing: HEAD is routed as GET. Kestrel keeps the request's HEAD and sends no body.</summary>
    public static WebApplication UseHeadLikeGet(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method)) context.Request.Method = HttpMethods.Get;
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// After routing, before authorization: routing's own 405 endpoint (the path exists, the method does not) answers at
    /// once; the fallback policy would otherwise send an anonymous caller to sign in for a request no sign-in can make valid.
    /// </summary>
    public static WebApplication UseMethodNotAllowedWithoutSignIn(this WebApplication app)
    {
        app.Use((context, next) => context.GetEndpoint() is { DisplayName: MethodNotAllowedEndpoint, RequestDelegate: { } answer } ? answer(context) : next(context));
        return app;
    }

    /// <summary>The display name ASP.NET Core's routing gives the endpoint it makes for a path matched with the wrong method.</summary>
    public const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";
}

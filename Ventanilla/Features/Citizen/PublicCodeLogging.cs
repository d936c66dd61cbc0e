namespace Ventanilla.Features.Citizen;

/// <summary>
/// A turn's public code travels in its address (<c>/turno/{code}</c>), and the framework's request logs write
/// addresses. These categories are the ones that do, at the levels they do it; they are kept at warnings and above
/// whatever the configuration asks, so the code reaches no log file even when someone turns on tracing. (The status
/// page's code travels after <c>#</c> and in a form body, which no log writes.)
/// </summary>
public static class PublicCodeLogging
{
    public static readonly IReadOnlyList<string> PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.StaticFiles",
        "Microsoft.AspNetCore.StaticAssets",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Http.Result",
        "Microsoft.AspNetCore.Components", // the router and the endpoint renderer write the address
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    public static ILoggingBuilder KeepPublicCodesOutOfLogs(this ILoggingBuilder logging)
    {
        foreach (var category in PathLoggingCategories) logging.AddFilter(category, LogLevel.Warning);
        return logging;
    }
}

using Microsoft.AspNetCore.Http.Metadata;

namespace Ventanilla.Features.Intake;

/// <summary>
/// On a public page that takes documents (<c>/tramite</c>, <c>/consulta</c>): lifts Kestrel's 30 MB body limit to what
/// <see cref="IntakeLimits.MaxFiles"/> documents of the expediente's largest size need, so a citizen's photos are read
/// and each is refused by name when too large, instead of the whole post failing unexplained.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicUploadLimitAttribute : Attribute, IRequestSizeLimitMetadata
{
    public const long Bytes = 128L * 1024 * 1024;

    public long? MaxRequestBodySize => Bytes;
}

/// <summary>The files a public form posted, by input name, as the intake services take them.</summary>
public static class PostedFiles
{
    public static IReadOnlyList<IncomingFile> Of(HttpContext? http, params (string Input, AttachmentKind Kind)[] inputs)
    {
        if (http is null || !http.Request.HasFormContentType) return [];
        var files = http.Request.Form.Files;
        return [.. inputs.SelectMany(i => files.GetFiles(i.Input).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName))
            .Select(f => new IncomingFile(f.FileName, i.Kind, f.OpenReadStream())))];
    }

    /// <summary>The client's address as the server saw it (after the trusted proxies).</summary>
    public static string ClientOf(HttpContext? http) => http?.Connection.RemoteIpAddress?.ToString() ?? "desconocida";
}

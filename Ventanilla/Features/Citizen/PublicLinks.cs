namespace Ventanilla.Features.Citizen;

/// <summary>
/// The addresses printed for citizens (QR codes, e-mails). The office's public address from Ajustes when set,
/// otherwise the one this page was opened with (right on the office's own network).
/// </summary>
public sealed class PublicLinks(SettingsService settings)
{
    public string BaseUrl(string? requestBase = null)
    {
        var configured = settings.Current.PublicBaseUrl?.Trim();
        var root = string.IsNullOrEmpty(configured) ? requestBase ?? "http://localhost:5028/" : configured;
        return root.EndsWith('/') ? root : root + "/";
    }

    /// <summary>
    /// The status page with the folio and code after <c>#</c>: a browser never sends that part to the server, so the
    /// code stays out of every log and proxy; the page's script fills the form and asks.
    /// </summary>
    public string Status(string folio, string code, string? requestBase = null)
        => $"{BaseUrl(requestBase)}consulta#folio={Uri.EscapeDataString(folio)}&codigo={Uri.EscapeDataString(code)}";

    /// <summary>A booking's page, with its code after <c>#</c> like the status page's (it never reaches the server's logs).</summary>
    public string Appointment(string code, string? requestBase = null) => $"{BaseUrl(requestBase)}cita#codigo={Uri.EscapeDataString(code)}";

    /// <summary>The booking page for the visit a petition needs (documents, ownership proof, the response to collect).</summary>
    public string BookFor(string folio, string? requestBase = null) => $"{BaseUrl(requestBase)}cita?folio={Uri.EscapeDataString(folio)}";

    /// <summary>The verification page of an issued document, with its code after <c>#</c> (printed on the document and its QR).</summary>
    public string Verify(string code, string? requestBase = null) => $"{BaseUrl(requestBase)}verificar#codigo={Uri.EscapeDataString(code)}";

    /// <summary>The phone page of a turn (its token is the whole secret, and only works that day).</summary>
    public string Turn(string ticketCode, string? requestBase = null) => $"{BaseUrl(requestBase)}turno/{ticketCode}";
}

namespace Ventanilla.Features.Privacy;

/// <summary>What was read: its kind, the words that name it, and the folio or visit it belongs to.</summary>
public sealed record PersonalRead(PersonalDataKind Kind, string Subject, string? Folio = null, int? PetitionId = null, int? VisitId = null, string? Detail = null);

/// <summary>Where a read came from: the page or endpoint (path and query) and the client's address.</summary>
public sealed record ReadPlace(string Source, string Address)
{
    /// <summary>The console's verbs, run on the server itself.</summary>
    public static readonly ReadPlace CommandLine = new("Línea de comandos", "servidor");

    /// <summary>An endpoint's request: its path and query, and the client as the server saw it (after trusted proxies).</summary>
    public static ReadPlace Of(HttpContext http)
        => new($"{http.Request.Path}{http.Request.QueryString}", Intake.PostedFiles.ClientOf(http));
}

/// <summary>The access log's filters: the person (part of the name), the folio, a period of days (office time).</summary>
public sealed record AccessFilter(string? Person = null, string? Folio = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One line of the access log as the page and the CSV show it.</summary>
public sealed record AccessRow(long Id, DateTime AtLocal, string UserName, PersonalDataKind Kind, string Subject, string? Folio, string? Detail, string Source, string Address)
{
    public string KindLabel => AccessLog.Label(Kind);
}

/// <summary>A page of the log and how many lines the filter matches.</summary>
public sealed record AccessPage(IReadOnlyList<AccessRow> Rows, int Total, int PageSize);

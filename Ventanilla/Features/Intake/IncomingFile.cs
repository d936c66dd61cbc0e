namespace Ventanilla.Features.Intake;

/// <summary>
/// A document a citizen sends from a public page: what they called it, what it is for, and its bytes as the request
/// carries them (read once, checked and hashed on the way to disk; never held whole in memory).
/// </summary>
public sealed record IncomingFile(string? FileName, AttachmentKind Kind, Stream Content);

/// <summary>The limits of what a citizen may send at once, the same for filing online and for answering a requirement.</summary>
public static class IntakeLimits
{
    /// <summary>Files in one request or one answer.</summary>
    public const int MaxFiles = 6;

    /// <summary>The description becomes the petition's subject: the same limit.</summary>
    public const int MaxDescription = Petitions.PetitionLimits.Subject;

    public const int MaxNote = 1000;

    /// <summary>How long the 6-digit code opens the request.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes before the current code stops working (a new one may be asked for).</summary>
    public const int MaxCodeAttempts = 5;

    /// <summary>Codes sent for one request, the first included.</summary>
    public const int MaxCodesPerRequest = 3;

    /// <summary>An unconfirmed request and its files are removed after this.</summary>
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromHours(24);

    /// <summary>Within this, the same request confirmed again is a duplicate.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(24);
}

/// <summary>The per-address and per-client limits of <c>/tramite</c> (configuration section <c>Tramite</c>).</summary>
public sealed class IntakeOptions
{
    /// <summary>Requests one e-mail address may start in 24 hours.</summary>
    public int RequestsPerEmailPerDay { get; set; } = 5;

    /// <summary>Requests one client (network address) may start in 24 hours.</summary>
    public int RequestsPerClientPerDay { get; set; } = 20;

    /// <summary>Accounts one client may check against the padrón from <c>/tramite</c> in an hour.</summary>
    public int AccountChecksPerHour { get; set; } = 20;
}

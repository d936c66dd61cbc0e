namespace Ventanilla.Features.Admin;

/// <summary>The settings of the legal clock as the settings page edits them.</summary>
public sealed record ClockSettings(
    int ResponseTermDays,
    int OwnershipProofTermDays,
    int YellowThresholdDays,
    TimeOnly OfficeOpens,
    TimeOnly OfficeCloses,
    string TimeZoneId,
    long Version,
    int ArcoTermDays = AppSettings.DefaultArcoTermDays,
    int ArcoExtensionDays = AppSettings.DefaultArcoExtensionDays)
{
    public static ClockSettings From(AppSettings s)
        => new(s.ResponseTermDays, s.OwnershipProofTermDays, s.YellowThresholdDays, s.OfficeOpens, s.OfficeCloses, s.TimeZoneId, s.Version,
            s.ArcoTermDays, s.ArcoExtensionDays);
}

/// <summary>
/// The reception's settings: when a turn may be marked as no-show, and whether the waiting room's TV says each call aloud.
/// </summary>
public sealed record ReceptionSettings(int NoShowAfterCalls, long Version, bool SpeakCalls = true)
{
    public static ReceptionSettings From(AppSettings s) => new(s.NoShowAfterCalls, s.Version, s.SpeakCalls);
}

/// <summary>
/// The appointment day's rules: how early and how late a booking may check in, and the walk-in ceiling of the call
/// order (see <c>QueueRules</c>).
/// </summary>
public sealed record AppointmentRules(int CheckInEarlyMinutes, int CheckInLateMinutes, int WalkInCeilingMinutes, long Version)
{
    public const int MaxWindowMinutes = 120;
    public const int MinCeilingMinutes = 5;
    public const int MaxCeilingMinutes = 240;

    public static AppointmentRules From(AppSettings s) => new(s.CheckInEarlyMinutes, s.CheckInLateMinutes, s.WalkInCeilingMinutes, s.Version);
}

/// <summary>
/// The SMTP server the citizens' e-mail notices go out through (the password travels apart: it is stored encrypted,
/// see <see cref="Citizen.SmtpMailer"/>). An empty host turns the notices off.
/// </summary>
public sealed record SmtpSettings(string? Host, int Port, SmtpSecurity Security, string? UserName, string? Sender, long Version)
{
    public const int MaxLength = 200;

    public static SmtpSettings From(AppSettings s) => new(s.SmtpHost, s.SmtpPort, s.SmtpSecurity, s.SmtpUserName, s.SmtpFrom, s.Version);
}

/// <summary>
/// The office's settings, read once and kept in memory: the legal clock and every page ask for them
/// constantly, and they change a few times a year. The instance handed out must be treated as read-only.
/// </summary>
public sealed class SettingsService(IDbContextFactory<AppDbContext> dbFactory, LiveUpdates live, TimeProvider time)
{
    /// <summary>The time zones of Mexico, for the settings page (IANA ids, as Linux and .NET 10 know them).</summary>
    public static IReadOnlyList<(string Id, string Name)> MexicoTimeZones { get; } =
    [
        ("America/Mexico_City", "Centro (Ciudad de México, Estado de México)"),
        ("America/Monterrey", "Centro (Monterrey)"),
        ("America/Merida", "Centro (Mérida)"),
        ("America/Cancun", "Sureste (Quintana Roo)"),
        ("America/Chihuahua", "Centro (Chihuahua)"),
        ("America/Mazatlan", "Pacífico (Sinaloa, Nayarit, Baja California Sur)"),
        ("America/Hermosillo", "Pacífico sin horario de verano (Sonora)"),
        ("America/Tijuana", "Noroeste (Baja California)"),
        ("America/Ciudad_Juarez", "Montaña con horario de verano (Ciudad Juárez)"),
        ("America/Matamoros", "Centro con horario de verano (frontera de Tamaulipas)"),
    ];

    private volatile AppSettings? _current;

    public AppSettings Current => _current ?? Load();

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _current = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AppSettings();
    }

    private AppSettings Load()
    {
        using var db = dbFactory.CreateDbContext();
        return _current = db.Settings.AsNoTracking().SingleOrDefault() ?? new AppSettings();
    }

    /// <summary>
    /// Saves the legal clock's settings after checking each field. A term change applies to petitions received
    /// from now on; running petitions keep the term they started with.
    /// </summary>
    public Task SaveClockAsync(Actor actor, ClockSettings input, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        Validate(input);
        return SaveAsync(actor, input.Version, row =>
        {
            row.ResponseTermDays = input.ResponseTermDays;
            row.OwnershipProofTermDays = input.OwnershipProofTermDays;
            row.YellowThresholdDays = input.YellowThresholdDays;
            row.OfficeOpens = input.OfficeOpens;
            row.OfficeCloses = input.OfficeCloses;
            row.TimeZoneId = input.TimeZoneId.Trim();
            row.ArcoTermDays = input.ArcoTermDays;
            row.ArcoExtensionDays = input.ArcoExtensionDays;
        }, ct);
    }

    /// <summary>Saves the no-show rule and the spoken calls (the privacy notice is published with its versions: PrivacyNotices).</summary>
    public Task SaveReceptionAsync(Actor actor, ReceptionSettings input, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        var errors = new List<string>();
        if (input.NoShowAfterCalls is < 1 or > 10) errors.Add($"Llamadas antes de marcar ausente: de 1 a 10; se recibió {input.NoShowAfterCalls}.");
        if (errors.Count > 0) throw new RuleException(string.Join('\n', errors));
        return SaveAsync(actor, input.Version, row =>
        {
            row.NoShowAfterCalls = input.NoShowAfterCalls;
            row.SpeakCalls = input.SpeakCalls;
        }, ct);
    }

    /// <summary>Saves the check-in window and the walk-in ceiling; the queue's order and the kiosks use them from the next moment.</summary>
    public Task SaveAppointmentRulesAsync(Actor actor, AppointmentRules input, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        var errors = new List<string>();
        if (input.CheckInEarlyMinutes is < 0 or > AppointmentRules.MaxWindowMinutes)
        {
            errors.Add($"Llegada antes de la cita: de 0 a {AppointmentRules.MaxWindowMinutes} minutos; se recibió {input.CheckInEarlyMinutes}.");
        }
        if (input.CheckInLateMinutes is < 0 or > AppointmentRules.MaxWindowMinutes)
        {
            errors.Add($"Llegada después de la hora de la cita: de 0 a {AppointmentRules.MaxWindowMinutes} minutos; se recibió {input.CheckInLateMinutes}.");
        }
        if (input.WalkInCeilingMinutes is < AppointmentRules.MinCeilingMinutes or > AppointmentRules.MaxCeilingMinutes)
        {
            errors.Add($"Espera máxima de los turnos sin cita: de {AppointmentRules.MinCeilingMinutes} a {AppointmentRules.MaxCeilingMinutes} minutos; se recibió {input.WalkInCeilingMinutes}.");
        }
        RuleException.ThrowIfAny(errors);
        return SaveAsync(actor, input.Version, row =>
        {
            row.CheckInEarlyMinutes = input.CheckInEarlyMinutes;
            row.CheckInLateMinutes = input.CheckInLateMinutes;
            row.WalkInCeilingMinutes = input.WalkInCeilingMinutes;
        }, ct);
    }

    public const int MaxFolioPrefixLength = 10;

    /// <summary>
    /// The prefix of the folios registered from now on («AU», or «GAU» to go on with the office's legacy series).
    /// Folios already given keep theirs; each prefix and year has its own numbering, which continues after the highest
    /// folio of that series (imported ones included), so no folio is ever given twice.
    /// </summary>
    public Task SaveFolioPrefixAsync(Actor actor, string? prefix, long version, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        var clean = (prefix ?? "").Trim().ToUpperInvariant();
        if (clean.Length == 0) throw new RuleException("Prefijo de folio: es obligatorio (por ejemplo AU o GAU).");
        if (clean.Length > MaxFolioPrefixLength || !clean.All(char.IsAsciiLetterUpper))
        {
            throw new RuleException($"Prefijo de folio: use de 1 a {MaxFolioPrefixLength} letras sin acentos, sin números ni guiones (por ejemplo AU o GAU); se recibió «{prefix}».");
        }
        return SaveAsync(actor, version, row => row.FolioPrefix = clean, ct);
    }

    /// <summary>
    /// Whether approving a response signs its PDF electronically with the approver's registered certificate, or leaves it
    /// as the original of a letter signed by hand.
    /// </summary>
    public Task SaveSigningAsync(Actor actor, bool electronically, long version, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        return SaveAsync(actor, version, row => row.SignResponsesElectronically = electronically, ct);
    }

    /// <summary>The shares of the legal term at which open petitions escalate: 1 to 3 percentages, ascending, 1 to 100.</summary>
    public Task SaveEscalationAsync(Actor actor, string? stages, long version, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        var numbers = Escalation.ParseStages(stages)
            ?? throw new RuleException($"Escalamiento: escriba de 1 a 3 porcentajes del plazo, de menor a mayor y separados por comas (por ejemplo 50,80,100); se recibió «{stages}».");
        return SaveAsync(actor, version, row => row.EscalationStages = string.Join(',', numbers), ct);
    }

    public const int MaxPublicBaseUrlLength = 200;

    /// <summary>
    /// The address citizens reach the server at (printed in the QR codes of receipts, letters and tickets, and in
    /// e-mails). Empty means "the address the page was opened with", right while the office uses only its own network.
    /// Only a plain http(s) address: a query or fragment would break the links built on it.
    /// </summary>
    public Task SavePublicBaseUrlAsync(Actor actor, string? address, long version, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        var clean = (address ?? "").Trim();
        if (clean.Length == 0) return SaveAsync(actor, version, row => row.PublicBaseUrl = null, ct);
        if (clean.Length > MaxPublicBaseUrlLength)
        {
            throw new RuleException($"Dirección pública: admite hasta {MaxPublicBaseUrlLength} caracteres; tiene {clean.Length}.");
        }
        if (!Uri.TryCreate(clean, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new RuleException($"Dirección pública: escriba una dirección completa como https://atencion.organismo.gob.mx/ (con http:// o https://, sin ? ni #); se recibió «{clean}».");
        }
        var normalized = uri.GetLeftPart(UriPartial.Path);
        if (!normalized.EndsWith('/')) normalized += "/";
        return SaveAsync(actor, version, row => row.PublicBaseUrl = normalized, ct);
    }

    /// <summary>
    /// Saves the mail server. With a host, the port, the sender address and the security must make sense; without one,
    /// the notices are off (the rest is kept for when it is turned on again). <paramref name="changePassword"/> false keeps
    /// the stored password; true replaces it with <paramref name="protectedPassword"/> (null removes it).
    /// </summary>
    public Task SaveSmtpAsync(Actor actor, SmtpSettings input, bool changePassword, string? protectedPassword, CancellationToken ct = default)
    {
        actor.Require("Cambiar los ajustes", Roles.Administrador);
        var errors = new List<string>();
        var host = (input.Host ?? "").Trim();
        var user = (input.UserName ?? "").Trim();
        var from = (input.Sender ?? "").Trim();
        if (host.Length > SmtpSettings.MaxLength) errors.Add(RuleException.TooLong("Servidor de correo", SmtpSettings.MaxLength, host.Length));
        else if (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add($"Servidor de correo: escriba solo el nombre o la dirección IP del servidor (por ejemplo smtp.organismo.gob.mx), sin http:// ni puerto; se recibió «{host}».");
        }
        if (input.Port is < 1 or > 65535) errors.Add($"Puerto: de 1 a 65535 (normalmente 587, o 465 con TLS directo); se recibió {input.Port}.");
        if (!Enum.IsDefined(input.Security)) errors.Add("Seguridad de la conexión: elija una de la lista.");
        RuleException.CheckLength(user, "Usuario del correo", SmtpSettings.MaxLength, errors);
        var sender = Reception.VisitorRules.Email(from, errors, "Remitente");
        if (host.Length > 0 && from.Length == 0) errors.Add("Remitente: escriba la dirección desde la que salen los avisos (por ejemplo avisos@organismo.gob.mx).");
        RuleException.ThrowIfAny(errors);
        return SaveAsync(actor, input.Version, row =>
        {
            row.SmtpHost = host.Length == 0 ? null : host;
            row.SmtpPort = input.Port;
            row.SmtpSecurity = input.Security;
            row.SmtpUserName = user.Length == 0 ? null : user;
            row.SmtpFrom = sender;
            if (changePassword) row.SmtpPasswordProtected = protectedPassword;
        }, ct);
    }

    private Task SaveAsync(Actor actor, long version, Action<AppSettings> apply, CancellationToken ct) => SaveAsync(actor, version, (_, row) => apply(row), ct);

    /// <summary>
    /// Changes the settings and, in the same transaction, whatever else the change writes (a privacy notice's version);
    /// refused as stale when the settings moved on since <paramref name="version"/> was read.
    /// </summary>
    public async Task SaveAsync(Actor actor, long version, Action<AppDbContext, AppSettings> apply, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Settings.SingleOrDefaultAsync(ct);
        if (row is null)
        {
            row = new AppSettings();
            db.Settings.Add(row);
        }
        else if (row.Version != version)
        {
            await ReloadAsync(ct);
            throw Stale.Error(StaleWhat);
        }
        var before = SettingHistory.Snapshot(row);
        apply(db, row);
        // The history of what changed, written with the change itself.
        SettingHistory.Record(db, actor.UserName, time.GetUtcNow().UtcDateTime, before, SettingHistory.Snapshot(row));
        await db.SaveOrStaleAsync(StaleMessage, ct, () => ReloadAsync(ct));
        await ReloadAsync(ct);
        live.Publish(LiveTopic.Settings);
    }

    private const string StaleWhat = "los ajustes";
    private static readonly string StaleMessage = Stale.Message(StaleWhat);

    private static void Validate(ClockSettings s)
    {
        var errors = new List<string>();
        if (s.ResponseTermDays is < 1 or > 90)
        {
            errors.Add($"Plazo de respuesta: debe ser de 1 a 90 días hábiles; se recibió {s.ResponseTermDays}.");
        }
        if (s.OwnershipProofTermDays is < 1 or > 30)
        {
            errors.Add($"Plazo para acreditar la propiedad: debe ser de 1 a 30 días hábiles; se recibió {s.OwnershipProofTermDays}.");
        }
        if (s.YellowThresholdDays < 0 || s.YellowThresholdDays >= s.ResponseTermDays)
        {
            errors.Add($"Umbral del semáforo amarillo: debe ser de 0 a {Math.Max(0, s.ResponseTermDays - 1)} días hábiles (menor que el plazo de respuesta); se recibió {s.YellowThresholdDays}.");
        }
        if (s.ArcoTermDays is < 1 or > 90)
        {
            errors.Add($"Plazo de las solicitudes ARCO: debe ser de 1 a 90 días hábiles; se recibió {s.ArcoTermDays}.");
        }
        if (s.ArcoExtensionDays is < 0 or > 30)
        {
            errors.Add($"Ampliación de las solicitudes ARCO: debe ser de 0 a 30 días hábiles (0: sin ampliación); se recibió {s.ArcoExtensionDays}.");
        }
        if (s.OfficeCloses <= s.OfficeOpens)
        {
            errors.Add($"Horario de atención: la hora de cierre ({s.OfficeCloses:HH:mm}) debe ser posterior a la de apertura ({s.OfficeOpens:HH:mm}).");
        }
        if (string.IsNullOrWhiteSpace(s.TimeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZoneId.Trim(), out _))
        {
            errors.Add($"Zona horaria: «{s.TimeZoneId}» no es una zona horaria conocida (por ejemplo America/Mexico_City).");
        }
        if (errors.Count > 0) throw new RuleException(string.Join('\n', errors));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ventanilla.Features.Privacy;

/// <summary>One published version of the notice, as the settings page lists it and the public page shows it.</summary>
public sealed record PrivacyNoticeView(int Number, string ShortText, string FullText, DateTime PublishedLocal, string PublishedBy);

/// <summary>
/// The privacy notice with its versions: the short text (the kiosk and every public form that takes personal data) and
/// the full one (<c>/aviso-de-privacidad</c>). Publishing a change makes a new numbered version and keeps the old ones
/// for good; each record that took personal data stores the number shown (<see cref="InForce"/>), so the office can
/// always tell what a person was told.
/// </summary>
public sealed class PrivacyNotices(IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office)
{
    public const int MaxShortLength = 2000;
    public const int MaxFullLength = 20000;

    /// <summary>The number of the version in force, as records store it.</summary>
    public static string InForce(AppSettings s) => s.PrivacyNoticeNumber.ToString(CultureInfo.InvariantCulture);

    public string InForce() => InForce(settings.Current);

    /// <summary>
    /// Publishes new texts as version N + 1, where N is the version the administrator was editing (refused if another
    /// was published meanwhile, or if nothing changed). One transaction: the version row and the texts in force.
    /// </summary>
    public async Task<int> PublishAsync(Actor actor, string? shortText, string? fullText, int editing, long settingsVersion, CancellationToken ct = default)
    {
        actor.Require("Publicar el aviso de privacidad", Roles.Administrador);
        var brief = shortText?.Trim() ?? "";
        var full = fullText?.Trim().ReplaceLineEndings("\n") ?? "";
        var errors = new List<string>();
        if (brief.Length == 0) errors.Add("Aviso simplificado: es obligatorio; el quiosco y los formularios públicos lo muestran.");
        else if (brief.Length > MaxShortLength) errors.Add(RuleException.TooLong("Aviso simplificado", MaxShortLength, brief.Length));
        if (full.Length == 0) errors.Add("Aviso integral: es obligatorio; la página del aviso de privacidad lo muestra completo.");
        else if (full.Length > MaxFullLength) errors.Add(RuleException.TooLong("Aviso integral", MaxFullLength, full.Length));
        var current = settings.Current;
        if (errors.Count == 0 && brief == current.PrivacyNotice && full == current.PrivacyNoticeFull.ReplaceLineEndings("\n"))
        {
            errors.Add($"Aviso de privacidad: los textos son los de la versión {current.PrivacyNoticeNumber}; no hay nada que publicar.");
        }
        RuleException.ThrowIfAny(errors);
        var number = editing + 1;
        await settings.SaveAsync(actor, settingsVersion, (db, row) =>
        {
            if (row.PrivacyNoticeNumber != editing)
            {
                throw new RuleException($"Mientras usted editaba se publicó la versión {row.PrivacyNoticeNumber} del aviso; recargue la página para partir de ella.", RuleKind.Conflict);
            }
            (row.PrivacyNotice, row.PrivacyNoticeFull, row.PrivacyNoticeNumber) = (brief, full, number);
            // The unique number also stops two publications racing on PostgreSQL's snapshot.
            db.PrivacyNoticeVersions.Add(new PrivacyNoticeVersion
            {
                Number = number, ShortText = brief, FullText = full, PublishedAtUtc = office.UtcNow(), PublishedBy = actor.UserName,
            });
        }, ct);
        return number;
    }

    /// <summary>Every published version, newest first.</summary>
    public async Task<IReadOnlyList<PrivacyNoticeView>> HistoryAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PrivacyNoticeVersions.AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(ct);
        return [.. rows.Select(View)];
    }

    /// <summary>
    /// The version a record names: its number, or, for records from before the notice had numbers, the fingerprint of
    /// the short text they were shown (the first 12 hexadecimal digits of its SHA-256).
    /// </summary>
    public async Task<PrivacyNoticeView?> FindAsync(string? recorded, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(recorded)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (int.TryParse(recorded, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return await db.PrivacyNoticeVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Number == number, ct) is { } row ? View(row) : null;
        }
        var all = await db.PrivacyNoticeVersions.AsNoTracking().ToListAsync(ct);
        return all.FirstOrDefault(v => Fingerprint(v.ShortText) == recorded) is { } legacy ? View(legacy) : null;
    }

    /// <summary>How records made before the versions were numbered named the notice they were shown.</summary>
    public static string Fingerprint(string shortText) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(shortText)))[..12];

    /// <summary>At start, a database from before the versions and the retention: their settings get their defaults.</summary>
    public static void Normalize(AppSettings s)
    {
        // The retention periods arrive as 0 on a database from before them (the pages never accept less than 30 days).
        if (s.RetainVisitDataDays == 0) s.RetainVisitDataDays = AppSettings.DefaultRetainVisitDataDays;
        if (s.RetainAppointmentDataDays == 0) s.RetainAppointmentDataDays = AppSettings.DefaultRetainAppointmentDataDays;
        if (s.RetainAccessLogDays == 0) s.RetainAccessLogDays = AppSettings.DefaultRetainAccessLogDays;
        if (string.IsNullOrWhiteSpace(s.PrivacyNoticeFull)) s.PrivacyNoticeFull = AppSettings.DefaultPrivacyNoticeFull;
        if (s.PrivacyNoticeNumber < 1) s.PrivacyNoticeNumber = 1;
    }

    /// <summary>
    /// At start: the version in force has its row (on a new database, or one from before the versions, its texts become
    /// version 1). Two instances starting at once may both try: the unique number keeps one, and the other's is dropped.
    /// </summary>
    public static async Task RecordInForceAsync(AppDbContext db, AppSettings s, DateTime nowUtc, CancellationToken ct = default)
    {
        if (await db.PrivacyNoticeVersions.AnyAsync(v => v.Number == s.PrivacyNoticeNumber, ct)) return;
        var row = new PrivacyNoticeVersion
        {
            Number = s.PrivacyNoticeNumber, ShortText = s.PrivacyNotice, FullText = s.PrivacyNoticeFull, PublishedAtUtc = nowUtc, PublishedBy = Actor.SystemName,
        };
        db.PrivacyNoticeVersions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            if (!await db.PrivacyNoticeVersions.AsNoTracking().AnyAsync(v => v.Number == s.PrivacyNoticeNumber, ct)) throw;
        }
    }

    private PrivacyNoticeView View(PrivacyNoticeVersion v) => new(v.Number, v.ShortText, v.FullText, office.ToLocal(v.PublishedAtUtc), v.PublishedBy);
}

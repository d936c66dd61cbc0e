using System.Globalization;

namespace Ventanilla.Features.Admin;

/// <summary>A change as the settings page's history lists it.</summary>
public sealed record SettingChangeRow(DateTime AtLocal, string By, string What, string? Before, string? After);

/// <summary>
/// The history of the settings: each field a save changed becomes a <see cref="SettingChange"/> in the same
/// transaction (secrets are never written: only that they changed; the privacy notice's texts are told by their
/// version). Read newest first on the settings page.
/// </summary>
public sealed class SettingHistory(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    public const int Shown = 100;

    /// <summary>The fields people change, in Spanish; the others (identity, version) are not history.</summary>
    private static readonly (string Property, string Label)[] Fields =
    [
        (nameof(AppSettings.ResponseTermDays), "Plazo de respuesta (días hábiles)"), (nameof(AppSettings.OwnershipProofTermDays), "Plazo para acreditar la propiedad (días)"),
        (nameof(AppSettings.YellowThresholdDays), "Umbral del semáforo amarillo (días)"),
        (nameof(AppSettings.ArcoTermDays), "Plazo de las solicitudes ARCO (días hábiles)"), (nameof(AppSettings.ArcoExtensionDays), "Ampliación de las solicitudes ARCO (días hábiles)"), (nameof(AppSettings.OfficeOpens), "Abre a las"),
        (nameof(AppSettings.OfficeCloses), "Cierra a las"), (nameof(AppSettings.TimeZoneId), "Zona horaria"), (nameof(AppSettings.FolioPrefix), "Prefijo de los folios"),
        (nameof(AppSettings.NoShowAfterCalls), "Llamadas antes de marcar ausente"), (nameof(AppSettings.CheckInEarlyMinutes), "Registro de citas: minutos antes"),
        (nameof(AppSettings.CheckInLateMinutes), "Registro de citas: minutos después"), (nameof(AppSettings.WalkInCeilingMinutes), "Espera máxima sin cita (minutos)"),
        (nameof(AppSettings.AllowSelfApproval), "Aprobar respuestas propias"), (nameof(AppSettings.SignResponsesElectronically), "Firma electrónica de las respuestas"),
        (nameof(AppSettings.EscalationStages), "Etapas de escalamiento (%)"), (nameof(AppSettings.PrivacyNoticeNumber), "Aviso de privacidad (versión)"),
        (nameof(AppSettings.RetainVisitDataDays), "Conservación: datos de las visitas (días)"), (nameof(AppSettings.RetainAppointmentDataDays), "Conservación: datos de las citas (días)"),
        (nameof(AppSettings.RetainAccessLogDays), "Conservación: bitácora de accesos (días)"),
        (nameof(AppSettings.RetainDocumentDays), "Conservación: documentos sin expediente o retirados (días)"),
        (nameof(AppSettings.PadronStaleDays), "Padrón: antigüedad máxima (días)"), (nameof(AppSettings.RetentionAutomatic), "Conservación: depuración diaria"),
        (nameof(AppSettings.SpeakCalls), "Llamados en voz alta"), (nameof(AppSettings.PublicBaseUrl), "Dirección para el ciudadano"),
        (nameof(AppSettings.SmtpHost), "Correo: servidor"), (nameof(AppSettings.SmtpPort), "Correo: puerto"), (nameof(AppSettings.SmtpSecurity), "Correo: seguridad"),
        (nameof(AppSettings.SmtpUserName), "Correo: usuario"), (nameof(AppSettings.SmtpPasswordProtected), "Correo: contraseña"), (nameof(AppSettings.SmtpFrom), "Correo: remitente"),
    ];

    /// <summary>The settings' fields as text, to compare before and after a change.</summary>
    public static Dictionary<string, string?> Snapshot(AppSettings s)
        => Fields.ToDictionary(f => f.Property, f => Text(typeof(AppSettings).GetProperty(f.Property)!.GetValue(s)));

    /// <summary>Adds to <paramref name="db"/> one change per field that differs between the two snapshots.</summary>
    public static void Record(AppDbContext db, string by, DateTime atUtc, Dictionary<string, string?> before, Dictionary<string, string?> after)
    {
        foreach (var (property, label) in Fields)
        {
            if (before[property] == after[property]) continue;
            var secret = property == nameof(AppSettings.SmtpPasswordProtected);
            Add(db, by, atUtc, label, secret ? (before[property] is null ? "(sin contraseña)" : "(guardada)") : before[property],
                secret ? (after[property] is null ? "(sin contraseña)" : "(cambió)") : after[property]);
        }
    }

    /// <summary>Adds one change of anything else the settings pages edit (a series of the classification chart…).</summary>
    public static void Add(AppDbContext db, string by, DateTime atUtc, string what, string? before, string? after)
        => db.SettingChanges.Add(new SettingChange { AtUtc = atUtc, By = TextLimits.Clip(by, 200)!, What = TextLimits.Clip(what, 200)!, Before = TextLimits.Clip(before, 500), After = TextLimits.Clip(after, 500) });

    public async Task<IReadOnlyList<SettingChangeRow>> RecentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SettingChanges.AsNoTracking().OrderByDescending(c => c.Id).Take(Shown).ToListAsync(ct);
        return [.. rows.Select(c => new SettingChangeRow(office.ToLocal(c.AtUtc), c.By, c.What, c.Before, c.After))];
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "Sí" : "No",
        TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Citizen;

/// <summary>
/// What the public status page shows of a petition: only what the citizen needs to follow it. Never the name,
/// account, address, phone, subject, notes, answers or staff names: a folio and code shared by mistake tell a stranger
/// no more than that a petition of that type exists and where it is.
/// </summary>
public sealed record PublicStatus(
    string Folio, string Type, DateOnly ReceivedOn, PetitionStatus Status, string Headline, string? Detail,
    DateOnly DueDate, string Deadline, string NextStep);

/// <summary>The citizen's question «¿cómo va mi trámite?», answered from the folio and its verification code.</summary>
public sealed class FolioLookup(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office, SettingsService settings)
{
    public const int MaxFolioLength = 30;

    /// <summary>
    /// The status, or null when the folio does not exist or the code is not its code: both cases take the same path
    /// and the same time, so trying codes teaches nothing about which folios exist.
    /// </summary>
    public async Task<PublicStatus?> FindAsync(string? folio, string? code, CancellationToken ct = default)
    {
        var typedFolio = Typed(folio);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Petitions.AsNoTracking().Where(p => p.Folio == typedFolio)
            .Select(p => new
            {
                p.Folio, p.PublicCode, Type = p.PetitionType!.Name, p.ReceivedAtUtc, p.Status, p.Channel, p.ForwardedAtUtc, p.DueDate, p.DayZero,
                p.ProofDueDate, p.ResponseDate, p.ClosedAtUtc, p.OnTime, Electronic = p.ElectronicDeliveryAcceptedAtUtc != null,
                Areas = p.Routings.Where(r => r.Status == RoutingStatus.Pending).Select(r => r.Area!.Name).ToList(),
                Waiting = p.Pauses.Where(x => x.EndDate == null).Select(x => (PauseReason?)x.Reason).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (!PublicCodes.Matches(row?.PublicCode, code) || row is null) return null;

        var clock = calendar.Clock();
        var open = PetitionDeadlines.IsOpen(row.Status);
        var daysLeft = clock.DaysLeft(row.DueDate, dayZero: row.DayZero);
        var hours = NoticeTexts.OfficeHours(settings.Current);
        var (headline, detail, next) = row.Status switch
        {
            PetitionStatus.Registrada when PetitionChannels.StartsWithDirector(row.Channel) && row.ForwardedAtUtc is null =>
                ("Recibida", row.Channel == PetitionChannel.EnLinea
                    ? "La recibimos en línea y la Dirección Comercial la está revisando para turnarla."
                    : "La Oficialía de Partes la recibió y la Dirección Comercial la está revisando para turnarla.", Nothing),
            PetitionStatus.Registrada => ("Registrada", "La recibimos y estamos revisando a qué área corresponde.", Nothing),
            PetitionStatus.Turnada => ($"Turnada a {JoinAreas(row.Areas)}", "El área revisa su petición para darle respuesta.", Nothing),
            PetitionStatus.EsperandoUsuario when row.Waiting == PauseReason.OwnershipProof =>
                ($"Esperando su documentación: tiene hasta el {row.ProofDueDate:dd/MM/yyyy}",
                 "Se le pidió acreditar la propiedad del inmueble. El plazo de respuesta está detenido mientras tanto; si no se acredita a tiempo, el trámite se cierra.",
                 $"Envíe desde esta página (abajo) el documento que acredita la propiedad, o entréguelo en la oficina de Atención a Usuarios ({hours}), a más tardar el {row.ProofDueDate:dd/MM/yyyy}."),
            PetitionStatus.EsperandoUsuario =>
                ("Esperando su documentación", "Se le pidieron documentos. El plazo de respuesta está detenido hasta que los entregue.",
                 $"Envíe desde esta página (abajo) los documentos que se le pidieron, o entréguelos en la oficina de Atención a Usuarios, {hours}."),
            PetitionStatus.EnRespuesta => ("En preparación de la respuesta", "Las áreas ya informaron; estamos redactando su respuesta.", Nothing),
            PetitionStatus.EnRevision => ("En revisión", "La respuesta está con la Dirección Comercial para su visto bueno.", Nothing),
            PetitionStatus.Aprobada when row.Electronic => ("Respuesta lista para descargar", "Su respuesta está firmada y lista.",
                "Descárguela con el botón de abajo: su primera descarga cuenta como su acuse de recibo. También puede recogerla en la oficina de Atención a Usuarios."),
            PetitionStatus.Aprobada => ("Respuesta lista para recoger", "Su respuesta está firmada y lista.",
                $"Pase a recogerla a la oficina de Atención a Usuarios con su folio {row.Folio} y una identificación, {hours}."),
            PetitionStatus.Entregada => ("Respuesta entregada", $"La respuesta se entregó el {row.ResponseDate:dd/MM/yyyy}.", "Nada: su trámite está por concluir."),
            PetitionStatus.Cerrada => ("Concluida", $"La respuesta se entregó el {row.ResponseDate:dd/MM/yyyy} y el folio está cerrado.", "Nada: su trámite concluyó."),
            PetitionStatus.CerradaSinAcreditacion => ("Cerrada sin acreditación",
                $"No se acreditó la propiedad dentro del plazo (vencía el {row.ProofDueDate?.ToString("dd/MM/yyyy") ?? "—"}).",
                "Si aún lo necesita, inicie un trámite nuevo en la oficina de Atención a Usuarios."),
            _ => ("Cancelada", "La petición se canceló.", "Si tiene dudas, acuda a la oficina de Atención a Usuarios con su folio."),
        };
        var deadline = !open
            ? row.OnTime switch { true => $"Se respondió a tiempo (fecha límite: {row.DueDate:dd/MM/yyyy}).", false => $"Se respondió fuera de plazo (fecha límite: {row.DueDate:dd/MM/yyyy}).", _ => $"Fecha límite de respuesta: {row.DueDate:dd/MM/yyyy}." }
            : row.Status == PetitionStatus.EsperandoUsuario ? "El plazo de respuesta está detenido mientras esperamos su documentación."
            : daysLeft < 0 || clock.Light(row.DueDate, paused: false) == TrafficLight.Rojo ? $"Fecha límite de respuesta: {row.DueDate:dd/MM/yyyy}. Ya venció; le pedimos una disculpa por el retraso."
            : daysLeft == 0 ? $"Fecha límite de respuesta: hoy, {row.DueDate:dd/MM/yyyy}. En tiempo."
            : $"Fecha límite de respuesta: {row.DueDate:dd/MM/yyyy} (quedan {Spanish.BusinessDays(daysLeft)}). En tiempo.";
        return new PublicStatus(row.Folio, row.Type, DateOnly.FromDateTime(office.ToLocal(row.ReceivedAtUtc)), row.Status, headline, detail,
            row.DueDate, deadline, next);
    }

    /// <summary>A folio as a citizen typed it, as the register holds it (upper case); too long reads as no folio at all.</summary>
    public static string Typed(string? folio)
    {
        var typed = (folio ?? "").Trim().ToUpperInvariant();
        return typed.Length > MaxFolioLength ? "" : typed;
    }

    private const string Nothing = "No tiene que hacer nada por ahora; consulte de nuevo más adelante.";

    private static string JoinAreas(IReadOnlyList<string> areas) => areas.Count switch
    {
        0 => "las áreas",
        1 => areas[0],
        _ => $"{string.Join(", ", areas.Take(areas.Count - 1))} y {areas[^1]}",
    };
}

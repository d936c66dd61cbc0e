namespace Ventanilla.Features.Citizen;

/// <summary>The kinds of e-mail a petitioner receives (<c>Notice.Kind</c>, shown as they are in the administrator's log).</summary>
public static class NoticeKinds
{
    public const string Registered = "Registro";
    public const string WaitingForProof = "Acreditar propiedad";
    public const string WaitingForDocuments = "Entregar documentos";
    public const string Ready = "Respuesta lista";
    public const string Closed = "Concluida";
    public const string ClosedWithoutProof = "Cerrada sin acreditación";
    public const string Cancelled = "Cancelada";
    public const string DeliveryRejected = "Documentos no aceptados";
    public const string Test = "Prueba";
}

/// <summary>A notice's subject and plain-text body.</summary>
public sealed record NoticeText(string Kind, string Subject, string Body);

/// <summary>
/// What each notice says: the folio, what happened and what (if anything) the citizen must do, in plain Spanish.
/// Never the subject of the petition, the areas' answers or staff names: a mistyped address must reveal nothing
/// more than the public status page would.
/// </summary>
public static class NoticeTexts
{
    /// <param name="bookingLink">Where to book the visit the notice asks for, when the office takes appointments.</param>
    public static NoticeText? For(string kind, Petition petition, AppSettings settings, string? statusLink, string? bookingLink = null)
    {
        var book = bookingLink is null ? null : $"Para no hacer fila, agende su visita aquí:\n{bookingLink}";
        var hours = OfficeHours(settings);
        var follow = statusLink is null
            ? $"Para saber cómo va su trámite, consulte en la oficina de Atención a Usuarios con su folio {petition.Folio} y su código de verificación."
            : $"Consulte cómo va su trámite en cualquier momento aquí:\n{statusLink}";
        var waiting = petition.Status == PetitionStatus.EsperandoUsuario ? WaitingLine(petition, hours, statusLink is not null) : null;
        return kind switch
        {
            NoticeKinds.Registered => new(kind, $"Su petición quedó registrada con el folio {petition.Folio}",
                Letter($"Registramos su petición con el folio {petition.Folio}.",
                    $"Código de verificación: {petition.PublicCode}\nFecha límite de respuesta: {petition.DueDate:dd/MM/yyyy}",
                    waiting, follow,
                    "Le escribiremos cuando su trámite necesite algo de usted y cuando su respuesta esté lista.")),
            NoticeKinds.WaitingForProof or NoticeKinds.WaitingForDocuments => new(kind, $"Folio {petition.Folio}: necesitamos su documentación",
                Letter($"Su petición con folio {petition.Folio} espera su documentación.", waiting ?? WaitingLine(petition, hours, statusLink is not null), book, follow)),
            NoticeKinds.Ready when petition.ElectronicDeliveryAcceptedAtUtc is not null => new(kind, $"Folio {petition.Folio}: su respuesta está lista para descargar",
                Letter($"La respuesta a su petición con folio {petition.Folio} está firmada y lista.",
                    "Como aceptó la notificación electrónica, descárguela en formato PDF desde la página de consulta con su folio y su código de verificación: "
                    + "su primera descarga cuenta como su acuse de recibo. Si lo prefiere, también puede recogerla en la oficina de Atención a Usuarios.",
                    follow)),
            NoticeKinds.Ready => new(kind, $"Folio {petition.Folio}: su respuesta está lista para recoger",
                Letter($"La respuesta a su petición con folio {petition.Folio} está firmada y lista.",
                    $"Pase a recogerla a la oficina de Atención a Usuarios con su folio y una identificación, {hours}.", book, follow)),
            NoticeKinds.Closed => new(kind, $"Folio {petition.Folio}: su trámite concluyó",
                Letter($"Su petición con folio {petition.Folio} concluyó: la respuesta se entregó{(petition.ResponseDate is { } d ? $" el {d:dd/MM/yyyy}" : "")} y el folio está cerrado.",
                    "Gracias por acudir a nosotros.")),
            NoticeKinds.ClosedWithoutProof => new(kind, $"Folio {petition.Folio}: trámite cerrado sin acreditación",
                Letter($"Su petición con folio {petition.Folio} se cerró porque no se acreditó la propiedad del inmueble dentro del plazo{(petition.ProofDueDate is { } d ? $" (vencía el {d:dd/MM/yyyy})" : "")}.",
                    $"Si aún lo necesita, puede iniciar un trámite nuevo en la oficina de Atención a Usuarios, {hours}.")),
            NoticeKinds.Cancelled => new(kind, $"Folio {petition.Folio}: su petición fue cancelada",
                Letter($"Su petición con folio {petition.Folio} fue cancelada.",
                    $"Si tiene dudas, acuda a la oficina de Atención a Usuarios con su folio, {hours}.")),
            _ => null,
        };
    }

    /// <summary>What the citizen sent online was not accepted: why, and that the requirement (and its term) goes on.</summary>
    public static NoticeText Rejected(Petition petition, AppSettings settings, string reason, string? statusLink)
        => new(NoticeKinds.DeliveryRejected, $"Folio {petition.Folio}: no pudimos aceptar los documentos que envió",
            Letter($"Revisamos los documentos que envió en línea para su petición con folio {petition.Folio} y no pudimos aceptarlos.",
                $"Motivo: {reason}",
                WaitingLine(petition, OfficeHours(settings), statusLink is not null),
                statusLink is null ? null : $"Puede enviar otros desde aquí:\n{statusLink}"));

    public static NoticeText Test(AppSettings settings)
        => new(NoticeKinds.Test, "Correo de prueba de Ventanilla",
            Letter("Este es un correo de prueba. Si lo recibió, los avisos por correo de Atención a Usuarios funcionan.",
                $"Horario de la oficina: {OfficeHours(settings)}."));

    /// <summary>«de lunes a viernes de 09:00 a 17:00»: the office's hours as the status page and the e-mails say them.</summary>
    public static string OfficeHours(AppSettings settings) => $"de lunes a viernes de {settings.OfficeOpens:HH\\:mm} a {settings.OfficeCloses:HH\\:mm}";

    /// <param name="online">Whether the citizen can send it from the status page (its link is in the same message).</param>
    private static string WaitingLine(Petition petition, string hours, bool online)
    {
        var where = online
            ? $"envíelo desde su teléfono en la página de consulta (el enlace está abajo) o entréguelo en la oficina de Atención a Usuarios, {hours}"
            : $"entréguelo en la oficina de Atención a Usuarios, {hours}";
        return petition.Pauses.FirstOrDefault(p => p.EndDate is null)?.Reason == PauseReason.OwnershipProof
            ? $"Necesitamos que acredite la propiedad del inmueble a más tardar el {petition.ProofDueDate:dd/MM/yyyy}: {where}. Si no se acredita a tiempo, el trámite se cierra. Mientras tanto, el plazo de respuesta está detenido."
            : $"Necesitamos los documentos que se le pidieron: {where}. El plazo de respuesta está detenido hasta que los entregue.";
    }

    /// <summary>The paragraphs (the empty ones left out) between the greeting and the signature.</summary>
    private static string Letter(params string?[] paragraphs)
        => string.Join("\n\n", new[] { "Estimada usuaria, estimado usuario:" }
            .Concat(paragraphs.Where(p => !string.IsNullOrWhiteSpace(p))!)
            .Append("Atención a Usuarios\nEste es un mensaje automático; por favor no lo responda."));
}

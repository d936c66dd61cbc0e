namespace Ventanilla.Data;

/// <summary>
/// The office's terms and thresholds. One row (Id = 1) so that a change is one versioned update
/// and every service reads the same values.
/// </summary>
public class AppSettings : IVersioned
{
    public const int SingletonId = 1;

    // The procedure's defaults (DF-07-01): what a new office starts with, and what the legal clock, the command line
    // and the import fall back on. Each is editable in Ajustes; these numbers are written only here.
    public const int DefaultResponseTermDays = 15;
    public const int DefaultOwnershipProofTermDays = 3;
    public const int DefaultYellowThresholdDays = 5;
    public const string DefaultTimeZoneId = "America/Mexico_City";
    public static readonly TimeOnly DefaultOpens = new(9, 0);
    public static readonly TimeOnly DefaultCloses = new(17, 0);

    public int Id { get; set; } = SingletonId;

    /// <summary>
    /// This database's own random identity (32 hex digits), given at its first start: a backup carries it, so the health
    /// check counts only the backups of this database, even where several databases share a backup folder.
    /// </summary>
    public string? DatabaseId { get; set; }

    /// <summary>Legal term to answer a petition, in business days.</summary>
    public int ResponseTermDays { get; set; } = DefaultResponseTermDays;

    /// <summary>Term for a third party to prove ownership of the property, in business days.</summary>
    public int OwnershipProofTermDays { get; set; } = DefaultOwnershipProofTermDays;

    /// <summary>At or below this many business days left the light turns yellow.</summary>
    public int YellowThresholdDays { get; set; } = DefaultYellowThresholdDays;

    public TimeOnly OfficeOpens { get; set; } = DefaultOpens;
    public TimeOnly OfficeCloses { get; set; } = DefaultCloses;
    public string TimeZoneId { get; set; } = DefaultTimeZoneId;

    public string FolioPrefix { get; set; } = "AU";

    /// <summary>After this many calls without the visitor showing up a turn may be marked as no-show.</summary>
    public int NoShowAfterCalls { get; set; } = 3;

    /// <summary>How early before its slot an appointment may check in (kiosk, phone, desk).</summary>
    public int CheckInEarlyMinutes { get; set; } = DefaultCheckInMinutes;

    /// <summary>How late after its slot's start an appointment may still check in; after that it is late (or a no-show).</summary>
    public int CheckInLateMinutes { get; set; } = DefaultCheckInMinutes;

    /// <summary>
    /// A checked-in appointment goes ahead of the walk-ins of its line, but never ahead of one who has already waited
    /// this long (so walk-ins do not starve on a day full of bookings).
    /// </summary>
    public int WalkInCeilingMinutes { get; set; } = DefaultWalkInCeilingMinutes;

    /// <summary>Term to answer a personal-data (ARCO) request, in business days (the State of Mexico's law: 20).</summary>
    public int ArcoTermDays { get; set; } = DefaultArcoTermDays;

    /// <summary>The one extension an ARCO request's term allows, with a reason, in business days (the law: 10).</summary>
    public int ArcoExtensionDays { get; set; } = DefaultArcoExtensionDays;

    /// <summary>The padrón import in force (its accounts are the ones looked up); null before the first import.</summary>
    public int? PadronImportId { get; set; }

    /// <summary>
    /// Whether the padrón in force has accounts with letters (set by each import): the account fields of the kiosk and the
    /// public forms then open the full keyboard instead of the numeric one.
    /// </summary>
    public bool AccountsHaveLetters { get; set; }

    /// <summary>A padrón older than this many days is stale: the administrator is warned at home and in /health.</summary>
    public int PadronStaleDays { get; set; } = DefaultPadronStaleDays;

    public const int DefaultPadronStaleDays = 7;

    public const int DefaultArcoTermDays = 20;
    public const int DefaultArcoExtensionDays = 10;

    public const int DefaultCheckInMinutes = 15;
    public const int DefaultWalkInCeilingMinutes = 30;

    /// <summary>Whether the Director may approve a response they drafted themselves.</summary>
    public bool AllowSelfApproval { get; set; }

    /// <summary>
    /// Approving a response signs its PDF with the approver's registered certificate (password typed at each approval);
    /// off, the PDF is the original of a letter signed by hand.
    /// </summary>
    public bool SignResponsesElectronically { get; set; }

    /// <summary>
    /// The shares of the legal term (percent, ascending) at which a still-open petition is escalated: to the area holding
    /// it, then Atención a Usuarios, then the Dirección Comercial.
    /// </summary>
    public string EscalationStages { get; set; } = DefaultEscalationStages;

    public const string DefaultEscalationStages = "50,80,100";

    /// <summary>The short privacy notice in force (the kiosk and every form that takes personal data show it).</summary>
    public string PrivacyNotice { get; set; } = DefaultPrivacyNotice;

    /// <summary>The full notice in force (the public page <c>/aviso-de-privacidad</c>).</summary>
    public string PrivacyNoticeFull { get; set; } = DefaultPrivacyNoticeFull;

    /// <summary>
    /// How long personal data is kept (retention), in days: what kiosk visitors typed (and the desk's note), the name and
    /// contact of an appointment, and the access log's lines. Past it the retention run clears it; counts stay.
    /// </summary>
    public int RetainVisitDataDays { get; set; } = DefaultRetainVisitDataDays;
    public int RetainAppointmentDataDays { get; set; } = DefaultRetainAppointmentDataDays;
    public int RetainAccessLogDays { get; set; } = DefaultRetainAccessLogDays;
    /// <summary>Documents no file needs: a visit's that never became a petition, and ones staff withdrew (days after).</summary>
    public int RetainDocumentDays { get; set; } = DefaultRetainDocumentDays;

    /// <summary>Whether the retention runs by itself every day (off until the administrator has seen a preview).</summary>
    public bool RetentionAutomatic { get; set; }

    public const int DefaultRetainVisitDataDays = 365;
    public const int DefaultRetainAppointmentDataDays = 365;
    public const int DefaultRetainAccessLogDays = 730;
    public const int DefaultRetainDocumentDays = 365;

    /// <summary>The version in force: each publication is a new row of <see cref="PrivacyNoticeVersion"/>, numbered 1, 2, 3…</summary>
    public int PrivacyNoticeNumber { get; set; } = 1;

    /// <summary>The waiting-room display says each call aloud (speech synthesis) besides the chime.</summary>
    public bool SpeakCalls { get; set; } = true;

    /// <summary>
    /// The address citizens reach the office's public pages at (for the QR codes and the e-mails), e.g.
    /// https://ventanilla.organismo.gob.mx; empty: the address the page was opened with.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>E-mail notices to citizens: off while <see cref="SmtpHost"/> is empty.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.StartTls;
    public string? SmtpUserName { get; set; }
    /// <summary>Encrypted with the app's data-protection keys (beside the database), never stored as typed.</summary>
    public string? SmtpPasswordProtected { get; set; }
    public string? SmtpFrom { get; set; }

    public long Version { get; set; }

    public const string DefaultPrivacyNotice =
        "Aviso de privacidad simplificado: los datos personales que proporcione (nombre, número de cuenta y teléfono) " +
        "se utilizarán únicamente para registrar su visita, darle atención y dar seguimiento a su petición. " +
        "No se transfieren a terceros salvo las excepciones previstas por la ley. Puede consultar el aviso " +
        "de privacidad integral en las oficinas del organismo o en la página del aviso de privacidad.";

    public const string DefaultPrivacyNoticeFull =
        "AVISO DE PRIVACIDAD INTEGRAL\n\n" +
        "Responsable. El organismo operador de agua potable, alcantarillado y saneamiento del municipio, por conducto de su " +
        "Gerencia de Atención a Usuarios, es responsable del tratamiento de los datos personales que usted proporcione en sus " +
        "oficinas, en el quiosco de turnos y en sus páginas de internet.\n\n" +
        "Datos que se recaban. Nombre, número de cuenta o contrato, clave catastral, domicilio, teléfono, correo electrónico, " +
        "la descripción de su petición y los documentos que entregue (identificación, recibos, acreditación de la propiedad).\n\n" +
        "Finalidades. Registrar su visita y darle turno; atender, turnar, dar seguimiento y responder su petición; notificarle " +
        "avisos y la respuesta; agendar y atender su cita; elaborar estadísticas sin datos que lo identifiquen.\n\n" +
        "Fundamento. Ley de Protección de Datos Personales en Posesión de Sujetos Obligados del Estado de México y Municipios, " +
        "y las disposiciones que rigen la prestación del servicio de agua.\n\n" +
        "Transferencias. No se transfieren datos personales salvo las excepciones que prevé la ley o por requerimiento de una " +
        "autoridad competente.\n\n" +
        "Derechos ARCO. Usted puede solicitar el acceso, la rectificación, la cancelación de sus datos u oponerse a su " +
        "tratamiento en la Gerencia de Atención a Usuarios o ante la Unidad de Transparencia del organismo.\n\n" +
        "Cambios. Cualquier cambio a este aviso se publica en esta misma página con un número de versión nuevo; cada registro " +
        "guarda la versión que se le mostró.";
}

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587).</summary>
    StartTls = 0,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect = 1,
    /// <summary>No encryption: only for a relay inside the office's own network.</summary>
    None = 2,
}

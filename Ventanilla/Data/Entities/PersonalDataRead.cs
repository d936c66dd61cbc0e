namespace Ventanilla.Data;

/// <summary>What kind of personal data a staff member (or the console) read; the access log's «Qué».</summary>
public enum PersonalDataKind
{
    /// <summary>One petition's page: the petitioner's name, phone, address, e-mail.</summary>
    Peticion = 1,
    /// <summary>The Control de Peticiones list: petitioners' names beside their folios.</summary>
    ListaPeticiones = 2,
    /// <summary>The Control de Peticiones as CSV.</summary>
    ExportacionPeticiones = 3,
    /// <summary>A visitor being served at a desk: what they typed at the kiosk, the customer's record.</summary>
    Visita = 4,
    /// <summary>The Control de Usuarios (register of visits) on screen.</summary>
    RegistroVisitas = 5,
    /// <summary>The Control de Usuarios as CSV.</summary>
    ExportacionVisitas = 6,
    /// <summary>A search of the customers' records by name, account or phone at a desk.</summary>
    BusquedaUsuarios = 7,
    /// <summary>The day's appointments: names, phones and e-mails of who booked.</summary>
    Citas = 8,
    /// <summary>One document of an expediente, opened or downloaded.</summary>
    Documento = 9,
    /// <summary>A whole expediente downloaded as ZIP.</summary>
    Expediente = 10,
    /// <summary>Everything about one person found to answer an ARCO request (visits, petitions, appointments, comments, documents).</summary>
    BusquedaArco = 11,
    /// <summary>That person's data exported as one ZIP for the answer.</summary>
    ExportacionArco = 12,
    /// <summary>A search of the utility's padrón (holders' names and addresses) where a petition is registered.</summary>
    BusquedaPadron = 13,
}

/// <summary>What was done to a person's data under the law.</summary>
public enum PersonalDataAction
{
    /// <summary>Corrected at the person's request (ARCO rectification); before and after are kept.</summary>
    Rectificacion = 0,
    /// <summary>Replaced by a neutral text at the person's request (ARCO cancellation).</summary>
    Cancelacion = 1,
    /// <summary>Replaced because its retention ended (closed files whose series goes to «baja documental»).</summary>
    Conservacion = 2,
}

/// <summary>
/// The history of what was done to a person's data (rectified, cancelled, removed at the end of its retention): which
/// record and field, who, when, under which ARCO folio, and for a rectification what it said before and after.
/// </summary>
public class PersonalDataChange
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string By { get; set; } = "";
    public PersonalDataAction Action { get; set; }
    /// <summary>The ARCO request it answers (null for the retention's own work).</summary>
    public string? ArcoFolio { get; set; }
    /// <summary>The record, in words: «Petición AU-2026-00012», «Visita A-004 del 03/12/2026», «Cita del 05/12/2026 10:30».</summary>
    public string Record { get; set; } = "";
    public string Field { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>
/// One read of personal data by staff or by the console: who, when, what, from where. Append-only: written once by
/// <c>AccessLog</c>, never updated (a database trigger refuses it), kept apart from the petition's timeline (which the
/// citizen's own status page draws on) and removed only by the retention the office sets.
/// </summary>
public class PersonalDataRead
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>The account; null for the console and the server's own work.</summary>
    public string? UserId { get; set; }
    /// <summary>The person's name when they read it (a later rename does not rewrite the log).</summary>
    public string UserName { get; set; } = "";
    public PersonalDataKind Kind { get; set; }
    /// <summary>What was read, in words: the folio, the turn, the day, the period.</summary>
    public string Subject { get; set; } = "";
    /// <summary>The petition's folio when the read is about one petition (its page, a document, its expediente).</summary>
    public string? Folio { get; set; }
    public int? PetitionId { get; set; }
    public int? VisitId { get; set; }
    /// <summary>The filter or the document: what narrows the read down.</summary>
    public string? Detail { get; set; }
    /// <summary>The page or endpoint (path and query) the data was read through, or «Línea de comandos».</summary>
    public string Source { get; set; } = "";
    /// <summary>The client's address as the server saw it (behind a trusted proxy, the forwarded one).</summary>
    public string Address { get; set; } = "";
}

/// <summary>
/// One published version of the privacy notice (short and full text), kept for good: a record that took personal data
/// stores the number of the version shown, and this row tells what it said.
/// </summary>
public class PrivacyNoticeVersion
{
    public int Id { get; set; }
    public int Number { get; set; }
    public string ShortText { get; set; } = "";
    public string FullText { get; set; } = "";
    public DateTime PublishedAtUtc { get; set; }
    public string PublishedBy { get; set; } = "";
}

/// <summary>
/// One retention run, a preview (nothing changed) or applied: when, by whom, with which periods, and how many records
/// it cleared of each kind. An applied run that failed keeps what its finished batches did and says why it stopped.
/// </summary>
public class RetentionRun
{
    public long Id { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public bool DryRun { get; set; }
    public string By { get; set; } = "";
    public int VisitDataDays { get; set; }
    public int AppointmentDataDays { get; set; }
    public int AccessLogDays { get; set; }
    public int Visits { get; set; }
    public int Appointments { get; set; }
    public int AccessLines { get; set; }
    /// <summary>Closed files past their archive retention (series going to «baja documental») whose personal data were replaced.</summary>
    public int Petitions { get; set; }
    /// <summary>Documents erased: of visits that never became a petition, and ones staff withdrew, past the documents' period.</summary>
    public int Documents { get; set; }
    public int DocumentDays { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// One change of a setting (Ajustes, the privacy notice's version, the retention, the classification chart): who,
/// when, which field, what it said before and after. Written in the same transaction as the change.
/// </summary>
public class SettingChange
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string By { get; set; } = "";
    public string What { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}

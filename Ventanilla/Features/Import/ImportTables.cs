namespace Ventanilla.Features.Import;

/// <summary>
/// The columns the import writes into each table, once for both writers: SQLite's prepared statements
/// (<see cref="SqliteImportWriter"/>) and PostgreSQL's binary COPY (<see cref="PostgresImportWriter"/>, which also writes the
/// ids it takes from the sequences first). Each writer passes a row's values in this order. Every column the EF model
/// maps is either here or in <see cref="NotWritten"/> with the reason: a test fails when a new column is in neither, so a
/// column cannot be forgotten on one engine.
/// </summary>
internal static class ImportTables
{
    public static readonly string[] Petitions =
    [
        "Folio", "FolioYear", "FolioNumber", "Channel", "OficialiaFolio", "ForwardedAtUtc", "ReceivedAtUtc", "ReceptionDay", "CustomerId",
        "PetitionerName", "SearchName", "IsThirdParty", "AccountNumber", "CadastralKey", "Phone", "Address", "PetitionTypeId", "Subject",
        "Notes", "Status", "TermDays", "DueDate", "ProofDueDate", "ResponseDate", "ClosedAtUtc", "OnTime", "CreatedByUserId", "CreatedAtUtc",
        "ImportSource", "ImportRunId", "Version", "PublicCode",
    ];

    public static readonly string[] Customers =
        ["Name", "SearchName", "AccountNumber", "CadastralKey", "Phone", "Address", "CreatedAtUtc", "ImportRunId", "Version"];

    public static readonly string[] Routings = ["PetitionId", "AreaId", "RoutedAtUtc", "Status", "AnsweredAtUtc", "ImportRunId", "Version"];

    public static readonly string[] PetitionPauses = ["PetitionId", "Reason", "StartDate", "StartedAtUtc", "Note", "ImportRunId"];

    public static readonly string[] PetitionEvents = ["PetitionId", "AtUtc", "UserId", "UserName", "Kind", "ToStatus", "Note"];

    public static readonly string[] Areas = ["Name", "Kind", "SortOrder", "IsActive", "ImportRunId", "Version"];

    public static readonly string[] PetitionTypes = ["Name", "SortOrder", "IsActive", "ImportRunId", "Version"];

    /// <summary>Every table the import writes, with its columns (the id aside).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Written = new Dictionary<string, string[]>
    {
        ["Petitions"] = Petitions, ["Customers"] = Customers, ["Routings"] = Routings, ["PetitionPauses"] = PetitionPauses,
        ["PetitionEvents"] = PetitionEvents, ["Areas"] = Areas, ["PetitionTypes"] = PetitionTypes,
    };

    /// <summary>The mapped columns the import leaves to their defaults (null, false, 0), and why.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NotWritten = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["Petitions"] = new Dictionary<string, string>
        {
            ["Email"] = "el control anterior no trae correo del solicitante",
            ["OfficeId"] = "la oficina principal, por el valor por omisión de la columna",
            ["DocumentsReceived"] = "el control anterior no trae los documentos recibidos",
            ["CancelReason"] = "ni el motivo de una cancelación",
            ["VisitId"] = "una petición importada no viene de una visita registrada en Ventanilla",
            ["PrivacyNoticeVersion"] = "solo las peticiones en línea registran el aviso de privacidad aceptado en /tramite",
            ["ElectronicDeliveryAcceptedAtUtc"] = "la notificación electrónica se acepta en Ventanilla; el control anterior no la trae",
            ["ElectronicDeliveryPrivacyVersion"] = "ídem",
            ["ArchiveSeriesId"] = "la serie y los plazos de archivo los asigna la clasificación de los expedientes cerrados (ArchiveClassification)",
            ["ArchiveActiveUntil"] = "ídem",
            ["ArchiveSemiActiveUntil"] = "ídem",
            ["TermExtensionDays"] = "la ampliación de una solicitud ARCO se acuerda en Ventanilla; el control anterior no la trae",
            ["TermExtensionReason"] = "ídem",
            ["AnonymizedAtUtc"] = "se anonimiza en Ventanilla (cancelación ARCO o conservación), nunca al importar",
        },
        ["Customers"] = new Dictionary<string, string>(),
        ["Routings"] = new Dictionary<string, string>
        {
            ["Note"] = "el control anterior no trae la nota de cada turno",
            ["Answer"] = "ni la respuesta de cada área",
            ["AnsweredByUserId"] = "quien respondió es una cuenta de Ventanilla",
            ["RoutedByUserId"] = "quien turnó es una cuenta de Ventanilla",
            ["LastFollowUpAtUtc"] = "los seguimientos empiezan en Ventanilla",
        },
        ["PetitionPauses"] = new Dictionary<string, string>
        {
            ["EndDate"] = "solo se importa la pausa abierta de una petición que espera al usuario",
            ["EndedAtUtc"] = "ídem",
            ["EndedHow"] = "ídem: una pausa abierta no ha terminado de ningún modo",
        },
        ["PetitionEvents"] = new Dictionary<string, string>
        {
            ["FromStatus"] = "el evento «Importada» no viene de otro estatus",
        },
        ["Areas"] = new Dictionary<string, string>(),
        ["PetitionTypes"] = new Dictionary<string, string>
        {
            ["AvailableOnline"] = "el administrador decide en Catálogos qué trámites se ofrecen en línea",
            ["OnlineRequirements"] = "ídem: los documentos que pide en línea los escribe el administrador",
            ["ArchiveSeriesId"] = "la serie del cuadro de clasificación la elige el administrador",
            ["ArcoRight"] = "los tipos ARCO los crea Ventanilla al arrancar; un tipo que nombra el control anterior es un tipo ordinario",
        },
    };
}

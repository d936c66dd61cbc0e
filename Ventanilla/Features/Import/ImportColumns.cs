namespace Ventanilla.Features.Import;

/// <summary>What a column of a legacy file holds: the petitions export's columns, in its order.</summary>
public enum ImportField
{
    Folio, FolioOficialia, FechaRecepcion, Canal, Solicitante, EsTercero, NumeroCuenta, ClaveCatastral, Telefono, Domicilio,
    TipoPeticion, Asunto, AreasTurnadas, Estatus, FechaLimite, FechaLimiteAcreditacion, DiasHabilesRestantes, Semaforo,
    FechaRespuesta, FechaCierre, ATiempo, Observaciones,
}

/// <summary>
/// The headers offices give their spreadsheets, matched ignoring case, accents, punctuation and spaces
/// (<see cref="TextFold.Key"/>): "No. de Folio", "NÚMERO DE FOLIO" and "numero_de_folio" are all the folio.
/// Every export column name is its own alias, so Ventanilla's export reads back.
/// </summary>
public static class ImportColumns
{
    private static readonly Dictionary<ImportField, string[]> Aliases = new()
    {
        [ImportField.Folio] = ["Folio", "No. Folio", "No. de Folio", "Número de folio"],
        [ImportField.FolioOficialia] = ["Folio de Oficialía", "Folio Oficialía"],
        [ImportField.FechaRecepcion] = ["Fecha de recepción", "Fecha recepción", "Fecha de ingreso", "Fecha"],
        [ImportField.Canal] = ["Medio", "Forma de ingreso"],
        [ImportField.Solicitante] = ["Nombre", "Nombre del usuario", "Usuario", "Peticionario"],
        [ImportField.EsTercero] = ["Tercero", "¿Tercero?"],
        [ImportField.NumeroCuenta] = ["Cuenta", "No. de cuenta", "Número de cuenta", "Contrato"],
        [ImportField.ClaveCatastral] = ["Clave catastral"],
        [ImportField.Telefono] = ["Teléfono", "Tel"],
        [ImportField.Domicilio] = ["Dirección"],
        [ImportField.TipoPeticion] = ["Tipo", "Tipo de petición", "Trámite"],
        [ImportField.Asunto] = ["Descripción", "Petición"],
        [ImportField.AreasTurnadas] = ["Área", "Área turnada", "Turnado a", "Áreas"],
        [ImportField.Estatus] = ["Estado", "Situación"],
        [ImportField.FechaRespuesta] = ["Fecha de respuesta", "Fecha de contestación"],
        [ImportField.FechaCierre] = ["Fecha de cierre", "Cierre"],
        [ImportField.Observaciones] = ["Notas", "Comentarios"],
    };

    private static readonly Dictionary<ImportField, string> Labels = new()
    {
        [ImportField.Folio] = "Folio", [ImportField.FolioOficialia] = "Folio de Oficialía", [ImportField.FechaRecepcion] = "Fecha de recepción",
        [ImportField.Canal] = "Canal", [ImportField.Solicitante] = "Solicitante", [ImportField.EsTercero] = "Es tercero",
        [ImportField.NumeroCuenta] = "Número de cuenta", [ImportField.ClaveCatastral] = "Clave catastral", [ImportField.Telefono] = "Teléfono",
        [ImportField.Domicilio] = "Domicilio", [ImportField.TipoPeticion] = "Tipo de petición", [ImportField.Asunto] = "Asunto",
        [ImportField.AreasTurnadas] = "Áreas turnadas", [ImportField.Estatus] = "Estatus", [ImportField.FechaLimite] = "Fecha límite",
        [ImportField.FechaLimiteAcreditacion] = "Fecha límite de acreditación", [ImportField.DiasHabilesRestantes] = "Días hábiles restantes",
        [ImportField.Semaforo] = "Semáforo", [ImportField.FechaRespuesta] = "Fecha de respuesta", [ImportField.FechaCierre] = "Fecha de cierre",
        [ImportField.ATiempo] = "A tiempo", [ImportField.Observaciones] = "Observaciones",
    };

    /// <summary>The field's name as people read it (the export's column names are written for machines).</summary>
    public static string Label(ImportField field) => Labels[field];

    /// <summary>The longest a field may be, as in the registration form (<see cref="Petitions.PetitionLimits"/>); null when not limited.</summary>
    public static int? MaxLength(ImportField field) => field switch
    {
        ImportField.Folio => Petitions.PetitionLimits.Folio,
        ImportField.FolioOficialia => Petitions.PetitionLimits.OficialiaFolio,
        ImportField.Solicitante => Petitions.PetitionLimits.Petitioner,
        ImportField.NumeroCuenta => Petitions.PetitionLimits.AccountNumber,
        ImportField.ClaveCatastral => Petitions.PetitionLimits.CadastralKey,
        ImportField.Telefono => Petitions.PetitionLimits.Phone,
        ImportField.Domicilio => Petitions.PetitionLimits.Address,
        ImportField.TipoPeticion => Petitions.PetitionLimits.TypeName,
        ImportField.Asunto => Petitions.PetitionLimits.Subject,
        ImportField.Observaciones => Petitions.PetitionLimits.Notes,
        _ => null,
    };

    private static readonly HeaderAliases<ImportField> Headers = new(Aliases);

    /// <summary>Without these a row cannot become a petition.</summary>
    public static readonly ImportField[] Required = [ImportField.Folio, ImportField.FechaRecepcion, ImportField.Solicitante];

    /// <summary>Export columns the legal clock computes again on import (they depend on the day they were exported).</summary>
    public static bool IsDerived(ImportField field) => field is ImportField.DiasHabilesRestantes or ImportField.Semaforo;

    /// <summary>The field a header names, or null when it is none of them.</summary>
    public static ImportField? Match(string? header) => Headers.Match(header);

    /// <summary>The names a header may have for this field, for the message when a required one is missing.</summary>
    public static IReadOnlyList<string> NamesOf(ImportField field) => [field.ToString(), .. Aliases.GetValueOrDefault(field) ?? []];
}

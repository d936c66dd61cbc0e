namespace Ventanilla.Data;

/// <summary>The service status of an account in the utility's register (IEC 61968 CustomerAccount status).</summary>
public enum AccountStatus
{
    Activa = 0,
    Suspendida = 1,
    Cancelada = 2,
}

/// <summary>
/// One account of the utility's register (padrón), as its commercial system exports it: in IEC 61968 (CIM) terms a
/// CustomerAccount with its holder (Customer) and its ServiceLocation (address, colony, postal code, cadastral key).
/// Rows are versioned by import instead of overwritten: a row is in force from the import that wrote it
/// (<see cref="ValidFromImport"/>) until the import that changed or removed its account (<see cref="ValidToImport"/>),
/// so an import becomes visible all at once when it is marked current (<see cref="AppSettings.PadronImportId"/>) and a
/// re-import writes only the differences.
/// </summary>
public class CustomerAccount
{
    public long Id { get; set; }
    /// <summary>Cuenta, contrato or NIS: the account's key in the commercial system.</summary>
    public string AccountNumber { get; set; } = "";
    public string HolderName { get; set; } = "";
    /// <summary>The holder's name folded (lower case, no accents, single spaces) for searching.</summary>
    public string SearchName { get; set; } = "";
    /// <summary>The service location: street and number.</summary>
    public string? ServiceAddress { get; set; }
    public string? Colony { get; set; }
    public string? PostalCode { get; set; }
    /// <summary>Street, colony and postal code folded, for searching by address.</summary>
    public string SearchAddress { get; set; } = "";
    public string? CadastralKey { get; set; }
    /// <summary>Service type or tariff as the commercial system names it (doméstico, comercial…).</summary>
    public string? ServiceType { get; set; }
    public AccountStatus Status { get; set; }
    public string? HolderPhone { get; set; }
    /// <summary>The date of the balance the commercial system reported with the row, when it does.</summary>
    public DateOnly? BalanceDate { get; set; }
    /// <summary>A fingerprint of the row's content: a re-import compares it to tell a changed account from an unchanged one.</summary>
    public long ContentHash { get; set; }
    public int ValidFromImport { get; set; }
    public int? ValidToImport { get; set; }
}

public enum PadronImportStatus
{
    /// <summary>Writing; not visible yet. Left so by a crash, it is undone at the next start.</summary>
    Running = 0,
    /// <summary>In force (or was, until a later one).</summary>
    Applied = 1,
    /// <summary>The file had errors: nothing was written.</summary>
    Refused = 2,
    /// <summary>Stopped half-way (a crash or a fault): what it wrote was removed.</summary>
    RolledBack = 3,
}

/// <summary>One import of the padrón, for its history: the file, who, when, how many accounts were new, changed, removed.</summary>
public class PadronImport
{
    public int Id { get; set; }
    public string FileName { get; set; } = "";
    public string FileHash { get; set; } = "";
    public string By { get; set; } = "";
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public PadronImportStatus Status { get; set; }
    public int Rows { get; set; }
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Removed { get; set; }
    public int Unchanged { get; set; }
    /// <summary>Why it was refused or stopped (the first errors, for the history).</summary>
    public string? Error { get; set; }
    /// <summary>The process writing it (<c>ProcessOwner</c>) and when it last wrote a slice: a running import whose process is gone, or that has not written for minutes, is undone.</summary>
    public string? Owner { get; set; }
    public DateTime? HeartbeatUtc { get; set; }
}

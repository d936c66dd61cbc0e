namespace Ventanilla.Data;

/// <summary>The role an area plays in the procedure; ordinary areas answer routings.</summary>
public enum AreaKind
{
    General = 0,
    AtencionUsuarios = 1,
    DireccionComercial = 2,
    OficialiaPartes = 3,
}

/// <summary>An entry of a catalog the administrator keeps (areas, petition types): a name, a place in the lists, active or not.</summary>
public interface ICatalogEntry : IVersioned
{
    int Id { get; }
    string Name { get; set; }
    int SortOrder { get; set; }
    bool IsActive { get; set; }
}

/// <summary>An area of the organismo that petitions can be routed to.</summary>
public class Area : ICatalogEntry
{
    public int Id { get; set; }
    /// <summary>The import that created it (catalog entries a legacy file named); removed again if that import is rolled back.</summary>
    public int? ImportRunId { get; set; }
    public string Name { get; set; } = "";
    public AreaKind Kind { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }
}

public class PetitionType : ICatalogEntry
{
    public int Id { get; set; }
    /// <summary>The import that created it (catalog entries a legacy file named); removed again if that import is rolled back.</summary>
    public int? ImportRunId { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Whether citizens may file it online at <c>/tramite</c>.</summary>
    public bool AvailableOnline { get; set; }
    /// <summary>The documents a citizen needs to file it online, one per line, shown before they start.</summary>
    public string? OnlineRequirements { get; set; }
    /// <summary>The series of the classification chart its closed files go to (null: not classified yet).</summary>
    public int? ArchiveSeriesId { get; set; }
    /// <summary>
    /// Set for the types that are requests under the personal-data law (ARCO: access, rectification, cancellation,
    /// opposition): they run on the ARCO term instead of the procedure's, may be extended once, and open the tools that
    /// answer them.
    /// </summary>
    public ArcoRight? ArcoRight { get; set; }
    public long Version { get; set; }
}

/// <summary>The right a personal-data request exercises (derechos ARCO).</summary>
public enum ArcoRight
{
    Acceso = 0,
    Rectificacion = 1,
    Cancelacion = 2,
    Oposicion = 3,
}

/// <summary>
/// A customer office of the utility (the head office and its branches). Its kiosk, desks, service lines and displays
/// are its own; petitions record the office that received them. An installation starts with one, «Oficina principal»,
/// and with one office nothing on screen mentions offices.
/// </summary>
public class Office : IVersioned
{
    /// <summary>The office every installation has, and that everything made before offices existed belongs to.</summary>
    public const int MainId = 1;
    public const string MainName = "Oficina principal";

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }
}

/// <summary>A queue of the kiosk: turns of a category read "A-017".</summary>
public class ServiceCategory : IVersioned
{
    public int Id { get; set; }
    /// <summary>The office whose kiosk offers it (each office has its own lines, numbered apart).</summary>
    public int OfficeId { get; set; } = Office.MainId;
    public Office? Office { get; set; }
    public string Letter { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>CSS colour of the kiosk button and display row, e.g. <c>#1565c0</c>.</summary>
    public string Color { get; set; } = "#1565c0";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }
}

/// <summary>A numbered service desk (módulo / ventanilla).</summary>
public class Desk : IVersioned
{
    public int Id { get; set; }
    public int OfficeId { get; set; } = Office.MainId;
    public Office? Office { get; set; }
    public int Number { get; set; }
    public string Name { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }
    public List<DeskCategory> Categories { get; set; } = [];
}

public class DeskCategory
{
    public int DeskId { get; set; }
    public Desk? Desk { get; set; }
    public int ServiceCategoryId { get; set; }
    public ServiceCategory? ServiceCategory { get; set; }
    /// <summary>Bookings this desk takes in each of the category's appointment slots; 0: it serves walk-ins only.</summary>
    public int AppointmentsPerSlot { get; set; }
}

/// <summary>
/// One of the organismo's own non-working days, or a range of them (a vacation period).
/// Weekends and the federal rest days are not stored: they come from the calendar rules.
/// </summary>
public class NonWorkingDay : IVersioned
{
    public int Id { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public string Description { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; }
}

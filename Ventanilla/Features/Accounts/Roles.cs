namespace Ventanilla.Features.Accounts;

/// <summary>The roles of DESIGN.md §2. The key is what the code, the database and the CLI use.</summary>
public static class Roles
{
    public const string Administrador = nameof(Administrador);
    public const string Recepcion = nameof(Recepcion);
    public const string AtencionUsuarios = nameof(AtencionUsuarios);
    public const string Area = nameof(Area);
    public const string DireccionComercial = nameof(DireccionComercial);
    public const string OficialiaPartes = nameof(OficialiaPartes);
    public const string Pantalla = nameof(Pantalla);

    /// <summary>Every role, for [Authorize(Roles = …)] on what any member of staff (and the TV) may see.</summary>
    public const string AnyRole = $"{Administrador},{Recepcion},{AtencionUsuarios},{Area},{DireccionComercial},{OficialiaPartes},{Pantalla}";

    // The sets of roles the pages, the endpoints, the menu and the services' checks share, written once: each is the
    // comma list [Authorize(Roles = …)] takes, and In() splits it for the checks in code.

    /// <summary>Atención a Usuarios and the Director (who can do all they do): serve, route, answer, deliver.</summary>
    public const string Attention = $"{AtencionUsuarios},{DireccionComercial}";

    /// <summary>Who sees every petition and may register one (the Oficialía by letter).</summary>
    public const string Staff = $"{Attention},{OficialiaPartes}";

    /// <summary>Who may open the Control de Peticiones: the staff, and the areas for their own routings.</summary>
    public const string PetitionReaders = $"{Staff},{Area}";

    /// <summary>Who registers a petition received by letter.</summary>
    public const string WrittenRegistrars = $"{OficialiaPartes},{DireccionComercial}";

    /// <summary>Who reads the monthly indicators.</summary>
    public const string IndicatorReaders = $"{DireccionComercial},{AtencionUsuarios},{Administrador}";

    /// <summary>The roles of a set (or of a single role).</summary>
    public static string[] In(string set) => set.Split(',');

    public static IReadOnlyList<RoleInfo> All { get; } =
    [
        new(Administrador, "Administrador", "Usuarios, catálogos, calendario, plazos e importación"),
        new(Recepcion, "Recepción", "Quiosco: registrar visitas y entregar turnos"),
        new(AtencionUsuarios, "Atención a Usuarios", "Módulos: atender, crear peticiones, turnar, dar seguimiento y entregar"),
        new(Area, "Área", "Peticiones turnadas a sus áreas: consultar, informar avances y responder"),
        new(DireccionComercial, "Dirección Comercial", "Lo de Atención a Usuarios, más aprobar o devolver respuestas"),
        new(OficialiaPartes, "Oficialía de Partes", "Peticiones por escrito, acuses y cierre de folios"),
        new(Pantalla, "Pantalla", "Solo las pantallas de sala de espera y de seguimiento"),
    ];

    public static string DisplayName(string key) => All.FirstOrDefault(r => r.Key == key)?.DisplayName ?? key;

    /// <summary>Matches a role typed by a person ("Recepción", "atencionusuarios") to its key, ignoring case and accents.</summary>
    public static string? Match(string? typed)
    {
        var folded = TextFold.Key(typed);
        if (folded.Length == 0) return null;
        return All.FirstOrDefault(r => TextFold.Key(r.Key) == folded || TextFold.Key(r.DisplayName) == folded)?.Key;
    }
}

public sealed record RoleInfo(string Key, string DisplayName, string Description);

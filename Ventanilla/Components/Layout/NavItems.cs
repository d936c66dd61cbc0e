using MudBlazor;

namespace Ventanilla.Components.Layout;

/// <summary>An entry of the navigation menu and the roles that may see it (empty: every signed-in user).</summary>
public sealed record NavItem(string Href, string Title, string Icon, string Group, params string[] Roles)
{
    public bool IsVisibleTo(Func<string, bool> isInRole) => Roles.Length == 0 || Roles.Any(isInRole);
}

/// <summary>
/// The menu in one list. Each page also carries its own [Authorize(Roles=…)], enforced by the server;
/// the menu only avoids showing people links they cannot use.
/// </summary>
public static class NavItems
{
    public const string GroupGeneral = "General";
    public const string GroupAttention = "Atención";
    public const string GroupDisplays = "Pantallas";
    public const string GroupAdmin = "Administración";

    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("", "Inicio", Icons.Material.Filled.Home, GroupGeneral),
        new("turnos", "Turnos", Icons.Material.Filled.Campaign, GroupAttention, Roles.In(Roles.Attention)),
        new("visitas", "Control de Usuarios", Icons.Material.Filled.FactCheck, GroupAttention, Roles.In(Roles.Attention)),
        new("peticiones", "Control de Peticiones", Icons.Material.Filled.Folder, GroupAttention,
            Roles.In(Roles.PetitionReaders)),
        new("peticiones/tablero", "Tablero por área", Icons.Material.Filled.ViewKanban, GroupAttention, Roles.In(Roles.Attention)),
        new("avisos", "Avisos", Icons.Material.Filled.NotificationsActive, GroupAttention, Roles.In(Roles.PetitionReaders)),
        new("seguimiento", "Seguimiento diario", Icons.Material.Filled.EventRepeat, GroupAttention, Roles.In(Roles.Attention)),
        new("firma", "Mi firma electrónica", Icons.Material.Filled.Draw, GroupAttention, Roles.DireccionComercial),
        new("citas", "Citas del día", Icons.Material.Filled.EventNote, GroupAttention, Roles.In($"{Roles.Attention},{Roles.Recepcion},{Roles.Administrador}")),
        new("kiosco", "Quiosco", Icons.Material.Filled.TouchApp, GroupDisplays, Roles.Recepcion),
        new("indicadores", "Indicadores del mes", Icons.Material.Filled.Insights, GroupAttention,
            Roles.In(Roles.IndicatorReaders)),
        new("pantalla/turnos", "Sala de espera", Icons.Material.Filled.Tv, GroupDisplays, Roles.Pantalla),
        new("pantalla/seguimiento", "Tablero de semáforos", Icons.Material.Filled.Traffic, GroupDisplays, Roles.In(Roles.AnyRole)),
        new("admin/usuarios", "Usuarios", Icons.Material.Filled.People, GroupAdmin, Roles.Administrador),
        new("admin/catalogos", "Catálogos", Icons.Material.Filled.ListAlt, GroupAdmin, Roles.Administrador),
        new("admin/calendario", "Calendario", Icons.Material.Filled.CalendarMonth, GroupAdmin, Roles.Administrador),
        new("admin/ajustes", "Ajustes", Icons.Material.Filled.Tune, GroupAdmin, Roles.Administrador),
        new("admin/citas", "Citas", Icons.Material.Filled.EventAvailable, GroupAdmin, Roles.Administrador),
        new("admin/correo", "Correo a ciudadanos", Icons.Material.Filled.Email, GroupAdmin, Roles.Administrador),
        new("archivo", "Archivo", Icons.Material.Filled.Inventory2, GroupAdmin, Roles.In(Ventanilla.Features.Archive.ArchiveCatalog.ReadRoles)),
        new("admin/aviso-de-privacidad", "Aviso de privacidad", Icons.Material.Filled.PrivacyTip, GroupAdmin, Roles.Administrador),
        new("admin/conservacion", "Conservación de datos", Icons.Material.Filled.AutoDelete, GroupAdmin, Roles.Administrador),
        new("admin/accesos", "Bitácora de accesos", Icons.Material.Filled.ManageSearch, GroupAdmin, Roles.Administrador),
        new("importar", "Importar peticiones", Icons.Material.Filled.UploadFile, GroupAdmin, Roles.Administrador),
        new("admin/padron", "Padrón de usuarios", Icons.Material.Filled.HomeWork, GroupAdmin, Roles.Administrador),
        new("admin/api", "API para otros sistemas", Icons.Material.Filled.Api, GroupAdmin, Roles.Administrador),
    ];

    public static IEnumerable<NavItem> For(Func<string, bool> isInRole) => All.Where(i => i.IsVisibleTo(isInRole));
}

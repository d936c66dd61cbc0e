namespace Ventanilla.Features.Help;

/// <summary>
/// Which part of the manual explains each page: the «Ayuda» button of the top bar opens it. One list, matched by
/// the longest route prefix; a page not listed opens the manual's index. A test checks that every menu entry has
/// its own topic and that every topic's page and heading exist.
/// </summary>
public static class HelpTopics
{
    public sealed record Topic(string Page, string? Anchor = null)
    {
        public string Href => ManualPages.HrefOf(Page, Anchor);
    }

    public static readonly Topic Index = new("");

    /// <summary>Route (relative to the app's base, without «/») → its part of the manual.</summary>
    public static IReadOnlyList<(string Route, Topic Topic)> Routes { get; } =
    [
        ("kiosco", new("recepcion")),
        ("turnos", new("recepcion")),
        ("visitas", new("recepcion")),
        ("citas", new("recepcion", "citas-del-día")),
        ("pantalla/turnos", new("recepcion")),
        ("peticiones", new("peticiones", "peticiones")),
        ("peticiones/nueva", new("peticiones", "peticiones")),
        ("peticiones/tablero", new("peticiones", "peticiones")),
        ("seguimiento", new("peticiones", "peticiones")),
        ("firma", new("peticiones", "respuesta-firmada")),
        ("avisos", new("peticiones", "avisos-y-escalamiento")),
        ("arco", new("peticiones", "solicitudes-de-derechos-arco")),
        ("pantalla/seguimiento", new("seguimiento")),
        ("indicadores", new("indicadores")),
        ("admin/usuarios", new("", "roles")),
        ("admin/catalogos", new("", "pantallas")),
        ("admin/calendario", new("administracion", "calendario")),
        ("admin/ajustes", new("administracion", "ajustes")),
        ("admin/citas", new("administracion", "citas")),
        ("admin/correo", new("ciudadano", "avisos-por-correo")),
        ("archivo", new("administracion", "archivo")),
        ("admin/aviso-de-privacidad", new("administracion", "aviso-de-privacidad")),
        ("admin/conservacion", new("administracion", "conservación-de-datos-personales")),
        ("admin/accesos", new("administracion", "bitácora-de-accesos-a-datos-personales")),
        ("importar", new("administracion", "importar-el-control-anterior")),
        ("admin/padron", new("administracion", "padrón-de-usuarios")),
        ("admin/api", new("administracion", "api-para-otros-sistemas")),
    ];

    /// <summary>The topic of a page's address (relative to the app's base; query and fragment ignored).</summary>
    public static Topic For(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0].Trim('/');
        // A folio's own page: its documents (the expediente) are what is explained only there.
        if (path.StartsWith("peticiones/", StringComparison.Ordinal) && !Routes.Any(r => r.Route == path))
        {
            return new("peticiones", "expediente");
        }
        return Routes.Where(r => path == r.Route || path.StartsWith(r.Route + "/", StringComparison.Ordinal))
            .OrderByDescending(r => r.Route.Length).Select(r => r.Topic).FirstOrDefault() ?? Index;
    }
}

namespace Ventanilla.Features.Api;

/// <summary>
/// What a token may call. A scope opens endpoints; what the call may then do is still decided by the roles, areas and
/// offices of the account the token acts for, in the same services the pages use.
/// </summary>
public static class ApiScopes
{
    public const string ReadPetitions = "peticiones:leer";
    public const string WritePetitions = "peticiones:escribir";
    public const string Queue = "turnos:leer";
    public const string Appointments = "citas:leer";
    public const string Padron = "padron:leer";
    public const string Indicators = "indicadores:leer";

    public static IReadOnlyList<(string Key, string Description)> All { get; } =
    [
        (ReadPetitions, "Consultar peticiones: la lista con sus filtros, una petición con su historia, turnos y documentos"),
        (WritePetitions, "Registrar peticiones por escrito, anotar seguimientos de los turnos y adjuntar documentos"),
        (Queue, "Consultar la fila del día: en espera por categoría, personas en atención y últimos llamados"),
        (Appointments, "Consultar las citas de un día"),
        (Padron, "Buscar cuentas en el padrón de usuarios"),
        (Indicators, "Consultar los indicadores de un mes"),
    ];

    /// <summary>The scopes typed or ticked, checked and in the catalogue's order; a Spanish refusal names an unknown one.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string>? typed)
    {
        var wanted = (typed ?? []).SelectMany(t => t.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => t.ToLowerInvariant()).ToHashSet();
        var unknown = wanted.Where(w => All.All(s => s.Key != w)).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleException($"Alcances: {string.Join(", ", unknown.Select(u => $"«{u}»"))} no existe; los que hay son {string.Join(", ", All.Select(s => s.Key))}.");
        }
        if (wanted.Count == 0) throw new RuleException("Alcances: elija al menos uno.");
        return [.. All.Select(s => s.Key).Where(wanted.Contains)];
    }
}

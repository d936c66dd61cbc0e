namespace Ventanilla.Features.Webhooks;

/// <summary>
/// What a subscription can be told. Each delivery is thin: what happened and to what (folio, turn, appointment), not
/// the personal data; the receiver reads the rest through the API with its own token.
/// </summary>
public static class WebhookEvents
{
    public const string PetitionRegistered = "peticion.registrada";
    public const string PetitionRouted = "peticion.turnada";
    public const string PetitionStatusChanged = "peticion.estado-cambiado";
    public const string ResponseApproved = "peticion.respuesta-aprobada";
    public const string PetitionDelivered = "peticion.entregada";
    public const string PetitionClosed = "peticion.cerrada";
    public const string TurnCalled = "turno.llamado";
    public const string AppointmentBooked = "cita.agendada";
    public const string AppointmentCancelled = "cita.cancelada";

    public static IReadOnlyList<(string Key, string Description)> All { get; } =
    [
        (PetitionRegistered, "Se registró una petición (en persona, por escrito, en línea o por la API)"),
        (PetitionRouted, "Se turnó una petición a un área"),
        (PetitionStatusChanged, "Una petición cambió de estado"),
        (ResponseApproved, "La Dirección Comercial aprobó la respuesta"),
        (PetitionDelivered, "Se entregó la respuesta"),
        (PetitionClosed, "Se cerró una petición (cerrada, cancelada o sin acreditación)"),
        (TurnCalled, "Se llamó un turno a un módulo"),
        (AppointmentBooked, "Se agendó una cita"),
        (AppointmentCancelled, "Se canceló una cita"),
    ];

    /// <summary>The events a line of a petition's history is (none for the history's other lines, nor for an import).</summary>
    public static IEnumerable<string> Of(PetitionEvent line)
    {
        var kind = line.Kind switch
        {
            Petitions.PetitionEvents.Registered => PetitionRegistered,
            Petitions.PetitionEvents.Routed => PetitionRouted,
            Petitions.PetitionEvents.Approved => ResponseApproved,
            Petitions.PetitionEvents.Delivered => PetitionDelivered,
            Petitions.PetitionEvents.Closed or Petitions.PetitionEvents.ClosedWithoutProof or Petitions.PetitionEvents.Cancelled => PetitionClosed,
            _ => null,
        };
        if (kind is not null) yield return kind;
        if (line.FromStatus is { } from && line.ToStatus is { } to && from != to) yield return PetitionStatusChanged;
    }

    /// <summary>The kinds ticked or typed, checked, in the catalogue's order; a Spanish refusal names an unknown one.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string>? typed)
    {
        var wanted = (typed ?? []).SelectMany(t => t.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => t.ToLowerInvariant()).ToHashSet();
        var unknown = wanted.Where(w => All.All(e => e.Key != w)).ToList();
        if (unknown.Count > 0) throw new RuleException($"Eventos: {string.Join(", ", unknown.Select(u => $"«{u}»"))} no existe.");
        if (wanted.Count == 0) throw new RuleException("Eventos: elija al menos uno.");
        return [.. All.Select(e => e.Key).Where(wanted.Contains)];
    }
}

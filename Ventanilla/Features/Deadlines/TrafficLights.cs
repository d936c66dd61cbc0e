namespace Ventanilla.Features.Deadlines;

/// <summary>
/// How a light is said and drawn, the same on every screen and file: the list, the kanban, the wall board, the export.
/// The colour's name is the procedure's word (semáforo verde, amarillo, rojo); the shape lets someone who cannot tell
/// red from green read it; the meaning is the short gloss the wall board shows under the name.
/// </summary>
public static class TrafficLights
{
    public static IReadOnlyList<TrafficLight> All { get; } = Enum.GetValues<TrafficLight>();

    public static string Label(TrafficLight light) => light switch
    {
        TrafficLight.Verde => "Verde",
        TrafficLight.Amarillo => "Amarillo",
        TrafficLight.Rojo => "Rojo",
        _ => "En pausa",
    };

    public static string Meaning(TrafficLight light) => light switch
    {
        TrafficLight.Verde => "en tiempo",
        TrafficLight.Amarillo => "por vencer",
        TrafficLight.Rojo => "vencidas",
        _ => "esperando al usuario",
    };

    public static string Shape(TrafficLight light) => light switch
    {
        TrafficLight.Verde => "●",
        TrafficLight.Amarillo => "▲",
        TrafficLight.Rojo => "■",
        _ => "❚❚",
    };

    /// <summary>The CSS class suffix (light-verde, light-rojo…).</summary>
    public static string Css(TrafficLight light) => light.ToString().ToLowerInvariant();

    /// <summary>
    /// Business days left, in words. <paramref name="overdue"/> covers a petition due on a Friday seen on the weekend:
    /// zero business days left and already late.
    /// </summary>
    public static string DaysText(int daysLeft, bool overdue) => (daysLeft, overdue) switch
    {
        (0, true) => "vencida",
        (< -1, _) => $"vencida hace {-daysLeft} días",
        (-1, _) => "vencida hace 1 día",
        (0, _) => "vence hoy",
        (1, _) => "vence en 1 día",
        _ => $"vence en {daysLeft} días",
    };
}

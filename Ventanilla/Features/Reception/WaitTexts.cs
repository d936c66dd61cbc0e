namespace Ventanilla.Features.Reception;

/// <summary>The words for a wait, the same on the kiosk, the printed ticket, the TV and the visitor's phone.</summary>
public static class WaitTexts
{
    public static string Ahead(int ahead) => ahead switch
    {
        0 => "Usted es el siguiente.",
        1 => "Hay 1 persona antes que usted.",
        _ => $"Hay {ahead} personas antes que usted.",
    };

    /// <summary>The estimated wait for a sentence ("Tiempo estimado de espera: unos 12 minutos.").</summary>
    public static string Wait(int? minutes) => minutes switch
    {
        null => "Aún no hay un módulo atendiendo este servicio; le llamarán en cuanto abra uno.",
        <= 1 => "Le llamarán en cualquier momento.",
        _ => $"Tiempo estimado de espera: unos {minutes} minutos.",
    };

    /// <summary>The estimate in a few characters, for the TV's lines ("≈ 12 min").</summary>
    public static string Short(int? minutes) => minutes switch
    {
        null => "",
        <= 1 => "< 2 min",
        _ => $"≈ {minutes} min",
    };
}

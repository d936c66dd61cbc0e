namespace Ventanilla.Features.Reception;

/// <summary>What the waiting room's TV says for a call: «Turno A 17, módulo 3», as a person at the desk would say it.</summary>
public static class SpokenCalls
{
    public static string Text(string code, string deskName)
    {
        // "A-017" is read "A 17": the letter, then the number without its leading zeros.
        var dash = code.IndexOf('-');
        var spokenCode = dash > 0 && int.TryParse(code[(dash + 1)..], out var number) ? $"{code[..dash]} {number}" : code;
        var desk = deskName.Length > 0 ? char.ToLower(deskName[0], VentanillaHosting.Culture) + deskName[1..] : deskName;
        return $"Turno {spokenCode}, {desk}";
    }
}

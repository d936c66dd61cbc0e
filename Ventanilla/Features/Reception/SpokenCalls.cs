namespace Ventanilla.Features.Reception;

/// <summary>
/// What the waiting room's TV says for a call: «Turno A 17, módulo 3», as a person at the desk would say it; a turn
/// re-issued by a transfer also says the code on the visitor's paper: «Turno B 2, antes E 1, módulo 3».
/// </summary>
public static class SpokenCalls
{
    public static string Text(CallShown call) => Text(call.Code, call.DeskName, call.IssuedCode);

    public static string Text(string code, string deskName, string? issuedCode = null)
    {
        var desk = deskName.Length > 0 ? char.ToLower(deskName[0], VentanillaHosting.Culture) + deskName[1..] : deskName;
        return issuedCode is null ? $"Turno {Spoken(code)}, {desk}" : $"Turno {Spoken(code)}, antes {Spoken(issuedCode)}, {desk}";
    }

    /// <summary>"A-017" is read "A 17": the letter, then the number without its leading zeros.</summary>
    private static string Spoken(string code)
    {
        var dash = code.IndexOf('-');
        return dash > 0 && int.TryParse(code[(dash + 1)..], out var number) ? $"{code[..dash]} {number}" : code;
    }
}

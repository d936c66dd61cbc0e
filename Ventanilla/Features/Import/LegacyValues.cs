using System.Globalization;

namespace Ventanilla.Features.Import;

/// <summary>How the office's spreadsheets write dates, yes/no, channels, statuses and lists of areas.</summary>
public static class LegacyValues
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "d/M/yy", "yyyy-MM-dd"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"];

    private static readonly CultureInfo TwoDigitYears2000s = TwoDigitYearsIn2000s();

    private static CultureInfo TwoDigitYearsIn2000s()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.Calendar.TwoDigitYearMax = 2099;
        return culture;
    }

    /// <summary>
    /// A date as <c>dd/MM/yyyy</c>, <c>d/M/yyyy</c>, <c>dd/MM/yy</c> or <c>yyyy-MM-dd</c>, optionally followed by
    /// <c>HH:mm[:ss]</c>. Two-digit years are 20yy (the office has no petitions from the last century).
    /// </summary>
    public static bool TryDate(string text, out DateOnly date, out TimeOnly? time)
    {
        time = null;
        date = default;
        var parts = text.Trim().Split([' ', 'T'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return false;
        if (!DateOnly.TryParseExact(parts[0], DateFormats, TwoDigitYears2000s, DateTimeStyles.None, out date)) return false;
        if (parts.Length == 1) return true;
        if (!TimeOnly.TryParseExact(parts[1], TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return false;
        time = t;
        return true;
    }

    /// <summary>Sí/Si/S/X/1/true (any case) is yes; No/N/0/false or empty is no; anything else is not a yes/no.</summary>
    public static bool? YesNo(string text) => TextFold.Key(text) switch
    {
        "si" or "s" or "x" or "1" or "true" or "verdadero" => true,
        "" or "no" or "n" or "0" or "false" or "falso" => false,
        _ => null,
    };

    /// <summary>Empty means in person, the way most visits arrive.</summary>
    public static PetitionChannel? Channel(string text) => TextFold.Key(text) switch
    {
        "" or "presencial" or "ventanilla" or "personal" or "enpersona" => PetitionChannel.Presencial,
        "escrito" or "porescrito" or "oficio" or "oficialia" or "oficialiadepartes" => PetitionChannel.Escrito,
        "enlinea" or "linea" or "internet" or "web" or "portal" => PetitionChannel.EnLinea,
        _ => null,
    };

    /// <summary>
    /// The legacy words of the issue, and every status name of the export as itself. An open legacy status
    /// becomes Turnada when the row names areas, otherwise Registrada; an empty status counts as open.
    /// </summary>
    public static PetitionStatus? Status(string text, bool hasAreas)
    {
        var open = hasAreas ? PetitionStatus.Turnada : PetitionStatus.Registrada;
        return TextFold.Key(text) switch
        {
            "" or "entramite" or "pendiente" or "turnado" or "enproceso" => open,
            "concluido" or "atendido" or "contestado" or "cerrado" or "entregado" => PetitionStatus.Cerrada,
            "cancelado" => PetitionStatus.Cancelada,
            "sinacreditacion" or "noacredito" => PetitionStatus.CerradaSinAcreditacion,
            "registrada" => PetitionStatus.Registrada,
            "esperandoalusuario" => PetitionStatus.EsperandoUsuario,
            "turnada" => PetitionStatus.Turnada,
            "enrespuesta" => PetitionStatus.EnRespuesta,
            "enrevision" => PetitionStatus.EnRevision,
            "aprobada" => PetitionStatus.Aprobada,
            "entregada" => PetitionStatus.Entregada,
            "cerrada" => PetitionStatus.Cerrada,
            "cerradasinacreditacion" => PetitionStatus.CerradaSinAcreditacion,
            "cancelada" => PetitionStatus.Cancelada,
            _ => null,
        };
    }

    /// <summary>Areas separated by <c>,</c> <c>;</c> <c>/</c> or <c>|</c>, each trimmed; empty ones dropped.</summary>
    public static IReadOnlyList<string> Areas(string text)
        => [.. text.Split([',', ';', '/', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(a => a.Length > 0)];
}

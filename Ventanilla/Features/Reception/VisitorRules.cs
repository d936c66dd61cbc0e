using System.Globalization;
using System.Text;

namespace Ventanilla.Features.Reception;

/// <summary>
/// Checks and tidies what a visitor or clerk types about a person: name, account number, phone, e-mail. Each problem
/// is reported with the field's Spanish name; everything is collected so the person fixes it in one go.
/// </summary>
public static class VisitorRules
{
    public const int MaxNameLength = 120;
    public const int MaxAccountLength = 30;

    /// <summary>A person's name: letters (any accent), spaces and . ' - only; inner spaces collapsed. Null when empty.</summary>
    public static string? Name(string? value, List<string> errors, string field = "Nombre", bool required = false)
    {
        var text = Collapse(value);
        if (text.Length == 0)
        {
            if (required) errors.Add($"{field}: es obligatorio.");
            return null;
        }
        if (text.Length > MaxNameLength)
        {
            errors.Add(RuleException.TooLong(field, MaxNameLength, text.Length));
            return null;
        }
        foreach (var rune in text.EnumerateRunes())
        {
            var allowed = Rune.IsLetter(rune) || rune.Value is ' ' or '.' or '\'' or '-'
                || Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark;
            if (!allowed)
            {
                errors.Add($"{field}: use solo letras, espacios, punto, guion o apóstrofo («{rune}» no se admite).");
                return null;
            }
        }
        return text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The water-service account number as the commercial system writes it: digits, optionally grouped with hyphens, and
    /// the letters some systems use (upper-cased, so «ab-12» and «AB-12» are one account); spaces dropped. One rule for
    /// what people type and what the padrón holds, so every account of the padrón can be typed. Null when empty.
    /// </summary>
    public static string? AccountNumber(string? value, List<string> errors, string field = "Número de cuenta")
    {
        var text = (value ?? "").Trim().Replace(" ", "").ToUpperInvariant();
        if (text.Length == 0) return null;
        if (text.Length > MaxAccountLength || !text.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c == '-') || !text.Any(char.IsAsciiDigit)
            || text.StartsWith('-') || text.EndsWith('-'))
        {
            errors.Add($"{field}: use letras, dígitos y guiones (al menos un dígito), hasta {MaxAccountLength} caracteres, como viene en el recibo (por ejemplo 01-234-5678).");
            return null;
        }
        return text;
    }

    /// <summary>Whether an account number has letters: then the account fields open the full keyboard, not the numeric one.</summary>
    public static bool HasLetters(string accountNumber) => accountNumber.Any(char.IsAsciiLetter);

    /// <summary>The <c>inputmode</c> of an account field: numeric, unless the office's accounts have letters.</summary>
    public static string AccountKeyboard(AppSettings settings) => settings.AccountsHaveLetters ? "text" : "numeric";

    /// <summary>A Mexican phone: 10 digits (spaces, hyphens, parentheses and a leading +52 are tolerated). Null when empty.</summary>
    public static string? Phone(string? value, List<string> errors, string field = "Teléfono")
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var onlyPunctuation = text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+' or '.');
        if (digits.Length == 12 && digits.StartsWith("52")) digits = digits[2..];
        if (!onlyPunctuation || digits.Length != 10)
        {
            errors.Add($"{field}: escriba 10 dígitos (por ejemplo 55 1234 5678).");
            return null;
        }
        return digits;
    }

    public const int MaxEmailLength = 200;

    /// <summary>
    /// An e-mail address for the citizen's notices: one plain mailbox (name@domain.tld), no display name or list.
    /// Null when empty. Kept as typed but trimmed and with the domain in lower case.
    /// </summary>
    public static string? Email(string? value, List<string> errors, string field = "Correo electrónico")
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0) return null;
        if (text.Length > MaxEmailLength)
        {
            errors.Add(RuleException.TooLong(field, MaxEmailLength, text.Length));
            return null;
        }
        var at = text.LastIndexOf('@');
        var valid = at > 0 && at < text.Length - 1 && text.IndexOf('@') == at
            && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"' or '(' or ')' or '[' or ']' or '\\')
            && text[(at + 1)..] is var domain && domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..")
            && MimeKit.MailboxAddress.TryParse(text, out var parsed) && parsed.Address == text;
        if (!valid)
        {
            errors.Add($"{field}: «{text}» no es una dirección de correo válida (por ejemplo nombre@dominio.com).");
            return null;
        }
        return text[..(at + 1)] + text[(at + 1)..].ToLowerInvariant();
    }

    private static string Collapse(string? value)
        => string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The kiosk's answers to «¿Requiere atención preferente?», in the order it shows them.</summary>
    public static IReadOnlyList<PreferentialReason> KioskPreferentialChoices { get; } =
        [PreferentialReason.None, PreferentialReason.OlderAdult, PreferentialReason.Pregnancy, PreferentialReason.Disability];

    public static string Label(PreferentialReason reason) => reason switch
    {
        PreferentialReason.OlderAdult => "Adulto mayor",
        PreferentialReason.Pregnancy => "Embarazo",
        PreferentialReason.Disability => "Discapacidad",
        _ => "",
    };

    public static string Label(VisitOutcome outcome) => outcome switch
    {
        VisitOutcome.Pending => "Pendiente",
        VisitOutcome.ImmediateSettlement => "Resuelto: liquidación inmediata",
        VisitOutcome.DiscountProgramme => "Resuelto: programa de descuento",
        VisitOutcome.RegistryCorrection => "Resuelto: corrección al padrón",
        VisitOutcome.Information => "Resuelto: información",
        VisitOutcome.OtherResolved => "Resuelto: otro",
        VisitOutcome.DocumentsRequested => "Se solicitaron documentos",
        VisitOutcome.PetitionCreated => "Petición",
        VisitOutcome.NoShow => "No se presentó",
        _ => outcome.ToString(),
    };

    public static string Label(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "En espera",
        TicketStatus.Called => "Llamado",
        TicketStatus.Serving => "En atención",
        TicketStatus.Done => "Atendido",
        TicketStatus.NoShow => "No se presentó",
        TicketStatus.Transferred => "Transferido",
        _ => status.ToString(),
    };

    /// <summary>The outcomes a clerk may record when finishing.</summary>
    public static IReadOnlyList<VisitOutcome> FinishOutcomes { get; } =
    [
        VisitOutcome.ImmediateSettlement, VisitOutcome.DiscountProgramme, VisitOutcome.RegistryCorrection,
        VisitOutcome.Information, VisitOutcome.OtherResolved, VisitOutcome.DocumentsRequested, VisitOutcome.PetitionCreated,
    ];
}

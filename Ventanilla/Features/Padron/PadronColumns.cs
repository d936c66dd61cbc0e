using System.Security.Cryptography;
using System.Text;
using Ventanilla.Features.Import;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Padron;

/// <summary>What a column of the commercial system's export holds.</summary>
public enum PadronField
{
    Cuenta, Titular, Domicilio, Colonia, CodigoPostal, ClaveCatastral, TipoServicio, Estatus, Telefono, FechaSaldo,
}

/// <summary>
/// The headers commercial systems give their exports (SAP IS-U and the local «sistemas comerciales»), matched ignoring
/// case, accents, punctuation and spaces like the legacy import's (<see cref="TextFold.Key"/>).
/// </summary>
public static class PadronColumns
{
    private static readonly Dictionary<PadronField, string[]> Aliases = new()
    {
        [PadronField.Cuenta] = ["Número de cuenta", "No. de cuenta", "Cuenta contrato", "Contrato", "No. de contrato", "NIS", "Cuenta", "Account", "AccountNumber"],
        [PadronField.Titular] = ["Nombre del titular", "Nombre", "Propietario", "Usuario", "Cliente", "Holder", "CustomerName"],
        [PadronField.Domicilio] = ["Dirección", "Calle y número", "Domicilio del servicio", "Ubicación", "Calle", "ServiceAddress"],
        [PadronField.Colonia] = ["Col.", "Fraccionamiento", "Colony"],
        [PadronField.CodigoPostal] = ["Código postal", "CP", "C.P.", "PostalCode"],
        [PadronField.ClaveCatastral] = ["Clave catastral", "Catastral", "Cve. catastral", "CadastralKey"],
        [PadronField.TipoServicio] = ["Tipo de servicio", "Tarifa", "Uso", "Giro", "ServiceType"],
        [PadronField.Estatus] = ["Estado", "Situación", "Status", "Estado de la cuenta"],
        [PadronField.Telefono] = ["Teléfono", "Tel", "Celular", "Phone"],
        [PadronField.FechaSaldo] = ["Fecha de saldo", "Fecha del saldo", "Saldo al", "BalanceDate"],
    };

    private static readonly HeaderAliases<PadronField> Headers = new(Aliases);

    public static readonly PadronField[] Required = [PadronField.Cuenta, PadronField.Titular];

    public static string Label(PadronField field) => field switch
    {
        PadronField.Cuenta => "Cuenta",
        PadronField.Titular => "Titular",
        PadronField.Domicilio => "Domicilio",
        PadronField.Colonia => "Colonia",
        PadronField.CodigoPostal => "Código postal",
        PadronField.ClaveCatastral => "Clave catastral",
        PadronField.TipoServicio => "Tipo de servicio",
        PadronField.Estatus => "Estatus",
        PadronField.Telefono => "Teléfono",
        _ => "Fecha de saldo",
    };

    public static int? MaxLength(PadronField field) => field switch
    {
        PadronField.Cuenta => VisitorRules.MaxAccountLength,
        PadronField.Titular => 200,
        PadronField.Domicilio => 300,
        PadronField.Colonia => 120,
        PadronField.ClaveCatastral => 40,
        PadronField.TipoServicio => 60,
        _ => null,
    };

    public static PadronField? Match(string? header) => Headers.Match(header);

    public static IReadOnlyList<string> NamesOf(PadronField field) => [.. new[] { Label(field) }.Concat(Aliases.GetValueOrDefault(field) ?? []).Distinct()];

    /// <summary>How commercial systems write an account's status; empty means active.</summary>
    public static AccountStatus? Status(string text) => TextFold.Key(text) switch
    {
        "" or "activa" or "activo" or "a" or "vigente" or "normal" or "alta" or "1" => AccountStatus.Activa,
        "suspendida" or "suspendido" or "s" or "cortada" or "cortado" or "corte" or "restringida" or "restringido" => AccountStatus.Suspendida,
        "cancelada" or "cancelado" or "c" or "baja" or "inactiva" or "inactivo" or "0" => AccountStatus.Cancelada,
        _ => null,
    };

    public static string StatusLabel(AccountStatus status) => status switch
    {
        AccountStatus.Suspendida => "Suspendida",
        AccountStatus.Cancelada => "Cancelada",
        _ => "Activa",
    };
}

/// <summary>One account as read from a line of the file, checked.</summary>
public sealed record PadronRow(
    int Line, string AccountNumber, string HolderName, string? ServiceAddress, string? Colony, string? PostalCode, string? CadastralKey,
    string? ServiceType, AccountStatus Status, string? HolderPhone, DateOnly? BalanceDate)
{
    /// <summary>
    /// Reads a record through the header's mapping; what is wrong is added to <paramref name="errors"/> with the line
    /// (every problem of the line at once) and null is returned.
    /// </summary>
    public static PadronRow? Read(LegacyRecord record, IReadOnlyDictionary<PadronField, int> columns, List<ImportProblem> errors)
    {
        var problems = new List<string>();
        if (record.Problem is { } quoting) problems.Add(quoting);
        string? Cell(PadronField field)
        {
            if (!columns.TryGetValue(field, out var index) || index >= record.Fields.Length) return null;
            var value = record.Fields[index].Trim();
            if (value.Length == 0) return null;
            if (PadronColumns.MaxLength(field) is { } max && value.Length > max)
            {
                problems.Add($"{PadronColumns.Label(field)} pasa de {max} caracteres ({value.Length}).");
                return null;
            }
            return value;
        }
        // The desk's own rule, so every account of the padrón can be typed where accounts are typed (and matches them).
        var account = Cell(PadronField.Cuenta) is { } typed ? VisitorRules.AccountNumber(typed, problems, "Cuenta") : null;
        if (account is null && !problems.Any(p => p.StartsWith("Cuenta", StringComparison.Ordinal))) problems.Add("Cuenta: está vacía.");
        var holder = Cell(PadronField.Titular);
        if (holder is null && !problems.Any(p => p.StartsWith("Titular", StringComparison.Ordinal))) problems.Add("Titular: está vacío.");
        var statusText = Cell(PadronField.Estatus) ?? "";
        var status = PadronColumns.Status(statusText);
        if (status is null) problems.Add($"Estatus: «{statusText}» no es activa, suspendida ni cancelada.");
        var postal = Cell(PadronField.CodigoPostal);
        if (postal is not null && (postal.Length != 5 || !postal.All(char.IsAsciiDigit))) problems.Add($"Código postal: «{postal}» no son 5 dígitos.");
        var phoneErrors = new List<string>();
        var phone = VisitorRules.Phone(Cell(PadronField.Telefono), phoneErrors);
        problems.AddRange(phoneErrors);
        DateOnly? balance = null;
        if (Cell(PadronField.FechaSaldo) is { } dateText)
        {
            if (LegacyValues.TryDate(dateText, out var date, out _)) balance = date;
            else problems.Add($"Fecha de saldo: «{dateText}» no es una fecha (dd/mm/aaaa o aaaa-mm-dd).");
        }
        if (problems.Count > 0)
        {
            errors.Add(new ImportProblem(record.Line, null, $"{(account is null ? "" : $"cuenta {account}: ")}{string.Join(" ", problems)}"));
            return null;
        }
        return new PadronRow(record.Line, account!, holder!, Cell(PadronField.Domicilio), Cell(PadronField.Colonia), postal, Cell(PadronField.ClaveCatastral),
            Cell(PadronField.TipoServicio), status!.Value, phone, balance);
    }

    /// <summary>The content's fingerprint (the first 8 bytes of a SHA-256 of every field): equal for an unchanged account.</summary>
    public long ContentHash()
    {
        var text = string.Join('\u001f', AccountNumber, HolderName, ServiceAddress, Colony, PostalCode, CadastralKey, ServiceType, (int)Status, HolderPhone,
            BalanceDate?.ToString("yyyy-MM-dd"));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BitConverter.ToInt64(hash);
    }

    public CustomerAccount ToAccount(int importId) => new()
    {
        AccountNumber = AccountNumber, HolderName = HolderName, SearchName = TextFold.Fold(HolderName), ServiceAddress = ServiceAddress, Colony = Colony,
        PostalCode = PostalCode, SearchAddress = TextFold.Fold(string.Join(' ', new[] { ServiceAddress, Colony, PostalCode }.Where(x => x is not null))),
        CadastralKey = CadastralKey, ServiceType = ServiceType, Status = Status, HolderPhone = HolderPhone, BalanceDate = BalanceDate,
        ContentHash = ContentHash(), ValidFromImport = importId,
    };
}

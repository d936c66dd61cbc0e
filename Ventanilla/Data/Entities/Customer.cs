namespace Ventanilla.Data;

/// <summary>A water-service customer or any citizen who comes to the office (not a staff account).</summary>
public class Customer : IVersioned, IStagedByImport
{
    public int Id { get; set; }
    public int? ImportRunId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The name folded (lower case, no accents) so searches ignore how it was typed.</summary>
    public string SearchName { get; set; } = "";
    /// <summary>Número de cuenta / contrato of the water service, when the person has one.</summary>
    public string? AccountNumber { get; set; }
    public string? CadastralKey { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; }
}

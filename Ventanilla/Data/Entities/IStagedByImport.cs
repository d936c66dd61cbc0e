namespace Ventanilla.Data;

/// <summary>
/// Rows the legacy import writes in slices: hidden from every query (a global query filter) while their
/// <see cref="ImportRun"/> is pending, so an import is seen whole or not at all.
/// </summary>
public interface IStagedByImport
{
    int? ImportRunId { get; set; }
}

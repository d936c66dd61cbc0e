namespace Ventanilla.Data;

/// <summary>What happens to a file at the end of its semi-active period (the disposal catalogue's «destino final»).</summary>
public enum ArchiveDisposal
{
    /// <summary>Baja documental: destroyed, with its record.</summary>
    Baja = 1,
    /// <summary>Transferred to the historical archive for good.</summary>
    Historico = 2,
}

/// <summary>
/// A series of the office's classification chart (Ley General de Archivos, art. 13): its code and name, and its line
/// of the disposal catalogue: years in the active (trámite) archive after the file closes, then in the semi-active
/// (concentración) archive, and its final destination. Each petition type belongs to one series.
/// </summary>
public class ArchiveSeries : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int ActiveYears { get; set; }
    public int SemiActiveYears { get; set; }
    public ArchiveDisposal Disposal { get; set; } = ArchiveDisposal.Baja;
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }
}

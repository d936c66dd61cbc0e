namespace Ventanilla.Data;

/// <summary>
/// An entity two people may edit at once. SQLite has no row version, so the app bumps
/// <see cref="Version"/> on every update and EF checks it in the UPDATE's WHERE clause.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}

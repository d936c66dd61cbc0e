namespace Ventanilla.Features.Import;

/// <summary>
/// Writes the checked rows of one import run so that everybody else sees all of them or none: SQLite's writer stages
/// them in short slices (<see cref="ImportWriter"/>), PostgreSQL's writes them in one transaction
/// (<see cref="PostgresImportWriter"/>). Disposing a writer that was neither published nor rolled back rolls it back.
/// </summary>
internal interface IImportWriter : IAsyncDisposable
{
    /// <summary>Petitions written so far.</summary>
    int Written { get; }

    /// <summary>The pending run whose id tags every row written.</summary>
    int RunId { get; }

    Task WriteAsync(StagedPetition staged, Func<string, string> fold, CancellationToken ct);

    /// <summary>Makes every row of the run visible at once and records the run as <paramref name="complete"/> says.</summary>
    Task PublishAsync(Action<ImportRun> complete, CancellationToken ct);

    /// <summary>Removes everything the run wrote and records how it ended.</summary>
    Task RollBackAsync(Action<ImportRun> complete);
}

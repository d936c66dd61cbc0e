using Ventanilla.Features.Petitions;
namespace Ventanilla.Features.Import;

/// <summary>
/// A checked row with everything the writer stores already worked out: the instants, day 0 and due date from the
/// legal clock (unless the file is Ventanilla's own export and carries them), the on-time outcome, the folded name,
/// the folio's series and the event's note. Worked out on the reading thread, so the writing thread only binds values
/// (<see cref="ImportWriter"/>).
/// </summary>
internal sealed record StagedPetition(
    LegacyRow Row, DateTime ReceivedUtc, DateOnly DayZero, DateOnly Due, DateTime? ClosedUtc, bool? OnTime, string SearchName,
    string? FolioPrefix, int FolioYear, int FolioNumber, RoutingStatus RoutingStatus, DateTime? AnsweredUtc, string EventNote)
{
    public static StagedPetition From(LegacyRow row, LegalClock clock, TimeZoneInfo zone, int term, string fileName)
    {
        var opens = clock.Terms.Opens;
        DateTime Utc(DateOnly date, TimeOnly time) => TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), zone);

        var receivedUtc = Utc(row.ReceivedDate, row.ReceivedTime ?? opens);
        var dayZero = clock.DayZeroOf(receivedUtc);
        var due = row.DueDate ?? clock.DueDate(dayZero, term);
        // Legacy files seldom say whether the answer was on time: the answer (or, lacking it, the closing) date against the due date does.
        var answeredOn = row.ResponseDate ?? row.ClosedDate;
        var onTime = row.OnTime ?? (row.Status is PetitionStatus.Entregada or PetitionStatus.Cerrada && answeredOn is { } on ? LegalClock.IsOnTime(on, due) : null);
        var routingStatus = row.Status switch
        {
            PetitionStatus.Registrada or PetitionStatus.EsperandoUsuario or PetitionStatus.Turnada => RoutingStatus.Pending,
            PetitionStatus.Cancelada => RoutingStatus.Withdrawn,
            _ => RoutingStatus.Answered,
        };
        DateTime? answeredUtc = routingStatus == RoutingStatus.Answered && answeredOn is { } a ? Utc(a, new TimeOnly(12, 0)) : null;
        var (prefix, year, number) = FolioParts(row.Folio, row.ReceivedDate.Year);
        return new StagedPetition(
            row, receivedUtc, dayZero, due, row.ClosedDate is { } closed ? Utc(closed, new TimeOnly(12, 0)) : null, onTime, TextFold.Fold(row.Petitioner),
            prefix, year, number, routingStatus, answeredUtc, $"Importada del archivo «{fileName}», línea {row.Line}.");
    }

    /// <summary>A letter's forwarding instant is its reception, as the Oficialía's form records it; none for other channels.</summary>
    public DateTime? ForwardedUtc => PetitionChannels.StartsWithDirector(Row.Channel) ? ReceivedUtc : null;

    /// <summary>
    /// Imported while waiting on the petitioner: an open pause (for the ownership proof when a third party has a proof
    /// term), so "Reanudar" and the proof term work as for any other. Null otherwise.
    /// </summary>
    public PauseReason? OpenPause => Row.Status != PetitionStatus.EsperandoUsuario ? null
        : Row.IsThirdParty && Row.ProofDueDate is not null ? PauseReason.OwnershipProof : PauseReason.Documents;

    public const string OpenPauseNote = "Importada en espera del usuario.";

    /// <summary>Where the petition came from, kept on it: file and physical line.</summary>
    public string ImportSource(string fileName) => $"{fileName}:{Row.Line}";

    /// <summary>Raises the highest folio number seen for this row's series and year (the series then continues after it).</summary>
    public void NoteFolio(Dictionary<(string Prefix, int Year), int> highest)
    {
        if (FolioPrefix is not { } prefix) return;
        var key = (prefix, FolioYear);
        highest[key] = Math.Max(highest.GetValueOrDefault(key), FolioNumber);
    }

    /// <summary>Series and number of a folio PREFIJO-AAAA-NNNNN; other folios keep the reception year and no series.</summary>
    private static (string? Prefix, int Year, int Number) FolioParts(string folio, int receivedYear)
    {
        var parts = folio.Split('-');
        if (parts.Length == 3 && parts[0].Length is > 0 and <= 10 && parts[1].Length == 4 && int.TryParse(parts[1], out var year) && int.TryParse(parts[2], out var number))
        {
            return (parts[0], year, number);
        }
        return (null, receivedYear, 0);
    }
}

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// Petitions written straight into the register with the dates a test needs (years back, a given due date), as
/// the lifecycle or the legacy import would have left them. For read-side tests: boards and indicators.
/// </summary>
public static class PetitionRows
{
    private static int _next;

    /// <param name="receivedLocal">Office local time (Mexico City, UTC-6).</param>
    public static Petition Make(
        DateTime receivedLocal, DateOnly receptionDay, int typeId, PetitionStatus status, DateOnly? dueDate = null,
        PetitionChannel channel = PetitionChannel.Presencial, string petitioner = "Persona de prueba")
    {
        var number = Interlocked.Increment(ref _next);
        var receivedUtc = DateTime.SpecifyKind(receivedLocal.AddHours(6), DateTimeKind.Utc);
        return new Petition
        {
            Folio = $"AU-{receivedLocal.Year}-{number:00000}",
            FolioYear = receivedLocal.Year,
            FolioNumber = number,
            Channel = channel,
            ReceivedAtUtc = receivedUtc,
            DayZero = receptionDay,
            PetitionerName = petitioner,
            SearchName = TextFold.Fold(petitioner),
            PetitionTypeId = typeId,
            Subject = "Prueba",
            Status = status,
            TermDays = 15,
            DueDate = dueDate ?? receptionDay.AddDays(21),
            CreatedAtUtc = receivedUtc,
            ForwardedAtUtc = channel == PetitionChannel.Escrito ? null : receivedUtc,
        };
    }

    public static Routing Routing(int areaId, RoutingStatus status = RoutingStatus.Pending, DateTime? routedAtUtc = null)
        => new() { AreaId = areaId, Status = status, RoutedAtUtc = routedAtUtc ?? new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

    /// <summary>An office local time as the UTC instant stored (Mexico City has been UTC-6 all year since 2022).</summary>
    public static DateTime Utc(DateTime local) => DateTime.SpecifyKind(local.AddHours(6), DateTimeKind.Utc);
}

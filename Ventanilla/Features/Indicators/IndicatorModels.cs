namespace Ventanilla.Features.Indicators;

/// <summary>
/// Petitions of a month for one group (everything, an area or a type). <see cref="Closed"/> are those whose
/// answer was delivered in the month (what the legal term measures); the open ones are those still unanswered at
/// the month's end (or today, for the month in course), by business days of the term used.
/// </summary>
public sealed record PetitionStats(
    string Group, int Received, int Closed, int ClosedOnTime, double? AverageDays, double? MedianDays,
    int Open0To5, int Open6To10, int Open11To15, int OpenOver15)
{
    public double? OnTimePercent => Closed == 0 ? null : 100.0 * ClosedOnTime / Closed;
    public int Open => Open0To5 + Open6To10 + Open11To15 + OpenOver15;
}

/// <summary>
/// Visits of a month for one group (everything or a service category). Wait = arrival to first call; service =
/// start to end at the desk; resolved on the spot is counted over the visits attended (finished, not a no-show).
/// </summary>
public sealed record VisitStats(
    string Group, int Visits, double? AverageWaitMinutes, double? P90WaitMinutes, double? AverageServiceMinutes,
    int Attended, int ResolvedOnSpot)
{
    public double? ResolvedPercent => Attended == 0 ? null : 100.0 * ResolvedOnSpot / Attended;
}

/// <summary>One month of the comparison with the previous twelve.</summary>
public sealed record MonthTrend(
    DateOnly Month, int Received, int Closed, int ClosedOnTime, double? AverageDays,
    int Visits, double? AverageWaitMinutes, int Attended, int ResolvedOnSpot)
{
    public double? OnTimePercent => Closed == 0 ? null : 100.0 * ClosedOnTime / Closed;
    public double? ResolvedPercent => Attended == 0 ? null : 100.0 * ResolvedOnSpot / Attended;
}

/// <param name="Month">The first day of the month.</param>
/// <param name="AsOf">The month's last day, or today while the month is in course: the day "open" is measured at.</param>
/// <param name="ClosedWithoutAnswer">Cancelled, or closed because ownership was not proven, in the month.</param>
/// <param name="Trend">The month and the twelve before it, oldest first.</param>
/// <param name="Survey">«¿Cómo le atendimos?» for the visits of the month.</param>
/// <param name="Appointments">The bookings of the month's days and what became of them.</param>
/// <param name="Channels">How petitions arrived and how ownership was proven, the month and the twelve before it.</param>
public sealed record MonthIndicators(
    DateOnly Month, DateOnly AsOf,
    PetitionStats Petitions, IReadOnlyList<PetitionStats> ByArea, IReadOnlyList<PetitionStats> ByType, int ClosedWithoutAnswer,
    VisitStats Visits, IReadOnlyList<VisitStats> ByCategory,
    IReadOnlyList<MonthTrend> Trend, SurveyMonth Survey, AppointmentMonth Appointments, IReadOnlyList<ChannelMonth> Channels);

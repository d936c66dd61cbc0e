namespace Ventanilla.Features.Appointments;

/// <summary>One appointment slot of a category's day: its start (minutes from midnight) and how many bookings it holds.</summary>
public sealed record SlotPlan(int StartMinute, int Capacity)
{
    public TimeOnly Start => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(StartMinute));
}

/// <summary>
/// The slots of a day, worked out from the office's hours, the slot's length and the desks that take bookings: the
/// office's day is cut into slots from its opening; a slot must end by closing time. Each desk keeps its walk-in share
/// of the slots free of bookings, spread evenly over the day (with half kept, every other slot), and the desks take
/// turns (one desk's free slots are the next one's booked), so bookings are spread and walk-ins always find a desk.
/// </summary>
public static class AppointmentSchedule
{
    public static IReadOnlyList<SlotPlan> Plan(TimeOnly opens, TimeOnly closes, int slotMinutes, int walkInSharePercent, IReadOnlyList<int> perSlotByDesk)
    {
        if (slotMinutes <= 0) return [];
        var plan = new List<SlotPlan>();
        var bookedShare = 100 - Math.Clamp(walkInSharePercent, 0, 100);
        var end = Minute(closes);
        for (var (slot, start) = (0, Minute(opens)); start + slotMinutes <= end; slot++, start += slotMinutes)
        {
            var capacity = 0;
            for (var desk = 0; desk < perSlotByDesk.Count; desk++)
            {
                if (Bookable(slot + desk, bookedShare)) capacity += perSlotByDesk[desk];
            }
            plan.Add(new SlotPlan(start, capacity));
        }
        return plan;
    }

    /// <summary>
    /// Whether the <paramref name="n"/>-th slot of a desk may be booked when <paramref name="bookedShare"/> percent of
    /// them are: the slot in which the running share passes a whole slot (so 50 % books every other one, 75 % three in four).
    /// </summary>
    public static bool Bookable(int n, int bookedShare) => (n + 1) * bookedShare / 100 > n * bookedShare / 100;

    public static int Minute(TimeOnly time) => time.Hour * 60 + time.Minute;

    /// <summary>A slot's length from a category's measured service time: rounded up to 5 minutes, 15 when nothing was measured.</summary>
    public static int SlotMinutesFor(double? averageServiceMinutes)
        => averageServiceMinutes is { } m and > 0 ? Math.Clamp((int)Math.Ceiling(m / 5) * 5, 5, 240) : 15;
}

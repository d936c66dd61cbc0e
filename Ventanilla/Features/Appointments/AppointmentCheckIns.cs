using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Appointments;

/// <summary>
/// A booking's arrival: at the kiosk («Tengo cita», the code typed or its QR shown to the camera), from the citizen's
/// phone on the booking page, or by a desk for someone who lost the code. Within the window (by default from 15
/// minutes before the slot to 15 after) the visitor gets a turn marked as an appointment, through the queue's one write
/// path (<see cref="QueueService.IssueTurnAsync"/>); before it, they are told when it opens and nothing is written;
/// after it, the booking is recorded as late and the kiosk offers a walk-in turn. A forged, cancelled, other day's or
/// other office's code is told in Spanish and writes nothing; two check-ins of one code give one turn.
/// </summary>
public sealed class AppointmentCheckIns(
    IDbContextFactory<AppDbContext> dbFactory, AppointmentBooking bookings, QueueService queue, SettingsService settings, OfficeClock office,
    LiveUpdates live)
{
    /// <summary>Who checks in on the booking page: the citizen holding the code, with only the kiosk's right to issue a turn.</summary>
    public static readonly Actor CitizenWithCode = new("", "Ciudadano con su código de cita", new HashSet<string> { Roles.Recepcion }, new HashSet<int>());

    /// <summary>How to check in, as the booking's page, its e-mail and its calendar file say it (the office's window).</summary>
    public static string HowTo(AppSettings settings)
        => $"Al llegar, regístrese en el quiosco con su código (o mostrando el código QR de su cita) desde {settings.CheckInEarlyMinutes} minutos antes " +
           $"de su hora y hasta {settings.CheckInLateMinutes} después; ese día también puede registrarse desde la página de su cita.";

    /// <summary>Who may check in someone by name from the day's list: the desks and the reception.</summary>
    public const string StaffRoles = $"{Roles.Attention},{Roles.Recepcion}";

    /// <summary>
    /// Checks in the booking a code names. <paramref name="officeId"/>: the kiosk's office (a booking of another office
    /// is refused); null from the phone.
    /// </summary>
    public async Task<CheckInResult> ByCodeAsync(Actor actor, string? code, int? officeId, PreferentialReason preferential = PreferentialReason.None, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new RuleException("Código de cita: escríbalo como aparece en su comprobante (por ejemplo ABCD-2345).");
        var booking = await bookings.FindAsync(code, ct)
            ?? throw new RuleException("Código de cita: no corresponde a ninguna cita. Revise que lo escribió completo.", RuleKind.NotFound);
        if (officeId is { } kiosk && booking.OfficeId != kiosk)
        {
            throw new RuleException($"Esa cita es en {booking.OfficeName}; este quiosco es de otra oficina. Preséntese allá o pida aquí un turno sin cita.");
        }
        return await CheckInAsync(actor, booking, preferential, ct);
    }

    /// <summary>A desk or the reception checks in someone from the day's list (they lost the code; found by name or phone).</summary>
    public async Task<CheckInResult> ByIdAsync(Actor staff, int appointmentId, PreferentialReason preferential = PreferentialReason.None, CancellationToken ct = default)
    {
        staff.Require("Registrar la llegada de una cita", StaffRoles);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId).Select(a => a.Code).SingleOrDefaultAsync(ct)
            ?? throw new RuleException("Esa cita ya no existe.", RuleKind.NotFound);
        var booking = (await bookings.FindAsync(code, ct))!;
        if (!staff.WorksIn(booking.OfficeId)) throw new RuleException($"Esa cita es en {booking.OfficeName}; su cuenta trabaja en otra oficina.");
        return await CheckInAsync(staff, booking, preferential, ct);
    }

    /// <summary>Whether the office has bookings of today still to arrive: the kiosk offers «Tengo cita» only then.</summary>
    public async Task<bool> ExpectedTodayAsync(int officeId, CancellationToken ct = default)
    {
        var today = office.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Appointments.AnyAsync(a => a.OfficeId == officeId && a.Day == today && a.Status == AppointmentStatus.Booked, ct);
    }

    /// <summary>When a booking's check-in window opens and closes (office time).</summary>
    public (DateTime Opens, DateTime Closes) Window(BookingView booking)
    {
        var rules = settings.Current;
        return (office.ToLocal(booking.StartUtc.AddMinutes(-rules.CheckInEarlyMinutes)), office.ToLocal(booking.StartUtc.AddMinutes(rules.CheckInLateMinutes)));
    }

    private async Task<CheckInResult> CheckInAsync(Actor actor, BookingView booking, PreferentialReason preferential, CancellationToken ct)
    {
        var (opens, closes) = Window(booking);
        var today = office.Today();
        switch (booking.Status)
        {
            case AppointmentStatus.CheckedIn:
                return new(CheckInOutcome.Issued, booking, await IssueAsync(actor, booking, preferential, ct), opens, closes);
            case AppointmentStatus.Late:
                return new(CheckInOutcome.Late, booking, null, opens, closes);
            case AppointmentStatus.Booked or AppointmentStatus.NoShow:
                break;
            default:
                throw new RuleException($"Esa cita está {AppointmentBooking.StatusText(booking.Status)}. Si necesita atención, pida un turno sin cita.");
        }
        if (booking.Day != today)
        {
            throw new RuleException(booking.Day > today
                ? $"Su cita es el {booking.Day:dd/MM/yyyy} a las {booking.Start:HH:mm}. Regístrese ese día a partir de las {opens:HH:mm}."
                : $"Esa cita era el {booking.Day:dd/MM/yyyy}. Si necesita atención, pida un turno sin cita.");
        }
        var now = office.ToLocal(office.UtcNow());
        if (now < opens) return new(CheckInOutcome.Early, booking, null, opens, closes);
        // Past the window (already marked a no-show, or about to be): they came after all, late.
        if (now > closes || booking.Status == AppointmentStatus.NoShow)
        {
            await MarkLateAsync(booking.Id, ct);
            return new(CheckInOutcome.Late, booking with { Status = AppointmentStatus.Late }, null, opens, closes);
        }
        var turn = await IssueAsync(actor, booking, preferential, ct);
        live.Publish(LiveTopic.Appointments);
        return new(CheckInOutcome.Issued, booking with { Status = AppointmentStatus.CheckedIn }, turn, opens, closes);
    }

    private Task<IssuedTurn> IssueAsync(Actor actor, BookingView booking, PreferentialReason preferential, CancellationToken ct)
        => queue.IssueTurnAsync(actor, new KioskRequest(Guid.NewGuid(), booking.CategoryId, preferential, OfficeId: booking.OfficeId, AppointmentId: booking.Id), ct);

    /// <summary>
    /// Came after the window: recorded as late, also when the window's close already made it a no-show (once; a booking
    /// checked in or cancelled meanwhile stays as it is).
    /// </summary>
    private async Task MarkLateAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Appointments.Where(a => a.Id == id && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.NoShow))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppointmentStatus.Late).SetProperty(a => a.Version, a => a.Version + 1), ct);
        if (changed > 0) live.Publish(LiveTopic.Appointments);
    }
}

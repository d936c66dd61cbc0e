using System.Security.Cryptography;
using System.Text;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Appointments;

/// <summary>
/// Booking, cancelling and moving an appointment: by the citizen with no account (<c>/cita</c>) or by staff for them
/// (<c>/citas</c>). Every write is one transaction: the slot's place is taken by <see cref="AppointmentSlots"/> (never
/// over capacity, on either engine), the booking is written, and a confirmation is queued in the mail outbox, or
/// nothing is. The same request twice (a double submit) gives the same booking. One active booking per phone and per
/// e-mail for a service and day is held by unique indexes, so two submits at once cannot both pass.
/// </summary>
public sealed class AppointmentBooking(
    IDbContextFactory<AppDbContext> dbFactory, AppointmentCalendar calendar, AppointmentNotices notices, SettingsService settings,
    OfficeClock office, LiveUpdates live, Webhooks.WebhookOutbox webhooks)
{
    /// <summary>Who may book for someone else, cancel or move any booking: the attention staff.</summary>
    public const string StaffRoles = Roles.Attention;

    /// <summary>Booking codes: 8 symbols of <see cref="PublicCodes.Alphabet"/> (no 0/O, 1/I/L), ≈ 10¹² codes; shown as «ABCD-2345».</summary>
    public const int CodeLength = 8;

    public static string NewCode() => RandomNumberGenerator.GetString(PublicCodes.Alphabet, CodeLength);

    /// <summary>«ABCD2345» as people read it: «ABCD-2345».</summary>
    public static string Display(string code) => code.Length == CodeLength ? $"{code[..4]}-{code[4..]}" : code;

    /// <summary>The citizen's booking (no account): the privacy notice must be accepted.</summary>
    public Task<BookingView> BookAsync(BookingRequest request, CancellationToken ct = default) => WriteBookingAsync(request, staff: null, ct);

    /// <summary>A clerk books for someone at the desk or on the phone (the person accepted the notice there).</summary>
    public Task<BookingView> BookForAsync(Actor staff, BookingRequest request, CancellationToken ct = default)
    {
        staff.Require("Agendar una cita", StaffRoles);
        return WriteBookingAsync(request with { AcceptedPrivacyNotice = true }, staff, ct);
    }

    private async Task<BookingView> WriteBookingAsync(BookingRequest request, Actor? staff, CancellationToken ct)
    {
        var service = await calendar.ServiceAsync(request.CategoryId, ct);
        var errors = new List<string>();
        var name = VisitorRules.Name(request.Name, errors, required: true);
        var phone = VisitorRules.Phone(request.Phone, errors);
        var email = VisitorRules.Email(request.Email, errors)?.ToLowerInvariant();
        var account = VisitorRules.AccountNumber(request.AccountNumber, errors);
        if (phone is null && email is null && !errors.Any(e => e.StartsWith("Teléfono", StringComparison.Ordinal) || e.StartsWith("Correo", StringComparison.Ordinal)))
        {
            errors.Add("Teléfono o correo electrónico: escriba al menos uno, para poder avisarle.");
        }
        if (!request.AcceptedPrivacyNotice) errors.Add("Aviso de privacidad: léalo y márquelo como aceptado para agendar.");
        var folio = string.IsNullOrWhiteSpace(request.Folio) ? null : Folios.Normalize(request.Folio, settings.Current.FolioPrefix);
        if (!string.IsNullOrWhiteSpace(request.Folio) && folio is null) errors.Add($"Folio: «{request.Folio.Trim()}» no es un folio (por ejemplo AU-2026-00042).");
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var again = await db.Appointments.AsNoTracking().Where(a => a.RequestId == request.RequestId).Select(a => a.Id).FirstOrDefaultAsync(ct);
        if (again != 0) return await ViewAsync(db, again, ct);

        int? petitionId = null;
        if (folio is not null)
        {
            petitionId = await db.Petitions.AsNoTracking().Where(p => p.Folio == folio).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
                ?? throw new RuleException($"Folio: no hay una petición con el folio {folio}.");
        }
        await TakePlaceAsync(db, service, request.Day, request.StartMinute, ct);
        var code = NewCode();
        var appointment = new Appointment
        {
            OfficeId = service.OfficeId, ServiceCategoryId = service.CategoryId, Day = request.Day, StartMinute = request.StartMinute,
            SlotMinutes = service.SlotMinutes, StartUtc = StartUtc(request.Day, request.StartMinute),
            Code = code, CodeHash = PublicCodes.Hash(code), Name = name!, Phone = phone, Email = email, AccountNumber = account,
            PetitionId = petitionId, Folio = folio, PrivacyNoticeVersion = Privacy.PrivacyNotices.InForce(settings.Current),
            Status = AppointmentStatus.Booked, CreatedAtUtc = office.UtcNow(), CreatedByUserId = staff?.AccountId, RequestId = request.RequestId,
        };
        db.Appointments.Add(appointment);
        await SaveAsync(db, ct);
        notices.Booked(db, appointment, service);
        await webhooks.AddAsync(db, Webhooks.WebhookEvents.AppointmentBooked, Hook(appointment, service.Name), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        live.Publish(LiveTopic.Appointments);
        return await ViewAsync(db, appointment.Id, ct);
    }

    /// <summary>The booking a code names, or null (a wrong code says nothing about the right ones).</summary>
    public async Task<BookingView?> FindAsync(string? code, CancellationToken ct = default)
    {
        var hash = PublicCodes.Hash(code);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Appointments.AsNoTracking().Where(a => a.CodeHash == hash).Select(a => a.Id).FirstOrDefaultAsync(ct);
        return id == 0 ? null : await ViewAsync(db, id, ct);
    }

    /// <summary>The citizen cancels with the code; the place goes back to the slot.</summary>
    public Task<BookingView> CancelAsync(string? code, CancellationToken ct = default) => ChangeAsync(code, null, (db, a) => CancelAsync(db, a, ct), ct);

    /// <summary>The citizen moves the booking to another slot (same service; the code stays).</summary>
    public Task<BookingView> MoveAsync(string? code, DateOnly day, int startMinute, CancellationToken ct = default) => ChangeAsync(code, null, async (db, a) =>
    {
        if (a.Day == day && a.StartMinute == startMinute) throw new RuleException("Horario: es el mismo de su cita; elija otro.");
        var service = await calendar.ServiceAsync(a.ServiceCategoryId, ct);
        await TakePlaceAsync(db, service, day, startMinute, ct);
        await AppointmentSlots.ReleaseAsync(db, a.ServiceCategoryId, a.Day, a.StartMinute, ct);
        (a.Day, a.StartMinute, a.SlotMinutes, a.StartUtc) = (day, startMinute, service.SlotMinutes, StartUtc(day, startMinute));
        a.Moves++;
        a.ReminderSentAtUtc = null;
        notices.Moved(db, a, service);
    }, ct);

    /// <summary>Staff cancel a booking by its id (a call from the citizen, a booking that no longer fits).</summary>
    public Task<BookingView> CancelByStaffAsync(Actor staff, int id, CancellationToken ct = default)
    {
        staff.Require("Cancelar una cita", StaffRoles);
        return ChangeAsync(null, id, (db, a) => CancelAsync(db, a, ct), ct);
    }

    /// <summary>The place goes back to the slot, the booking is marked cancelled and its holder told.</summary>
    private async Task CancelAsync(AppDbContext db, Appointment a, CancellationToken ct)
    {
        await AppointmentSlots.ReleaseAsync(db, a.ServiceCategoryId, a.Day, a.StartMinute, ct);
        a.Status = AppointmentStatus.Cancelled;
        a.CancelledAtUtc = office.UtcNow();
        var serviceName = await ServiceNameAsync(db, a, ct);
        notices.Cancelled(db, a, serviceName);
        await webhooks.AddAsync(db, Webhooks.WebhookEvents.AppointmentCancelled, Hook(a, serviceName), ct);
    }

    /// <summary>What a webhook says of a booking: when, what and where, never who (nor its code, which manages it).</summary>
    private static object Hook(Appointment a, string serviceName)
        => new { cita = a.Id, fecha = a.Day, hora = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(a.StartMinute)).ToString("HH:mm"), servicio = serviceName, oficina = a.OfficeId };

    /// <summary>The office's bookings of one day, by time (the staff's list; every state, so the day's history shows).</summary>
    public async Task<IReadOnlyList<AppointmentRow>> DayAsync(Actor staff, DateOnly day, int? officeId = null, CancellationToken ct = default)
    {
        staff.Require("Ver las citas del día", $"{StaffRoles},{Roles.Recepcion},{Roles.Administrador}");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Appointments.AsNoTracking().Where(a => a.Day == day);
        if ((officeId ?? staff.OnlyOffice) is { } only) rows = rows.Where(a => a.OfficeId == only);
        return await rows.OrderBy(a => a.StartMinute).ThenBy(a => a.ServiceCategory!.SortOrder).ThenBy(a => a.Id)
            .Select(a => new AppointmentRow(a.Id, a.Code, a.Status, a.Day, a.StartMinute, a.SlotMinutes, a.ServiceCategory!.Letter, a.ServiceCategory.Name,
                a.Office!.Name, a.Name, a.Phone, a.Email, a.AccountNumber, a.Folio, a.CreatedByUserId != null))
            .ToListAsync(ct);
    }

    private async Task<BookingView> ChangeAsync(string? code, int? id, Func<AppDbContext, Appointment, Task> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hash = code is null ? null : PublicCodes.Hash(code);
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => id != null ? a.Id == id : a.CodeHash == hash, ct)
            ?? throw new RuleException("Código de cita: no corresponde a ninguna cita. Revise que lo escribió completo.", RuleKind.NotFound);
        if (appointment.Status != AppointmentStatus.Booked)
        {
            throw new RuleException($"La cita ya está {StatusText(appointment.Status)}: no se puede cambiar.");
        }
        if (appointment.StartUtc <= office.UtcNow())
        {
            throw new RuleException("La cita ya empezó: ya no se puede cambiar ni cancelar. Si no alcanza a llegar, pida un turno en el quiosco.");
        }
        await change(db, appointment);
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        live.Publish(LiveTopic.Appointments);
        return await ViewAsync(db, appointment.Id, ct);
    }

    /// <summary>Takes a place of the slot, or says why not (no such slot, or taken a moment before).</summary>
    private async Task TakePlaceAsync(AppDbContext db, BookableService service, DateOnly day, int startMinute, CancellationToken ct)
    {
        var capacity = await calendar.CapacityAsync(db, service, day, startMinute, ct);
        if (capacity == 0)
        {
            throw new RuleException("Horario: ese día y hora ya no se ofrece para citas; elija otro de la lista.");
        }
        if (!await AppointmentSlots.TakeAsync(db, service.CategoryId, day, startMinute, capacity, ct))
        {
            throw new RuleException(TakenMessage, RuleKind.Conflict);
        }
    }

    public const string TakenMessage = "Ese horario se acaba de ocupar: alguien lo agendó hace un momento. Elija uno de los siguientes.";

    /// <summary>One active booking per phone (and e-mail) per service and day: the database's own index says so.</summary>
    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Faults.IsUniqueViolation(ex))
        {
            throw new RuleException("Ya hay una cita activa con ese teléfono o correo para este servicio ese día. Si quiere otro horario, cambie esa cita con su código.");
        }
    }

    private DateTime StartUtc(DateOnly day, int startMinute) => office.ToUtc(day.ToDateTime(TimeOnly.MinValue).AddMinutes(startMinute));

    private static Task<string> ServiceNameAsync(AppDbContext db, Appointment a, CancellationToken ct)
        => db.ServiceCategories.AsNoTracking().Where(c => c.Id == a.ServiceCategoryId).Select(c => c.Name).SingleAsync(ct);

    public static string StatusText(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "agendada",
        AppointmentStatus.CheckedIn => "registrada en el quiosco",
        AppointmentStatus.Cancelled => "cancelada",
        AppointmentStatus.NoShow => "vencida (no se registró a tiempo)",
        AppointmentStatus.Late => "atendida como turno sin cita (llegó tarde)",
        _ => status.ToString(),
    };

    private static async Task<BookingView> ViewAsync(AppDbContext db, int id, CancellationToken ct)
        => await db.Appointments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new BookingView(a.Id, a.Code, a.Status, a.ServiceCategory!.Name, a.ServiceCategory.Letter, a.Office!.Name, a.Day, a.StartMinute,
                a.SlotMinutes, a.StartUtc, a.Name, a.Phone, a.Email, a.Folio, a.ServiceCategoryId, a.Moves, a.OfficeId))
            .SingleAsync(ct);
}

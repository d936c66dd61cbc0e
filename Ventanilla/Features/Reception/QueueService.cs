// Over 300 lines on purpose: every queue write goes through the one gate and write path here (its rules are in QueueRules).
using Ventanilla.Data.Interceptors;

namespace Ventanilla.Features.Reception;

/// <summary>
/// The waiting queue of procedure steps 01–04, its writes: issuing turns at the kiosk and calling, recalling,
/// transferring, serving and finishing them at the desks. Every change runs under one in-process gate and one write
/// transaction, so two desks pressing "Llamar siguiente" at the same instant never get the same turn. On PostgreSQL,
/// where several app instances share the queue, the gate is not enough: the desk, the line and the called turn are
/// row-locked (<see cref="RowLocks"/>), and "the next turn" skips the turns another instance is taking. The screens
/// read the queue from <see cref="QueueBoards"/>. Over 250 lines because every write shares that one gate.
/// </summary>
public sealed class QueueService(
    IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, SettingsService settings, LiveUpdates live, Webhooks.WebhookOutbox webhooks)
{
    public const int MaxNoteLength = 2000;
    public const int MaxSubjectLength = Petitions.PetitionLimits.Subject;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>What the kiosk does: only the reception's account (or the server itself) issues turns.</summary>
    public const string IssuingRoles = Roles.Recepcion;

    /// <summary>What the desks do (call, recall, serve, transfer, finish): the attention staff.</summary>
    public const string DeskRoles = Roles.Attention;

    /// <summary>
    /// Registers a visit and issues its turn. The same <see cref="KioskRequest.RequestId"/> twice gives the same turn. With
    /// <see cref="KioskRequest.AppointmentId"/> it is that booking's check-in (the window was checked by
    /// <c>AppointmentCheckIns</c>): the turn carries the slot, the booking is marked checked in in the same transaction,
    /// and a second check-in of the booking gives the same turn. A desk may check in someone who lost the code.
    /// </summary>
    public async Task<IssuedTurn> IssueTurnAsync(Actor actor, KioskRequest request, CancellationToken ct = default)
    {
        actor.Require("Emitir un turno", request.AppointmentId is null ? IssuingRoles : $"{IssuingRoles},{DeskRoles}");
        var errors = new List<string>();
        var name = VisitorRules.Name(request.Name, errors);
        var account = VisitorRules.AccountNumber(request.AccountNumber, errors);
        var phone = VisitorRules.Phone(request.Phone, errors);
        if (!Enum.IsDefined(request.Preferential)) errors.Add("Atención preferente: opción no válida.");
        RuleException.ThrowIfAny(errors);

        // Through the same write path as every desk action; the same request twice (a retried tap) changes nothing.
        return await WriteAsync(async db =>
        {
            var existing = await db.QueueTickets.AsNoTracking().Include(t => t.Visit)
                .Where(t => t.Visit!.KioskRequestId == request.RequestId).OrderBy(t => t.Id).FirstOrDefaultAsync(ct);
            if (existing is not null) return new QueueWrite(existing, Changed: false);
            Appointment? appointment = null;
            if (request.AppointmentId is { } appointmentId)
            {
                // Locked, so two check-ins of one booking on two instances give one turn.
                appointment = await db.Appointments.Where(a => a.Id == appointmentId).ForUpdate().SingleOrDefaultAsync(ct)
                    ?? throw new RuleException("Esa cita ya no existe.");
                if (appointment.VisitId is { } checkedIn)
                {
                    var turn = await db.QueueTickets.AsNoTracking().Include(t => t.Visit).Where(t => t.VisitId == checkedIn).OrderByDescending(t => t.Id).FirstAsync(ct);
                    return new QueueWrite(turn, Changed: false);
                }
                if (appointment.Status != AppointmentStatus.Booked) throw new RuleException("Esa cita ya no está agendada: pida un turno sin cita.");
            }

            var category = await db.ServiceCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CategoryId, ct);
            if (category is null || !category.IsActive) throw new RuleException("Categoría: ya no está disponible; elija otra.");
            if (appointment is not null && appointment.ServiceCategoryId != category.Id) throw new RuleException("Categoría: la cita es de otro servicio.");
            if (request.OfficeId is { } kioskOffice && category.OfficeId != kioskOffice)
            {
                throw new RuleException("Categoría: es de otra oficina; elija una de las que muestra este quiosco.");
            }

            var now = office.UtcNow();
            var today = office.Today();
            var (number, code) = await NextTurnAsync(db, today, category, ct);
            var visit = new Visit
            {
                ArrivedAtUtc = now,
                ServiceDate = today,
                ServiceCategoryId = category.Id,
                OfficeId = category.OfficeId,
                VisitorName = name ?? appointment?.Name,
                AccountNumber = account ?? appointment?.AccountNumber,
                Phone = phone ?? appointment?.Phone,
                // What the kiosk showed beside the fields typed there; a booking's data was given under the booking's notice.
                PrivacyNoticeVersion = name is not null || account is not null || phone is not null
                    ? Privacy.PrivacyNotices.InForce(settings.Current) : appointment?.PrivacyNoticeVersion,
                Preferential = request.Preferential,
                KioskRequestId = request.RequestId,
                PublicCode = Citizen.PublicCodes.NewTicketCode(),
            };
            var ticket = new QueueTicket
            {
                Visit = visit,
                ServiceDate = today,
                ServiceCategoryId = category.Id,
                Number = number,
                Code = code,
                IsPreferential = request.Preferential != PreferentialReason.None,
                Status = TicketStatus.Waiting,
                IssuedAtUtc = now,
                AppointmentStartUtc = appointment?.StartUtc,
            };
            db.QueueTickets.Add(ticket);
            if (appointment is not null)
            {
                appointment.Status = AppointmentStatus.CheckedIn;
                appointment.CheckedInAtUtc = now;
                appointment.Visit = visit;
            }
            return new QueueWrite(ticket, Changed: true);
        }, (db, ticket) => TurnOfAsync(db, ticket, ct), ct);
    }

    private async Task<IssuedTurn> TurnOfAsync(AppDbContext db, QueueTicket ticket, CancellationToken ct)
    {
        var ahead = await db.QueueTickets
            .Where(t => t.ServiceDate == ticket.ServiceDate && t.ServiceCategoryId == ticket.ServiceCategoryId)
            .Where(QueueRules.Waiting)
            .Where(QueueRules.Before(new(ticket.IsPreferential, ticket.Visit!.ArrivedAtUtc, ticket.Id, ticket.AppointmentStartUtc), Moment()))
            .CountAsync(ct);
        var category = await db.ServiceCategories.AsNoTracking().Where(c => c.Id == ticket.ServiceCategoryId)
            .Select(c => new { c.Name, c.Color }).SingleAsync(ct);
        return new IssuedTurn(ticket.VisitId, ticket.Id, ticket.Visit.PublicCode, ticket.Code, category.Name, category.Color, ticket.IsPreferential, ahead,
            office.ToLocal(ticket.IssuedAtUtc), ticket.AppointmentStartUtc is { } slot ? office.ToLocal(slot) : null);
    }

    /// <summary>
    /// Calls the next turn for a desk: preferential first, then by arrival, within the categories the desk
    /// serves. Refused while the desk still has a turn called or in service.
    /// </summary>
    public Task<DeskTicket> CallNextAsync(Actor actor, int deskId, CancellationToken ct = default) => WriteAsync(async db =>
    {
        actor.Require("Llamar un turno", DeskRoles);
        // One call at a time per desk, across instances too: the "still has a turn" check below must see the last call.
        await db.Desks.Where(d => d.Id == deskId).Select(d => d.Id).ForUpdate().ToListAsync(ct);
        var desk = await DeskAsync(db, deskId, ct);
        await RequireOfficeAsync(db, desk, actor, ct);
        var categories = desk.Categories.Select(c => c.ServiceCategoryId).ToList();
        if (categories.Count == 0)
        {
            throw new RuleException($"El {desk.Name} no atiende ninguna categoría. Pida al administrador que le asigne categorías en Catálogos → Módulos.");
        }
        var today = office.Today();
        var busy = await db.QueueTickets.Where(t => t.ServiceDate == today && t.DeskId == deskId).Where(QueueRules.AtDesk)
            .Select(t => t.Code).FirstOrDefaultAsync(ct);
        if (busy is not null)
        {
            throw new RuleException($"El {desk.Name} todavía tiene el turno {busy}: termine su atención, transfiéralo o márquelo como ausente antes de llamar al siguiente.");
        }
        var moment = Moment();
        var waiting = db.QueueTickets.Where(t => t.ServiceDate == today && categories.Contains(t.ServiceCategoryId)).Where(QueueRules.Waiting);
        var next = await waiting.Include(t => t.Visit).Where(QueueRules.Callable(moment))
            .InCallOrder(moment)
            .ForUpdateSkipLocked()
            .FirstOrDefaultAsync(ct);
        if (next is null)
        {
            // Only appointments that came early may be waiting: they keep their time.
            if (await waiting.MinAsync(t => t.AppointmentStartUtc, ct) is { } firstSlot)
            {
                throw new RuleException($"Solo esperan citas que llegaron antes de su hora: la primera se podrá llamar a las {office.ToLocal(firstSlot - QueueRules.EarlyCall):HH:mm} (su cita es a las {office.ToLocal(firstSlot):HH:mm}).");
            }
            var letters = await db.ServiceCategories.Where(c => categories.Contains(c.Id)).OrderBy(c => c.SortOrder).Select(c => c.Letter).ToListAsync(ct);
            throw new RuleException($"No hay turnos en espera en las categorías de este módulo ({string.Join(", ", letters)}).");
        }
        var now = office.UtcNow();
        next.Status = TicketStatus.Called;
        next.DeskId = deskId;
        next.CallCount = 1;
        next.LastCalledAtUtc = now;
        next.Visit!.CalledAtUtc ??= now;
        next.Visit.DeskId = deskId;
        next.Visit.StaffUserId = actor.AccountId;
        await CalledAsync(db, next, desk, ct);
        return next;
    }, ct);

    /// <summary>The «turno.llamado» webhook of a call, in the call's transaction: the turn and the desk, never a name.</summary>
    private Task CalledAsync(AppDbContext db, QueueTicket ticket, Desk desk, CancellationToken ct)
        => webhooks.AddAsync(db, Webhooks.WebhookEvents.TurnCalled,
            new { turno = ticket.Code, modulo = desk.Name, numeroModulo = desk.Number, oficina = desk.OfficeId, llamada = ticket.CallCount }, ct);

    /// <summary>Calls the same turn again (the display shows it as the newest call, with the chime).</summary>
    public Task<DeskTicket> RecallAsync(Actor actor, int deskId, int ticketId, CancellationToken ct = default) => WriteAsync(async db =>
    {
        actor.Require("Volver a llamar un turno", DeskRoles);
        var ticket = await ActiveAsync(db, deskId, ticketId, ct);
        if (ticket.Status != TicketStatus.Called) throw new RuleException($"El turno {ticket.Code} ya está en atención; no hace falta volver a llamarlo.");
        ticket.CallCount++;
        ticket.LastCalledAtUtc = office.UtcNow();
        await CalledAsync(db, ticket, await db.Desks.AsNoTracking().SingleAsync(d => d.Id == deskId, ct), ct);
        return ticket;
    }, ct);

    /// <summary>Closes a turn whose visitor did not come after the configured number of calls.</summary>
    public Task<DeskTicket> MarkNoShowAsync(Actor actor, int deskId, int ticketId, CancellationToken ct = default) => WriteAsync(async db =>
    {
        actor.Require("Marcar un turno como ausente", DeskRoles);
        var ticket = await ActiveAsync(db, deskId, ticketId, ct);
        var needed = Math.Max(1, settings.Current.NoShowAfterCalls);
        if (ticket.Status != TicketStatus.Called) throw new RuleException($"El turno {ticket.Code} ya está en atención; no puede marcarse como ausente.");
        if (ticket.CallCount < needed)
        {
            throw new RuleException($"Llame al turno {ticket.Code} al menos {Spanish.Times(needed)} antes de marcarlo como ausente (lleva {Spanish.Count(ticket.CallCount, "llamada", "llamadas")}).");
        }
        var now = office.UtcNow();
        ticket.Status = TicketStatus.NoShow;
        ticket.Visit!.Outcome = VisitOutcome.NoShow;
        ticket.Visit.FinishedAtUtc = now;
        return ticket;
    }, ct);

    /// <summary>
    /// Sends the visitor to another category's line. The new turn keeps the visitor's arrival time, so they
    /// do not wait the whole line again, and keeps their preferential attention. Returns the new turn: its code is not
    /// the one on the visitor's paper, so the desk tells it to them, and the TV calls it with the paper's code beside it.
    /// </summary>
    public Task<DeskTicket> TransferAsync(Actor actor, int deskId, int ticketId, int categoryId, CancellationToken ct = default) => WriteAsync(async db =>
    {
        actor.Require("Transferir un turno", DeskRoles);
        var ticket = await ActiveAsync(db, deskId, ticketId, ct);
        var category = await db.ServiceCategories.SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null || !category.IsActive) throw new RuleException("Transferir a: elija una categoría activa.");
        var from = await db.ServiceCategories.Where(c => c.Id == ticket.ServiceCategoryId).Select(c => c.OfficeId).SingleAsync(ct);
        if (category.OfficeId != from) throw new RuleException("Transferir a: esa categoría es de otra oficina; el visitante está en esta.");
        if (category.Id == ticket.ServiceCategoryId) throw new RuleException($"Transferir a: el turno {ticket.Code} ya es de {category.Name}.");

        var (number, code) = await NextTurnAsync(db, ticket.ServiceDate, category, ct);
        ticket.Status = TicketStatus.Transferred;
        var moved = new QueueTicket
        {
            VisitId = ticket.VisitId,
            ServiceDate = ticket.ServiceDate,
            ServiceCategoryId = category.Id,
            Number = number,
            Code = code,
            IsPreferential = ticket.IsPreferential,
            Status = TicketStatus.Waiting,
            IssuedAtUtc = office.UtcNow(),
        };
        db.QueueTickets.Add(moved);
        ticket.Visit!.ServiceCategoryId = category.Id;
        ticket.Visit.DeskId = null;
        ticket.Visit.ServiceStartedAtUtc = null;
        return moved;
    }, ct);

    /// <summary>"Atender": the visitor came to the desk; the service time starts.</summary>
    public Task<DeskTicket> StartServiceAsync(Actor actor, int deskId, int ticketId, CancellationToken ct = default) => WriteAsync(async db =>
    {
        actor.Require("Atender un turno", DeskRoles);
        var ticket = await ActiveAsync(db, deskId, ticketId, ct);
        if (ticket.Status == TicketStatus.Called)
        {
            ticket.Status = TicketStatus.Serving;
            ticket.Visit!.ServiceStartedAtUtc = office.UtcNow();
            ticket.Visit.StaffUserId = actor.AccountId ?? ticket.Visit.StaffUserId;
        }
        return ticket;
    }, ct);

    /// <summary>Records the outcome of the visit in the Control de Usuarios and frees the desk.</summary>
    public Task<DeskTicket> FinishAsync(Actor actor, int deskId, int ticketId, ServiceOutcome outcome, CancellationToken ct = default) => WriteAsync(async db =>
    {
        actor.Require("Terminar una atención", DeskRoles);
        var ticket = await ActiveAsync(db, deskId, ticketId, ct);
        var (note, subject) = await ServiceOutcomes.CheckAsync(db, outcome, ct);

        var now = office.UtcNow();
        var visit = ticket.Visit!;
        ticket.Status = TicketStatus.Done;
        visit.ServiceStartedAtUtc ??= now;
        visit.FinishedAtUtc = now;
        visit.StaffUserId = actor.AccountId ?? visit.StaffUserId;
        visit.CustomerId = outcome.CustomerId;
        visit.Outcome = outcome.Outcome;
        visit.OutcomeNote = note;
        if (outcome.Outcome == VisitOutcome.PetitionCreated)
        {
            visit.DraftPetitionTypeId = outcome.DraftPetitionTypeId;
            visit.DraftSubject = subject;
        }
        return ticket;
    }, ct);

    /// <summary>The turn the desk has called or is serving today, if any.</summary>
    public async Task<DeskTicket?> ActiveTicketAsync(int deskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = office.Today();
        var id = await db.QueueTickets.Where(t => t.ServiceDate == today && t.DeskId == deskId).Where(QueueRules.AtDesk)
            .Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await ProjectAsync(db, id.Value, ct);
    }

    /// <summary>The call order's instant: now, with the office's walk-in ceiling.</summary>
    private QueueRules.Moment Moment() => QueueRules.Moment.At(office.UtcNow(), settings.Current);

    /// <summary>Tells the live views and the board snapshot that the queue changed (also after its catalogs change).</summary>
    private void Changed() => live.Publish(QueueBoards.Topics);

    /// <summary>How many times a queue write is tried when PostgreSQL rolls it back for crossing another one.</summary>
    private const int WriteAttempts = 3;

    /// <summary>What a queue change did: the ticket it names, and whether anything was written (a repeated kiosk request is not).</summary>
    private sealed record QueueWrite(QueueTicket Ticket, bool Changed);

    /// <summary>A desk's change: the desk sees the ticket it names afterwards.</summary>
    private Task<DeskTicket> WriteAsync(Func<AppDbContext, Task<QueueTicket>> change, CancellationToken ct)
        => WriteAsync(async db => new QueueWrite(await change(db), Changed: true), (db, ticket) => ProjectAsync(db, ticket.Id, ct), ct);

    /// <summary>
    /// Every queue write: one change in the gate and a write transaction, saved and told to the live views, then
    /// <paramref name="answer"/> reads what the caller sees of the ticket (saved, so a new one has its id).
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<AppDbContext, Task<QueueWrite>> change, Func<AppDbContext, QueueTicket, Task<T>> answer, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var write = await change(db);
                    if (!write.Changed) return await answer(db, write.Ticket);
                    await db.SaveOrStaleAsync(Stale.Message("este turno"), ct);
                    await tx.CommitAsync(ct);
                    Changed();
                    return await answer(db, write.Ticket);
                }
                catch (Exception ex) when (attempt < WriteAttempts && Faults.IsRetryable(ex))
                {
                    // Two instances on one PostgreSQL server crossed (a deadlock or serialization failure): the whole
                    // change was rolled back, so the same action runs again from the start on a fresh context.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The next turn of a category's line for the day: numbers start at 1 each day and per category, and the code is
    /// the category's letter and the number (A-001). Called inside the gate and the write transaction, so two turns
    /// never get the same number.
    /// </summary>
    private static async Task<(int Number, string Code)> NextTurnAsync(AppDbContext db, DateOnly day, ServiceCategory category, CancellationToken ct)
    {
        // The line's row lock makes instances on one PostgreSQL server number its turns one after another.
        await db.ServiceCategories.Where(c => c.Id == category.Id).Select(c => c.Id).ForUpdate().ToListAsync(ct);
        var number = 1 + (await db.QueueTickets.Where(t => t.ServiceDate == day && t.ServiceCategoryId == category.Id)
            .MaxAsync(t => (int?)t.Number, ct) ?? 0);
        return (number, $"{category.Letter}-{number:000}");
    }

    private static async Task<Desk> DeskAsync(AppDbContext db, int deskId, CancellationToken ct)
    {
        var desk = await db.Desks.Include(d => d.Categories).ThenInclude(c => c.ServiceCategory).SingleOrDefaultAsync(d => d.Id == deskId, ct);
        if (desk is null || !desk.IsActive) throw new RuleException("Ese módulo ya no está activo; elija otro.");
        desk.Categories.RemoveAll(c => c.ServiceCategory is { IsActive: false });
        return desk;
    }

    /// <summary>A clerk limited to some offices calls only at their desks (the others' turns are not theirs to take).</summary>
    private static async Task RequireOfficeAsync(AppDbContext db, Desk desk, Actor actor, CancellationToken ct)
    {
        if (!actor.WorksIn(desk.OfficeId))
        {
            var name = await db.Offices.Where(o => o.Id == desk.OfficeId).Select(o => o.Name).SingleAsync(ct);
            throw new RuleException($"El {desk.Name} es de {name}; su cuenta trabaja en otra oficina. Elija uno de sus módulos.");
        }
    }

    /// <summary>The desk's current turn, checked to be the one the clerk is looking at.</summary>
    private async Task<QueueTicket> ActiveAsync(AppDbContext db, int deskId, int ticketId, CancellationToken ct)
    {
        var ticket = await db.QueueTickets.Include(t => t.Visit).SingleOrDefaultAsync(t => t.Id == ticketId, ct)
            ?? throw new RuleException("Ese turno ya no existe.");
        if (ticket.DeskId != deskId || !QueueRules.IsAtDesk(ticket.Status) || ticket.ServiceDate != office.Today())
        {
            throw new RuleException($"El turno {ticket.Code} ya no está en este módulo ({VisitorRules.Label(ticket.Status).ToLowerInvariant()}).");
        }
        return ticket;
    }

    private static async Task<DeskTicket> ProjectAsync(AppDbContext db, int ticketId, CancellationToken ct)
        => await db.QueueTickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new DeskTicket(t.Id, t.VisitId, t.Code, t.ServiceCategoryId, t.ServiceCategory!.Name, t.Status, t.CallCount,
                t.Visit!.Preferential, t.Visit.VisitorName, t.Visit.AccountNumber, t.Visit.Phone, t.Visit.ArrivedAtUtc, t.Visit.CalledAtUtc, t.Visit.CustomerId,
                t.Visit.Tickets.OrderBy(o => o.Id).Select(o => o.Code).First(), t.AppointmentStartUtc,
                db.Appointments.Where(a => a.VisitId == t.VisitId).Select(a => a.Folio).FirstOrDefault()))
            .SingleAsync(ct);
}

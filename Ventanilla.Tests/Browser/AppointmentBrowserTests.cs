using Microsoft.Playwright;
using Ventanilla.Features.Appointments;
using Ventanilla.Features.Citizen;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>Booking an appointment as a citizen does it: on a phone, with no account, by the real server and its mail.</summary>
public class AppointmentBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task OfferAsync(AppServer server)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var category = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        var desks = await db.DeskCategories.Where(d => d.ServiceCategoryId == category).Select(d => d.DeskId).ToListAsync();
        await server.Get<AppointmentOffers>().SaveAsync(Actor.System, new OfferInput(category, true, 30, 15, 50, desks.ToDictionary(d => d, _ => 1), 0));
    }

    [Fact]
    public async Task A_citizen_books_on_a_phone_and_gets_the_code_the_QR_the_calendar_file_and_the_mail_then_cancels_with_the_code()
    {
        using var smtp = TestSmtp.Start();
        await using var server = await AppServer.StartAsync();
        await smtp.ServeAppAsync(server.Services);
        await OfferAsync(server);
        var phone = await NewPhoneAsync(server);

        await phone.GotoAsync("cita");
        await phone.Locator("[data-testid=services] a", new() { HasText = "Pagos y liquidaciones" }).ClickAsync();
        await phone.Locator("[data-testid=days] a").First.ClickAsync();
        var slot = phone.Locator("[data-testid=slots] label").First;
        var time = (await slot.InnerTextAsync()).Trim();
        await slot.ClickAsync();
        await phone.Locator("[data-testid=booking-name]").FillAsync("María López");
        await phone.Locator("[data-testid=booking-phone]").FillAsync("55 1234 5678");
        await phone.Locator("[data-testid=booking-email]").FillAsync("maria@example.com");
        Assert.False(await OverflowsSidewaysAsync(phone), "el formulario es más ancho que el teléfono");
        await phone.Locator("[data-testid=booking-privacy]").CheckAsync();
        await phone.Locator("[data-testid=booking-submit]").ClickAsync();

        await Expect(phone.Locator("[data-testid=booking-status]")).ToHaveTextAsync("Agendada");
        var code = (await phone.Locator("[data-testid=booking-code]").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        await Expect(phone.Locator("[data-testid=booking-when]")).ToContainTextAsync(time);
        var link = await QrReader.ReadAsync(phone.Locator("[data-testid=booking-qr]"));
        Assert.Equal($"{server.BaseUrl}cita#codigo={code.Replace("-", "")}", link);
        Assert.False(await OverflowsSidewaysAsync(phone), "la cita es más ancha que el teléfono");

        var download = await phone.RunAndWaitForDownloadAsync(() => phone.Locator("[data-testid=ics-download]").ClickAsync());
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains("SUMMARY:Cita: Pagos y liquidaciones", ics);
        Assert.Contains(code, ics.Replace("\r\n ", ""));

        Assert.Equal(1, await server.Get<NoticeSender>().SendDueAsync());
        var mail = Assert.Single(smtp.Messages());
        Assert.StartsWith("Su cita quedó agendada", mail.Subject);
        Assert.Contains(code, mail.TextBody);
        Assert.Equal("maria@example.com", mail.To.Mailboxes.Single().Address);

        // The QR (or the mail's link) opens the booking with its code out of the address bar; cancelling frees the slot.
        var later = await NewPhoneAsync(server);
        await later.GotoAsync(link);
        await Expect(later.Locator("[data-testid=booking-code]")).ToHaveTextAsync(code);
        Assert.EndsWith("/cita", later.Url);
        // Whoever holds a code sees the service, the office and the time: never the person's name, phone or e-mail.
        var shown = await later.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("María", shown);
        Assert.DoesNotContain("5512345678", shown);
        Assert.DoesNotContain("maria@example.com", shown);
        // Moved to another time of a day it offers: the code stays.
        await later.Locator("[data-testid=move-submit]").ClickAsync();
        var newTime = (await later.Locator("[data-testid=move-slots] label").First.InnerTextAsync()).Trim();
        await later.Locator("[data-testid=move-slots] label").First.ClickAsync();
        await later.Locator("[data-testid=move-submit]").ClickAsync();
        await Expect(later.Locator("[data-testid=booking-note]")).ToHaveTextAsync("Su cita cambió de horario; su código es el mismo.");
        await Expect(later.Locator("[data-testid=booking-when]")).ToContainTextAsync(newTime);
        await Expect(later.Locator("[data-testid=booking-code]")).ToHaveTextAsync(code);
        await later.Locator("[data-testid=cancel-submit]").ClickAsync();
        await Expect(later.Locator("[data-testid=booking-status]")).ToHaveTextAsync("Cancelada");
        await Expect(later.Locator("[data-testid=booking-note]")).ToContainTextAsync("quedó cancelada");
    }

    [Fact]
    public async Task Two_people_on_the_last_place_one_books_and_the_other_is_told_and_shown_the_slots_still_free()
    {
        await using var server = await AppServer.StartAsync();
        await OfferAsync(server);
        var first = await NewPhoneAsync(server);
        var second = await NewPhoneAsync(server);
        foreach (var phone in new[] { first, second })
        {
            await phone.GotoAsync("cita");
            await phone.Locator("[data-testid=services] a", new() { HasText = "Pagos y liquidaciones" }).ClickAsync();
            await phone.Locator("[data-testid=days] a").First.ClickAsync();
        }
        // Both chose the first slot shown; its last place goes to whoever submits first.
        var time = (await first.Locator("[data-testid=slots] label").First.InnerTextAsync()).Trim();
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            // Leave that slot with one place: whatever it holds, fill it but one.
            var slot = await first.Locator("[data-testid=slots] input").First.GetAttributeAsync("value");
            var day = DateOnly.Parse(new Uri(first.Url).Query.Split("dia=")[1][..10]);
            var category = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
            var service = (await server.Get<AppointmentCalendar>().ServicesAsync()).Single(s => s.CategoryId == category);
            var free = (await server.Get<AppointmentCalendar>().SlotsAsync(category, day)).Single(s => s.StartMinute == int.Parse(slot!)).Free;
            for (var i = 0; i < free - 1; i++)
            {
                await server.Get<AppointmentBooking>().BookAsync(new BookingRequest(Guid.NewGuid(), service.CategoryId, day, int.Parse(slot!), "Otra Persona",
                    $"55999999{i:00}", null, AcceptedPrivacyNotice: true));
            }
        }
        foreach (var (phone, name, number) in new[] { (first, "Ana Ruiz", "5511111111"), (second, "Luis Mora", "5522222222") })
        {
            await phone.Locator("[data-testid=slots] label").First.ClickAsync();
            await phone.Locator("[data-testid=booking-name]").FillAsync(name);
            await phone.Locator("[data-testid=booking-phone]").FillAsync(number);
            await phone.Locator("[data-testid=booking-privacy]").CheckAsync();
        }

        await first.Locator("[data-testid=booking-submit]").ClickAsync();
        await Expect(first.Locator("[data-testid=booking-status]")).ToHaveTextAsync("Agendada");
        await second.Locator("[data-testid=booking-submit]").ClickAsync();

        await Expect(second.Locator("[data-testid=booking-error]")).ToHaveTextAsync(AppointmentBooking.TakenMessage);
        await Expect(second.Locator("[data-testid=slots] label").First).Not.ToHaveTextAsync(time);
        // What the person typed is still there for the next slot.
        await Expect(second.Locator("[data-testid=booking-name]")).ToHaveValueAsync("Luis Mora");
    }

    [Fact]
    public async Task The_administrator_offers_a_service_and_sees_the_bookings_that_no_longer_fit()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        var admin = await OpenSignedInAsync(server, "admin", "admin/citas");
        var card = admin.Locator("[data-offer=A]");

        await card.Locator("input[type=checkbox]").First.CheckAsync();
        await card.Locator("input[data-testid=offer-slot]").FillAsync("30");
        await card.Locator("input[data-testid=offer-slot]").PressAsync("Tab");
        var desks = card.Locator("input[data-desk-per-slot]");
        Assert.Equal(3, await desks.CountAsync());
        for (var i = 0; i < 3; i++)
        {
            await desks.Nth(i).FillAsync("1");
            await desks.Nth(i).PressAsync("Tab");
        }
        await card.Locator("[data-testid=offer-save]").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Citas de Pagos y liquidaciones: guardado.");
        await Expect(admin.Locator("[data-testid=unfit-none]")).ToBeVisibleAsync();

        // Two bookings on a slot two desks take; then one of those desks stops taking bookings.
        var calendar = server.Get<AppointmentCalendar>();
        var service = Assert.Single(await calendar.ServicesAsync());
        var day = (await calendar.DaysAsync(service.CategoryId)).First(d => d.Free > 0).Day;
        var slot = (await calendar.SlotsAsync(service.CategoryId, day)).First(s => s.Free == 2);
        foreach (var phone in new[] { "5511111111", "5522222222" })
        {
            await server.Get<AppointmentBooking>().BookAsync(new BookingRequest(Guid.NewGuid(), service.CategoryId, day, slot.StartMinute, "Persona Prueba", phone, null,
                AcceptedPrivacyNotice: true));
        }
        await admin.ReloadAsync();
        await WaitForInteractiveAsync(admin);
        // Desks 1 and 3 take the odd slots and desk 2 the even ones: set to 0 the one of the two that takes this slot last.
        var last = slot.StartMinute / 30 % 2 == 1 ? 2 : 1;
        await card.Locator("input[data-desk-per-slot]").Nth(last).FillAsync("0");
        await card.Locator("input[data-desk-per-slot]").Nth(last).PressAsync("Tab");
        await card.Locator("[data-testid=offer-save]").ClickAsync();

        await Expect(admin.Locator("[data-testid=unfit] tbody tr")).ToHaveCountAsync(1);
        await Expect(admin.Locator("[data-testid=unfit] tbody tr")).ToContainTextAsync("5522222222");
        await Expect(admin.Locator("[data-testid=unfit] tbody tr")).ToContainTextAsync("el horario tiene menos lugares que citas");
    }

    [Fact]
    public async Task The_booking_forms_are_limited_per_client_like_the_status_lookup_and_a_wrong_code_finds_nothing()
    {
        await using var server = await AppServer.StartAsync(s => s["Citizen:LookupsPerMinute"] = "3");
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        var answers = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsync("cita/calendario", new FormUrlEncodedContent([new("Codigo", "ZZZZ-ZZZZ")]));
            answers.Add(response.StatusCode);
            if (i == 3) Assert.Contains(RequestLimits.LookupMessage, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal([System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.NotFound,
            System.Net.HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task The_desk_sees_today_s_and_tomorrow_s_appointments_live_and_cancels_one_for_the_citizen()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var office = server.Get<OfficeClock>();
        var (today, now) = (office.Today(), office.UtcNow());
        int category;
        string anaCode;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            category = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
            // Written as the booking writes them (the list reads whatever day the test runs on, a weekend too).
            Appointment Row(string name, string phone, DateOnly day, DateTime startUtc) => new()
            {
                ServiceCategoryId = category, Day = day, StartMinute = 23 * 60, SlotMinutes = 30, StartUtc = startUtc, Code = AppointmentBooking.NewCode(),
                Name = name, Phone = phone, PrivacyNoticeVersion = "prueba", CreatedAtUtc = now, RequestId = Guid.NewGuid(),
            };
            var ana = Row("Ana Ruiz", "5511111111", today, now.AddHours(2));
            anaCode = ana.Code;
            foreach (var a in new[] { ana, Row("Luis Mora", "5522222222", today.AddDays(1), now.AddDays(1)) })
            {
                a.CodeHash = PublicCodes.Hash(a.Code);
                db.Appointments.Add(a);
            }
            await db.SaveChangesAsync();
        }

        var desk = await OpenSignedInAsync(server, "rosa", "citas");
        await Expect(desk.Locator("[data-testid=appointments] tbody tr")).ToHaveCountAsync(1);
        await Expect(desk.Locator("[data-testid=appointments] tbody tr")).ToContainTextAsync("Ana Ruiz");
        // The citizen cancels from the phone: the desk's list shows it without reloading.
        await server.Get<AppointmentBooking>().CancelAsync(anaCode);
        await Expect(desk.Locator("[data-testid=appointments] tbody tr")).ToHaveAttributeAsync("data-status", nameof(AppointmentStatus.Cancelled));
        await desk.Locator("[data-testid=day-toggle]").GetByText("Mañana", new() { Exact = false }).ClickAsync();
        await Expect(desk.Locator("[data-testid=appointments] tbody tr")).ToContainTextAsync("Luis Mora");

        await desk.Locator("[data-testid=appointment-cancel]").ClickAsync();
        await Expect(desk.Locator("[data-testid=appointments] tbody tr")).ToHaveAttributeAsync("data-status", nameof(AppointmentStatus.Cancelled));
        await Expect(desk.Locator(".mud-snackbar")).ToContainTextAsync("Cita de Luis Mora");
        await using var check = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(AppointmentStatus.Cancelled, await check.Appointments.Where(a => a.Name == "Luis Mora").Select(a => a.Status).SingleAsync());
    }

    [Fact]
    public async Task A_petition_waiting_on_the_citizen_offers_on_its_status_page_to_book_the_visit_and_the_booking_carries_its_folio()
    {
        await using var server = await AppServer.StartAsync();
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext()) await CitizenPetitions.SeedAsync(db);
        var phone = await NewPhoneAsync(server);
        var waiting = CitizenPetitions.FolioOf(PetitionStatus.EsperandoUsuario);

        // No service offers appointments yet: nothing to offer.
        await phone.GotoAsync($"consulta#folio={waiting}&codigo={CitizenPetitions.CodeOf(PetitionStatus.EsperandoUsuario)}");
        await Expect(phone.Locator("[data-testid=status-result]")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=status-book]")).ToHaveCountAsync(0);

        await OfferAsync(server);
        await phone.GotoAsync($"consulta#folio={CitizenPetitions.FolioOf(PetitionStatus.Turnada)}&codigo={CitizenPetitions.CodeOf(PetitionStatus.Turnada)}");
        await Expect(phone.Locator("[data-testid=status-result]")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=status-book]")).ToHaveCountAsync(0); // nothing to bring: no visit to book
        await phone.GotoAsync($"consulta#folio={CitizenPetitions.FolioOf(PetitionStatus.Aprobada)}&codigo={CitizenPetitions.CodeOf(PetitionStatus.Aprobada)}");
        await Expect(phone.Locator("[data-testid=status-book]")).ToHaveTextAsync("Agende una cita para recoger su respuesta");
        await phone.GotoAsync($"consulta#folio={waiting}&codigo={CitizenPetitions.CodeOf(PetitionStatus.EsperandoUsuario)}");
        await phone.Locator("[data-testid=status-book]").ClickAsync();

        await Expect(phone.Locator("[data-testid=booking-for-folio]")).ToContainTextAsync(waiting);
        await phone.Locator("[data-testid=services] a", new() { HasText = "Pagos y liquidaciones" }).ClickAsync();
        await phone.Locator("[data-testid=days] a").First.ClickAsync();
        await Expect(phone.Locator("[data-testid=booking-folio]")).ToHaveValueAsync(waiting);
        await phone.Locator("[data-testid=slots] label").First.ClickAsync();
        await phone.Locator("[data-testid=booking-name]").FillAsync("José Pérez");
        await phone.Locator("[data-testid=booking-phone]").FillAsync("5587654321");
        await phone.Locator("[data-testid=booking-privacy]").CheckAsync();
        await phone.Locator("[data-testid=booking-submit]").ClickAsync();

        await Expect(phone.Locator("[data-testid=booking-card]")).ToContainTextAsync(waiting);
        await using var check = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var petition = await check.Petitions.Where(p => p.Folio == waiting).Select(p => p.Id).SingleAsync();
        Assert.Equal(petition, await check.Appointments.Select(a => a.PetitionId).SingleAsync());
    }

    /// <summary>
    /// A booking written as the booking service writes it, for a slot starting <paramref name="fromNow"/> from now (real
    /// clock). Its day is always today's: run near the office's midnight, a slot minutes away may fall on another date,
    /// and the check-in and the day's list go by the booking's day (the window and the no-shows by its instant).
    /// </summary>
    private static async Task<Appointment> BookedAsync(AppServer server, string name, string phone, TimeSpan fromNow, string? folio = null)
    {
        var office = server.Get<OfficeClock>();
        var startUtc = office.UtcNow().Add(fromNow);
        var local = office.ToLocal(startUtc);
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var appointment = new Appointment
        {
            ServiceCategoryId = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync(),
            Day = office.Today(), StartMinute = local.Hour * 60 + local.Minute, SlotMinutes = 30, StartUtc = startUtc,
            Code = AppointmentBooking.NewCode(), Name = name, Phone = phone, Folio = folio, PrivacyNoticeVersion = "prueba",
            CreatedAtUtc = office.UtcNow(), RequestId = Guid.NewGuid(),
        };
        appointment.CodeHash = PublicCodes.Hash(appointment.Code);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        server.Get<LiveUpdates>().Publish(LiveTopic.Appointments);
        return appointment;
    }

    [Fact]
    public async Task Checked_in_at_the_kiosk_by_code_the_booking_is_called_at_its_slot_with_its_mark_late_ones_walk_in_and_the_missing_become_no_shows()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await server.AddUserAsync("tv", "Segura123", Roles.Pantalla);
        int desk1, a;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            desk1 = await db.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
            a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        }
        // Ana's slot started two minutes ago; Pedro's window closed two minutes ago; Luis never comes.
        var ana = await BookedAsync(server, "Ana Ruiz", "5511111111", TimeSpan.FromMinutes(-2), folio: "AU-2026-00042");
        var pedro = await BookedAsync(server, "Pedro Gil", "5522222222", TimeSpan.FromMinutes(-17));
        var luis = await BookedAsync(server, "Luis Mora", "5533333333", TimeSpan.FromMinutes(-20));
        var walkIn = await server.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));

        var display = await OpenSignedInAsync(server, "tv", "pantalla/turnos");
        var kiosk = await OpenSignedInAsync(server, "kiosco", "kiosco");
        await kiosk.Locator("[data-testid=kiosk-appointment]").ClickAsync();
        await kiosk.Locator("[data-testid=checkin-code]").FillAsync(AppointmentBooking.Display(ana.Code).ToLowerInvariant());
        await kiosk.Locator("[data-testid=checkin-submit]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=turn-code]")).ToHaveTextAsync("A-002");
        var slot = server.Get<OfficeClock>().ToLocal(ana.StartUtc).ToString("HH:mm");
        await Expect(kiosk.Locator("[data-testid=turn-appointment]")).ToHaveTextAsync($"Con cita de las {slot}: le llamaremos a su hora.");
        await Expect(kiosk.Locator("[data-testid=turn-ahead]")).ToHaveTextAsync("Usted es el siguiente.");
        await Expect(kiosk.Locator(".ticket-print")).ToContainTextAsync($"CITA {slot}");

        // A wrong code writes nothing; a late one is offered a walk-in turn with its name already there.
        await kiosk.Locator("[data-testid=kiosk-done]").ClickAsync();
        await kiosk.Locator("[data-testid=kiosk-appointment]").ClickAsync();
        await kiosk.Locator("[data-testid=checkin-code]").FillAsync("ZZZZ-2222");
        await kiosk.Locator("[data-testid=checkin-submit]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=kiosk-error]")).ToContainTextAsync("no corresponde a ninguna cita");
        await kiosk.Locator("[data-testid=checkin-code]").FillAsync(pedro.Code);
        await kiosk.Locator("[data-testid=checkin-submit]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=checkin-late]")).ToContainTextAsync("Puede tomar un turno sin cita de Pagos y liquidaciones.");
        await kiosk.Locator("[data-testid=checkin-walk-in]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=kiosk-name]")).ToHaveValueAsync("Pedro Gil");
        await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=turn-code]")).ToHaveTextAsync("A-003");
        await Expect(kiosk.Locator("[data-testid=turn-appointment]")).ToHaveCountAsync(0);

        // The desk calls: Ana's slot has come, so she goes ahead of the walk-in who came a moment before her.
        var rosa = await OpenSignedInAsync(server, "rosa", "turnos", $"localStorage.setItem('ventanilla.modulo', '{desk1}')");
        await rosa.Locator("[data-testid=call-next]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=active-code]")).ToHaveTextAsync("A-002");
        await Expect(rosa.Locator("[data-testid=active-appointment]")).ToContainTextAsync($"Cita {slot}");
        await Expect(rosa.Locator("[data-testid=active-appointment-folio]")).ToHaveAttributeAsync("href", "peticiones/AU-2026-00042");
        await Expect(display.Locator("[data-testid=newest-code]")).ToHaveTextAsync("A-002");
        await Expect(display.Locator("[data-testid=newest-appointment]")).ToHaveTextAsync("con cita");
        Assert.DoesNotContain("Ana", await display.ContentAsync());
        Assert.Equal("A-001", walkIn.Code);

        // Luis never came: once his window closed he is a no-show on the day's list (marked by the minute's sweep, or now).
        await server.Get<AppointmentNoShows>().MarkDueAsync();
        var list = await OpenSignedInAsync(server, "rosa", "citas");
        await Expect(list.Locator($"[data-appointment='{luis.Id}']")).ToHaveAttributeAsync("data-status", nameof(AppointmentStatus.NoShow));
        await Expect(list.Locator($"[data-appointment='{pedro.Id}']")).ToHaveAttributeAsync("data-status", nameof(AppointmentStatus.Late));
        await Expect(list.Locator($"[data-appointment='{ana.Id}']")).ToHaveAttributeAsync("data-status", nameof(AppointmentStatus.CheckedIn));
    }

    [Fact]
    public async Task The_citizen_checks_in_from_the_phone_and_follows_the_turn_and_a_desk_checks_in_someone_who_lost_the_code()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var maria = await BookedAsync(server, "María López", "5511111111", TimeSpan.FromMinutes(10));
        var jose = await BookedAsync(server, "José Pérez", "5544441234", TimeSpan.FromMinutes(5));
        var later = await BookedAsync(server, "Eva Soto", "5566666666", TimeSpan.FromMinutes(50));

        var phone = await NewPhoneAsync(server);
        await phone.GotoAsync(server.Get<PublicLinks>().Appointment(maria.Code, server.BaseUrl));
        await Expect(phone.Locator("[data-testid=booking-code]")).ToHaveTextAsync(AppointmentBooking.Display(maria.Code));
        // Appointments were offered when María booked and are not any more: her booking still shows, only without the move.
        await Expect(phone.Locator("[data-testid=move-form]")).ToHaveCountAsync(0);
        await phone.Locator("[data-testid=checkin-phone]").ClickAsync();
        await phone.WaitForURLAsync("**/turno/*", UrlWait);
        await Expect(phone.Locator("[data-testid=phone-code]")).ToHaveTextAsync("A-001");
        Assert.False(await OverflowsSidewaysAsync(phone));
        // Too early for Eva: the page offers no check-in yet.
        await phone.GotoAsync(server.Get<PublicLinks>().Appointment(later.Code, server.BaseUrl));
        await Expect(phone.Locator("[data-testid=booking-code]")).ToHaveTextAsync(AppointmentBooking.Display(later.Code));
        await Expect(phone.Locator("[data-testid=checkin-phone]")).ToHaveCountAsync(0);

        // José lost his code: the desk finds him by part of his phone and registers his arrival.
        var desk = await OpenSignedInAsync(server, "rosa", "citas");
        await desk.Locator("input[data-testid=appointments-search]").FillAsync("4441");
        await Expect(desk.Locator("[data-testid=appointments] tbody tr")).ToHaveCountAsync(1);
        await desk.Locator($"[data-appointment='{jose.Id}'] [data-testid=appointment-check-in]").ClickAsync();
        await Expect(desk.Locator(".mud-snackbar")).ToContainTextAsync("Llegada de José Pérez registrada: su turno es A-002.");
        await Expect(desk.Locator($"[data-appointment='{jose.Id}']")).ToHaveAttributeAsync("data-status", nameof(AppointmentStatus.CheckedIn));
    }

    [Fact]
    public async Task A_clerk_books_for_someone_on_the_phone_from_the_day_s_list_and_reads_out_the_code()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await OfferAsync(server);

        var desk = await OpenSignedInAsync(server, "rosa", "citas");
        await desk.Locator("[data-testid=staff-book]").ClickAsync();
        await Expect(desk.Locator("[data-testid=staff-error]")).ToHaveTextAsync("Servicio, día y hora: elija los tres para agendar la cita.");
        await ChooseAsync(desk, "Servicio", "Pagos y liquidaciones");
        await ChooseAsync(desk, "Día");
        await ChooseAsync(desk, "Hora");
        await desk.Locator("input[data-testid=staff-name]").FillAsync("Luisa Díaz");
        await desk.Locator("input[data-testid=staff-phone]").FillAsync("55 8765 4321");
        await desk.Locator("[data-testid=staff-book]").ClickAsync();

        await Expect(desk.Locator("[data-testid=staff-booked]")).ToContainTextAsync("Cita agendada para Luisa Díaz");
        var code = (await desk.Locator("[data-testid=staff-booked] strong").InnerTextAsync()).Trim();
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var booking = await db.Appointments.SingleAsync();
        Assert.Equal((AppointmentBooking.Display(booking.Code), "5587654321", AppointmentStatus.Booked), (code, booking.Phone, booking.Status));
        Assert.NotNull(booking.CreatedByUserId);
    }
}

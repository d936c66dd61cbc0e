using System.IO.Compression;
using System.Text.Json;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Privacy;
using Ventanilla.Features.Privacy.Arco;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Privacy;

/// <summary>
/// ARCO requests on the fake clock («today» is Friday 27/11/2026): their own term and its one extension, the search for
/// a person across every record that holds their data, the ZIP for the answer, rectification with its history, and
/// cancellation by anonymising that refuses what is still needed and leaves folios, counts and indicators as they were.
/// </summary>
public class ArcoTests : PetitionTestBase
{
    private ArcoRequests Arco => App.Get<ArcoRequests>();
    private PersonSearch Search => App.Get<PersonSearch>();
    private PersonalDataEdits Edits => App.Get<PersonalDataEdits>();
    private static readonly ReadPlace Page = new("/arco/AU-2026-00001", "192.0.2.9");

    private async Task<int> ArcoTypeAsync(ArcoRight right)
    {
        await using var db = App.CreateDb();
        return await db.PetitionTypes.Where(t => t.ArcoRight == right).Select(t => t.Id).SingleAsync();
    }

    /// <summary>An ARCO request by letter from José Pérez, received this morning.</summary>
    private async Task<PetitionRef> RequestAsync(ArcoRight right)
        => await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(
            new PetitionInput(await ArcoTypeAsync(right), "Solicito mis datos personales", "José Pérez", Phone: "5512345678", Email: "jose@example.com"),
            $"OP-ARCO-{++_letters}", new DateTime(2026, 11, 27, 9, 0, 0)));

    private int _letters;

    /// <summary>An earlier petition of José's, answered and closed, with a scan in its file.</summary>
    private async Task<(PetitionRef Petition, string Sha, int Scan)> ClosedPetitionWithScanAsync(string name = "Jose PEREZ", string? phone = "55 1234 5678")
    {
        var petition = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(
            Input() with { PetitionerName = name, Phone = phone, Address = "Calle Hidalgo 12, Centro" }, "OP-10", new DateTime(2026, 11, 2, 10, 0, 0)));
        var scan = await App.Get<AttachmentService>().AddToPetitionAsync(_clerk, petition.Id, AttachmentKind.Identificacion, "INE de José Pérez.jpg", new MemoryStream(TestDocuments.JpegLike()));
        await using var db = App.CreateDb();
        await db.Petitions.Where(p => p.Id == petition.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PetitionStatus.Cerrada)
            .SetProperty(p => p.ClosedAtUtc, PetitionRows.Utc(new DateTime(2026, 11, 20, 12, 0, 0))).SetProperty(p => p.ResponseDate, D(11, 19)).SetProperty(p => p.OnTime, true));
        return (petition, await db.Attachments.Where(a => a.Id == scan.Id).Select(a => a.Sha256).SingleAsync(), scan.Id);
    }

    private async Task<int> VisitWithCommentAsync(string name)
    {
        await using var db = App.CreateDb();
        var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        var arrived = PetitionRows.Utc(new DateTime(2026, 11, 10, 10, 0, 0));
        var visit = new Visit
        {
            ArrivedAtUtc = arrived, ServiceDate = D(11, 10), ServiceCategoryId = category, VisitorName = name, Phone = "5512345678",
            FinishedAtUtc = arrived.AddMinutes(20), Outcome = VisitOutcome.Information,
        };
        db.Visits.Add(visit);
        await db.SaveChangesAsync();
        db.SurveyAnswers.Add(new SurveyAnswer { VisitId = visit.Id, Score = 2, Comment = "Me atendieron tarde", AnsweredAtUtc = arrived.AddMinutes(21) });
        await db.SaveChangesAsync();
        return visit.Id;
    }

    private Task<int> AppointmentAsync(string name, DateOnly day)
        => TestAppointments.AddAsync(App, day, name, day < D(11, 27) ? AppointmentStatus.CheckedIn : AppointmentStatus.Booked, email: "jose@example.com");

    [Fact]
    public async Task An_ARCO_request_runs_on_the_laws_term_and_extends_once_with_a_reason_before_it_is_due()
    {
        var request = await RequestAsync(ArcoRight.Acceso);
        var clock = App.Get<CalendarService>().Clock();
        var p = await LoadAsync(request.Id);
        Assert.Equal((20, clock.DueDate(p.DayZero, 20)), (p.TermDays, p.DueDate));
        var ordinary = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-11", new DateTime(2026, 11, 27, 9, 0, 0)));
        Assert.Equal(15, (await LoadAsync(ordinary.Id)).TermDays);

        var noReason = await Assert.ThrowsAsync<RuleException>(() => Arco.ExtendAsync(_clerk, request.Id, request.Version, "  "));
        Assert.StartsWith("Motivo de la ampliación:", noReason.Message);
        var liaison = await Assert.ThrowsAsync<RuleException>(() => Arco.ExtendAsync(_liaison, request.Id, request.Version, "Falta información"));
        Assert.Contains("Atención a Usuarios", liaison.Message);
        var notArco = await Assert.ThrowsAsync<RuleException>(() => Arco.ExtendAsync(_clerk, ordinary.Id, ordinary.Version, "Falta información"));
        Assert.Equal($"{ordinary.Folio} no es una solicitud ARCO: su plazo no se amplía.", notArco.Message);

        var extended = await Arco.ExtendAsync(_clerk, request.Id, request.Version, "Hay que reunir expedientes de dos oficinas");
        p = await LoadAsync(request.Id);
        Assert.Equal((30, 10, "Hay que reunir expedientes de dos oficinas", clock.DueDate(p.DayZero, 30)), (p.TermDays, p.TermExtensionDays, p.TermExtensionReason, p.DueDate));
        var last = (await EventsAsync(request.Id))[^1];
        Assert.Equal(("Plazo ampliado", "rosa"), (last.Kind, last.UserName));
        Assert.Equal($"10 días hábiles más; vence el {p.DueDate:dd/MM/yyyy}. Motivo: Hay que reunir expedientes de dos oficinas", last.Note);
        var twice = await Assert.ThrowsAsync<RuleException>(() => Arco.ExtendAsync(_clerk, request.Id, extended.Version, "Otra vez"));
        Assert.Contains("ya se amplió una vez", twice.Message);

        // Past the due date it is too late to extend.
        var late = await RequestAsync(ArcoRight.Rectificacion);
        App.Time.Advance(TimeSpan.FromDays(40));
        var overdue = await Assert.ThrowsAsync<RuleException>(() => Arco.ExtendAsync(_clerk, late.Id, late.Version, "Tarde"));
        Assert.Contains("la ampliación se acuerda antes de que venza", overdue.Message);
    }

    [Fact]
    public async Task The_term_and_its_extension_are_settings_with_checks_and_a_new_term_applies_to_requests_received_after()
    {
        var settings = App.Get<SettingsService>();
        var admin = TestActors.Named("Ana");
        var current = ClockSettings.From(settings.Current);
        var bad = await Assert.ThrowsAsync<RuleException>(() => settings.SaveClockAsync(admin, current with { ArcoTermDays = 0, ArcoExtensionDays = 31 }));
        Assert.Equal("Plazo de las solicitudes ARCO: debe ser de 1 a 90 días hábiles; se recibió 0.\n" +
                     "Ampliación de las solicitudes ARCO: debe ser de 0 a 30 días hábiles (0: sin ampliación); se recibió 31.", bad.Message);
        await settings.SaveClockAsync(admin, current with { ArcoTermDays = 25, ArcoExtensionDays = 0 });
        var request = await RequestAsync(ArcoRight.Oposicion);
        Assert.Equal(25, (await LoadAsync(request.Id)).TermDays);
        var none = await Assert.ThrowsAsync<RuleException>(() => Arco.ExtendAsync(_clerk, request.Id, request.Version, "Motivo"));
        Assert.Contains("no prevén ampliar", none.Message);
    }

    [Fact]
    public async Task The_search_finds_the_person_in_every_kind_of_record_by_name_in_any_order_and_accents_or_by_contact()
    {
        var request = await RequestAsync(ArcoRight.Acceso);
        var (closed, _, _) = await ClosedPetitionWithScanAsync();
        var visit = await VisitWithCommentAsync("JOSÉ   pérez");
        var appointment = await AppointmentAsync("Pérez José", D(11, 5));
        var other = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { PetitionerName = "María López", Phone = "5587654321", AccountNumber = "09-999-0000" },
            "OP-12", new DateTime(2026, 11, 27, 9, 0, 0)));

        var byName = await Search.FindAsync(new PersonQuery(Name: "jose perez"));
        var kinds = byName.Records.GroupBy(r => r.Key.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, kinds[PersonRecordKind.Peticion]);
        Assert.Equal(1, kinds[PersonRecordKind.Visita]);
        Assert.Equal(1, kinds[PersonRecordKind.Cita]);
        Assert.Equal(1, kinds[PersonRecordKind.Encuesta]);
        Assert.Equal(1, kinds[PersonRecordKind.Documento]);
        Assert.DoesNotContain(byName.Records, r => r.Reference == other.Folio);
        Assert.Contains(byName.Records, r => r.Key == new RecordKey(PersonRecordKind.Visita, visit) && r.Phone == "5512345678");
        Assert.Contains(byName.Records, r => r.Key == new RecordKey(PersonRecordKind.Cita, appointment) && r.Email == "jose@example.com");
        Assert.Contains(byName.Records, r => r.Key.Kind == PersonRecordKind.Documento && r.Reference == closed.Folio && r.Owner == new RecordKey(PersonRecordKind.Peticion, closed.Id));
        Assert.True(byName.Records.Single(r => r.Key == new RecordKey(PersonRecordKind.Peticion, request.Id)).Open);
        Assert.False(byName.Records.Single(r => r.Key == new RecordKey(PersonRecordKind.Peticion, closed.Id)).Open);

        // By phone alone: the petitions and the visit that hold it, not María's.
        var byPhone = await Search.FindAsync(new PersonQuery(Phone: "(55) 1234-5678"));
        Assert.Equal([request.Folio, closed.Folio], byPhone.Records.Where(r => r.Key.Kind == PersonRecordKind.Peticion).Select(r => r.Reference).Order());
        Assert.Contains(byPhone.Records, r => r.Key == new RecordKey(PersonRecordKind.Visita, visit));
        var byEmail = await Search.FindAsync(new PersonQuery(Email: "JOSE@example.com"));
        Assert.Contains(byEmail.Records, r => r.Key == new RecordKey(PersonRecordKind.Cita, appointment));

        var empty = await Assert.ThrowsAsync<RuleException>(() => Search.FindAsync(new PersonQuery()));
        Assert.Equal("Escriba el nombre, la cuenta, el teléfono o el correo de la persona.", empty.Message);
        var bad = await Assert.ThrowsAsync<RuleException>(() => Search.FindAsync(new PersonQuery(Name: "jo", Phone: "123", Email: "no-es-correo")));
        Assert.Equal(3, bad.Message.Split('\n').Length);
        Assert.StartsWith("Nombre: escriba al menos 3 letras.", bad.Message);
    }

    [Fact]
    public async Task The_zip_holds_the_chosen_records_their_history_and_their_documents_and_the_export_is_in_the_access_log()
    {
        var request = await RequestAsync(ArcoRight.Acceso);
        var (closed, _, scan) = await ClosedPetitionWithScanAsync();
        var found = await Search.FindAsync(new PersonQuery(Name: "José Pérez"));
        var chosen = found.Records.Where(r => r.Reference != request.Folio).Select(r => r.Key).ToList();

        var export = App.Get<PersonalDataExport>();
        var (name, records, arco) = await export.PrepareAsync(_clerk, request.Folio, chosen, Page);
        Assert.Equal($"datos-personales-{request.Folio}.zip", name);
        // Written as to an HTTP response: forward only.
        using var zipped = new MemoryStream();
        await export.WriteAsync(new ResponseLikeStream(zipped), arco, records);
        zipped.Position = 0;
        using var zip = new ZipArchive(zipped);
        Assert.Equal(["LEAME.txt", $"documentos/{closed.Folio}-{scan}-identificacion.jpg", "historial-de-peticiones.csv", "registros.csv"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var rows = Lines(zip.GetEntry("registros.csv")!);
        Assert.Equal("Tipo,Referencia,Fecha,Nombre,Cuenta,Teléfono,Correo,Domicilio,Detalle", rows[0]);
        Assert.Contains(rows, l => l.StartsWith($"Petición,{closed.Folio},02/11/2026 10:00,Jose PEREZ,01-234-5678,5512345678,,\"Calle Hidalgo 12, Centro\"", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, l => l.Contains(request.Folio, StringComparison.Ordinal));
        var history = Lines(zip.GetEntry("historial-de-peticiones.csv")!);
        Assert.Contains(history, l => l.StartsWith($"{closed.Folio},", StringComparison.Ordinal) && l.Contains("Registrada", StringComparison.Ordinal));
        using (var note = new StreamReader(zip.GetEntry("LEAME.txt")!.Open()))
        {
            Assert.StartsWith($"Datos personales reunidos para la solicitud ARCO {request.Folio} (acceso), a nombre de José Pérez.", await note.ReadToEndAsync());
        }

        var log = await App.Get<AccessLog>().ListAsync(TestActors.Named("Ana"), new AccessFilter(Folio: request.Folio));
        Assert.Equal((PersonalDataKind.ExportacionArco, $"Datos para {request.Folio}", "2 registros"), (log.Rows[0].Kind, log.Rows[0].Subject, log.Rows[0].Detail));

        var notArco = await Assert.ThrowsAsync<RuleException>(() => export.PrepareAsync(_clerk, closed.Folio, chosen, Page));
        Assert.Equal(RuleKind.NotFound, notArco.Kind);
        await Assert.ThrowsAsync<RuleException>(() => export.PrepareAsync(_liaison, request.Folio, chosen, Page));
        Assert.Equal("Registros elegidos: «X9» no es un registro de la búsqueda; vuelva a buscar.",
            Assert.Throws<RuleException>(() => RecordKey.ParseList("P1,X9")).Message);
    }

    private static string[] Lines(ZipArchiveEntry entry)
    {
        using var source = entry.Open();
        using var bytes = new MemoryStream();
        source.CopyTo(bytes);
        return Exports.CsvLines(bytes.ToArray());
    }

    [Fact]
    public async Task A_rectification_request_corrects_a_record_keeping_before_and_after_and_other_requests_may_not()
    {
        var request = await RequestAsync(ArcoRight.Rectificacion);
        var (closed, _, _) = await ClosedPetitionWithScanAsync(phone: "5511112222");
        var p = await LoadAsync(closed.Id);

        var bad = await Assert.ThrowsAsync<RuleException>(() => Edits.RectifyAsync(_clerk, request.Folio, new(PersonRecordKind.Peticion, closed.Id), p.Version,
            new Rectification(Name: "", Phone: "12")));
        Assert.Equal("Nombre: es obligatorio.\nTeléfono: escriba 10 dígitos (por ejemplo 55 1234 5678).", bad.Message);
        await Edits.RectifyAsync(_clerk, request.Folio, new(PersonRecordKind.Peticion, closed.Id), p.Version,
            new Rectification(Name: "José Pérez Gómez", Phone: "55 1234 5678", Address: "Calle Hidalgo 12, Centro"));
        p = await LoadAsync(closed.Id);
        Assert.Equal(("José Pérez Gómez", "jose perez gomez", "5512345678", "Calle Hidalgo 12, Centro"), (p.PetitionerName, p.SearchName, p.Phone, p.Address));
        var stale = await Assert.ThrowsAsync<RuleException>(() => Edits.RectifyAsync(_clerk, request.Folio, new(PersonRecordKind.Peticion, closed.Id), p.Version - 1,
            new Rectification(Name: "Otro")));
        Assert.Contains("cambió", stale.Message);
        var same = await Assert.ThrowsAsync<RuleException>(() => Edits.RectifyAsync(_clerk, request.Folio, new(PersonRecordKind.Peticion, closed.Id), p.Version,
            new Rectification(Name: "José Pérez Gómez")));
        Assert.Equal("Rectificar: ningún dato cambió.", same.Message);

        var changes = await Arco.ChangesAsync(_clerk, request.Folio);
        Assert.Equal([("Nombre", "Jose PEREZ", "José Pérez Gómez"), ("Teléfono", "5511112222", "5512345678")],
            changes.OrderBy(c => c.Field).Select(c => (c.Field, c.Before, c.After)));
        Assert.All(changes, c => Assert.Equal((PersonalDataAction.Rectificacion, $"Petición {closed.Folio}", "rosa"), (c.Action, c.Record, c.By)));
        Assert.Equal(("Datos rectificados", $"Por la solicitud ARCO {request.Folio}: Nombre, Teléfono"), (await EventsAsync(closed.Id))[^1] is var e ? (e.Kind, e.Note) : default);
        Assert.Equal(("Datos rectificados", $"Petición {closed.Folio}: Nombre, Teléfono"), (await EventsAsync(request.Id))[^1] is var own ? (own.Kind, own.Note) : default);

        var access = await RequestAsync(ArcoRight.Acceso);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Edits.RectifyAsync(_clerk, access.Folio, new(PersonRecordKind.Peticion, closed.Id), p.Version,
            new Rectification(Name: "Nadie")));
        Assert.Contains("se rectifican con una solicitud de rectificación", refused.Message);
    }

    [Fact]
    public async Task Cancelling_anonymises_closed_records_erases_their_documents_refuses_what_is_still_needed_and_keeps_every_indicator()
    {
        var request = await RequestAsync(ArcoRight.Cancelacion);
        var (closed, sha, _) = await ClosedPetitionWithScanAsync();
        var visit = await VisitWithCommentAsync("José Pérez");
        var past = await AppointmentAsync("José Pérez", D(11, 5));
        var ahead = await AppointmentAsync("José Pérez", D(12, 3));
        var open = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { PetitionerName = "José Pérez" }, "OP-13", new DateTime(2026, 11, 26, 9, 0, 0)));
        var store = App.Get<AttachmentStore>();
        Assert.True(store.Exists(sha));
        var indicators = await CountsAsync();
        var found = await Search.FindAsync(new PersonQuery(Name: "José Pérez"));
        var all = found.Records.Select(r => r.Key).ToList();

        var clerk = await Assert.ThrowsAsync<RuleException>(() => Edits.CancelAsync(_clerk, request.Folio, all));
        Assert.Contains("Dirección Comercial", clerk.Message);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Edits.CancelAsync(_director, request.Folio, all));
        Assert.Equal([
            $"{request.Folio}: es la solicitud ARCO misma; sus datos se necesitan para responderla y quedan en su expediente.",
            $"{open.Folio}: sigue en trámite; sus datos se necesitan para responderla. Cancele cuando se haya entregado la respuesta.",
            $"{found.Records.Single(r => r.Key.Id == ahead && r.Key.Kind == PersonRecordKind.Cita).Reference}: aún no pasa; cancele la cita primero.",
        ], refused.Message.Split('\n'));
        await using (var db = App.CreateDb())
        {
            Assert.Equal("Jose PEREZ", await db.Petitions.Where(p => p.Id == closed.Id).Select(p => p.PetitionerName).SingleAsync());
        }

        var allowed = found.Records.Where(r => !r.Open && r.Reference != request.Folio).Select(r => r.Key).ToList();
        Assert.Equal(5, await Edits.CancelAsync(_director, request.Folio, allowed));
        await using (var db = App.CreateDb())
        {
            var p = await db.Petitions.SingleAsync(x => x.Id == closed.Id);
            Assert.Equal((Anonymizer.AnonymousName, null, null, null, null, closed.Folio, PetitionStatus.Cerrada, true),
                (p.PetitionerName, p.Phone, p.Email, p.Address, p.AccountNumber, p.Folio, p.Status, p.OnTime));
            Assert.NotNull(p.AnonymizedAtUtc);
            var scan = await db.Attachments.SingleAsync(a => a.PetitionId == closed.Id);
            Assert.Equal(("Identificación.jpg", $"Cancelación de datos personales (solicitud ARCO {request.Folio})"), (scan.FileName, scan.WithdrawnReason));
            Assert.NotNull(scan.ErasedAtUtc);
            var v = await db.Visits.SingleAsync(x => x.Id == visit);
            Assert.Equal((null, null, VisitOutcome.Information), (v.VisitorName, v.Phone, v.Outcome));
            Assert.Equal((2, null), await db.SurveyAnswers.Where(s => s.VisitId == visit).Select(s => new ValueTuple<int, string?>(s.Score, s.Comment)).SingleAsync());
            Assert.Equal(Anonymizer.AnonymousName, await db.Appointments.Where(a => a.Id == past).Select(a => a.Name).SingleAsync());
            Assert.Equal("José Pérez", await db.Appointments.Where(a => a.Id == ahead).Select(a => a.Name).SingleAsync());
            Assert.Equal("José Pérez", await db.Petitions.Where(x => x.Id == open.Id).Select(x => x.PetitionerName).SingleAsync());
            Assert.Equal("José Pérez", await db.Petitions.Where(x => x.Id == request.Id).Select(x => x.PetitionerName).SingleAsync());
        }
        Assert.False(store.Exists(sha));
        Assert.Equal(indicators, await CountsAsync());
        Assert.Equal(("Datos personales cancelados", "diana"), (await EventsAsync(closed.Id))[^1] is var e ? (e.Kind, e.UserName) : default);
        Assert.Contains(await Arco.ChangesAsync(_clerk, request.Folio), c => c.Action == PersonalDataAction.Cancelacion && c.Record == $"Petición {closed.Folio}");
        // The document is gone for staff too, with why.
        var gone = await Assert.ThrowsAsync<RuleException>(() => App.Get<AttachmentService>().OpenAsync(_clerk, found.Records.Single(r => r.Key.Kind == PersonRecordKind.Documento).Key.Id, false));
        Assert.Contains("se eliminó", gone.Message);
        // Cancelling again changes nothing more; a request of another right may not cancel.
        Assert.Equal(0, await Edits.CancelAsync(_director, request.Folio, allowed));
        var access = await RequestAsync(ArcoRight.Acceso);
        var wrongRight = await Assert.ThrowsAsync<RuleException>(() => Edits.CancelAsync(_director, access.Folio, allowed));
        Assert.Contains("se cancelan con una solicitud de cancelación u oposición", wrongRight.Message);
    }

    /// <summary>The month's indicators, all but the survey's comments (the person's own words, which cancelling removes).</summary>
    private async Task<string> CountsAsync()
    {
        var month = await App.Get<IndicatorService>().GetMonthAsync(D(11, 1));
        Assert.NotNull(month.Survey);
        return JsonSerializer.Serialize(month with { Survey = month.Survey with { Comments = [] } });
    }

    [Fact]
    public async Task A_document_shared_with_a_file_still_in_force_keeps_its_bytes_when_one_copy_is_erased()
    {
        var request = await RequestAsync(ArcoRight.Cancelacion);
        var (closed, sha, _) = await ClosedPetitionWithScanAsync();
        // The same scan in another person's open petition (the store keeps one file per content).
        var other = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { PetitionerName = "María López" }, "OP-14", new DateTime(2026, 11, 26, 9, 0, 0)));
        await App.Get<AttachmentService>().AddToPetitionAsync(_clerk, other.Id, AttachmentKind.Otro, "copia.jpg", new MemoryStream(TestDocuments.JpegLike()));
        await Edits.CancelAsync(_director, request.Folio, [new RecordKey(PersonRecordKind.Peticion, closed.Id)]);
        Assert.True(App.Get<AttachmentStore>().Exists(sha));
    }

    [Fact]
    public async Task Each_right_has_its_type_created_once_and_the_seed_gives_existing_ones_their_right()
    {
        await using var db = App.CreateDb();
        var types = await db.PetitionTypes.Where(t => t.ArcoRight != null).OrderBy(t => t.ArcoRight).Select(t => new { t.Name, t.ArcoRight, t.ArchiveSeriesId }).ToListAsync();
        Assert.Equal(Enum.GetValues<ArcoRight>().Select(ArcoRequests.TypeName), types.Select(t => t.Name));
        Assert.All(types, t => Assert.NotNull(t.ArchiveSeriesId));
        await ArcoRequests.SeedTypesAsync(db);
        Assert.Equal(4, await db.PetitionTypes.CountAsync(t => t.ArcoRight != null));
    }

    /// <summary>A stream like an HTTP response's body writer: it cannot seek or be read.</summary>
    private sealed class ResponseLikeStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}

using Ventanilla.Tests.TestInfrastructure;
using Ventanilla.Features.Shared;
using System.Text;

namespace Ventanilla.Tests.Features.Deadlines;

public class CalendarServiceTests : AppServiceTest
{
    private CalendarService Calendar => App.Get<CalendarService>();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Adding_and_removing_an_organismo_day_moves_the_clock_at_once()
    {
        Assert.Equal(D("2026-12-07"), Calendar.Clock().DueDate(D("2026-11-13")));

        await Calendar.AddOrganismoDayAsync(D("2026-12-07"), null, " Aniversario del organismo ", TestActors.Named("admin"));

        var day = Assert.Single(await Calendar.ListOrganismoDaysAsync());
        Assert.Equal("Aniversario del organismo", day.Description);
        Assert.Equal(D("2026-12-08"), Calendar.Clock().DueDate(D("2026-11-13")));
        await Calendar.RemoveOrganismoDayAsync(day.Id, TestActors.Named("admin"));
        Assert.Equal(D("2026-12-07"), Calendar.Clock().DueDate(D("2026-11-13")));
        Assert.Empty(await Calendar.ListOrganismoDaysAsync());
    }

    [Fact]
    public async Task A_range_is_stored_once_and_covers_every_day()
    {
        await Calendar.AddOrganismoDayAsync(D("2026-12-21"), D("2027-01-01"), "Vacaciones de invierno", TestActors.Named("admin"));
        var stored = Assert.Single(await Calendar.ListOrganismoDaysAsync());
        Assert.Equal((D("2026-12-21"), D("2027-01-01")), (stored.StartDate, stored.EndDate));
        Assert.False(Calendar.Current.IsBusinessDay(D("2026-12-30")));
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_saved()
    {
        var reversed = await Assert.ThrowsAsync<RuleException>(() => Calendar.AddOrganismoDayAsync(D("2026-04-03"), D("2026-03-30"), "Semana Santa", TestActors.Named("admin")));
        Assert.Equal("Fecha fin: 30/03/2026 es anterior a la fecha de inicio (03/04/2026).", reversed.Message);
        var empty = await Assert.ThrowsAsync<RuleException>(() => Calendar.AddOrganismoDayAsync(D("2026-11-02"), null, " ", TestActors.Named("admin")));
        Assert.StartsWith("Descripción: es obligatoria", empty.Message);

        await Calendar.AddOrganismoDayAsync(D("2026-03-30"), D("2026-04-03"), "Semana Santa", TestActors.Named("admin"));
        var duplicate = await Assert.ThrowsAsync<RuleException>(() => Calendar.AddOrganismoDayAsync(D("2026-04-02"), null, "Jueves Santo", TestActors.Named("admin")));
        Assert.Contains("se cruza con «Semana Santa»", duplicate.Message);
        Assert.Single(await Calendar.ListOrganismoDaysAsync());
    }

    [Fact]
    public async Task Editing_a_day_checks_its_version_and_overlaps()
    {
        await Calendar.AddOrganismoDayAsync(D("2026-03-30"), D("2026-04-03"), "Semana Santa", TestActors.Named("admin"));
        await Calendar.AddOrganismoDayAsync(D("2026-11-02"), null, "Día de Muertos", TestActors.Named("admin"));
        var days = await Calendar.ListOrganismoDaysAsync();
        var muertos = days.Single(d => d.Description == "Día de Muertos");

        var overlap = await Assert.ThrowsAsync<RuleException>(
            () => Calendar.UpdateOrganismoDayAsync(muertos.Id, muertos.Version, D("2026-04-03"), null, "Día de Muertos", TestActors.Named("admin")));
        Assert.Contains("Semana Santa", overlap.Message);

        await Calendar.UpdateOrganismoDayAsync(muertos.Id, muertos.Version, D("2026-11-02"), D("2026-11-03"), "Muertos y puente", TestActors.Named("admin"));
        Assert.False(Calendar.Current.IsBusinessDay(D("2026-11-03")));

        var stale = await Assert.ThrowsAsync<RuleException>(
            () => Calendar.UpdateOrganismoDayAsync(muertos.Id, muertos.Version, D("2026-11-02"), null, "Otra vez", TestActors.Named("admin")));
        Assert.Contains("Alguien más cambió", stale.Message);
        Assert.Equal("Muertos y puente", (await Calendar.ListOrganismoDaysAsync()).Single(d => d.Id == muertos.Id).Description);
    }

    private async Task<int> AddPetitionAsync(string folio, string receptionDay, string dueDate, PetitionStatus status, bool? onTime = null)
    {
        await using var db = App.CreateDb();
        var petition = new Petition
        {
            Folio = folio,
            FolioYear = 2026,
            FolioNumber = int.Parse(folio[^3..]),
            ReceivedAtUtc = D(receptionDay).ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc),
            DayZero = D(receptionDay),
            PetitionerName = "Juan Pérez",
            PetitionTypeId = db.PetitionTypes.First().Id,
            Subject = "Revisión de consumo",
            Status = status,
            TermDays = 15,
            DueDate = D(dueDate),
            OnTime = onTime,
            CreatedAtUtc = D(receptionDay).ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc),
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return petition.Id;
    }

    [Fact]
    public async Task A_new_day_moves_open_petitions_logs_it_and_leaves_closed_ones_alone()
    {
        var open = await AddPetitionAsync("AU-2026-001", "2026-11-13", "2026-12-07", PetitionStatus.Turnada);
        var closed = await AddPetitionAsync("AU-2026-002", "2026-11-13", "2026-12-07", PetitionStatus.Cerrada, onTime: true);
        var later = await AddPetitionAsync("AU-2026-003", "2026-12-08", "2026-12-30", PetitionStatus.Registrada);
        var notified = new TaskCompletionSource<LiveTopic>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = App.Get<LiveUpdates>().Subscribe(LiveTopic.All, t => { notified.TrySetResult(t); return Task.CompletedTask; });

        var change = await Calendar.AddOrganismoDayAsync(D("2026-12-07"), null, "Aniversario del organismo", TestActors.Named("admin"));

        Assert.Equal(1, change.PetitionsMoved);
        await using var db = App.CreateDb();
        Assert.Equal(D("2026-12-08"), db.Petitions.Single(p => p.Id == open).DueDate);
        Assert.Equal(D("2026-12-07"), db.Petitions.Single(p => p.Id == closed).DueDate);
        Assert.True(db.Petitions.Single(p => p.Id == closed).OnTime);
        Assert.Equal(D("2026-12-30"), db.Petitions.Single(p => p.Id == later).DueDate);
        var logged = Assert.Single(db.PetitionEvents.Where(e => e.PetitionId == open));
        Assert.Equal(Ventanilla.Features.Petitions.PetitionEvents.Recalculated, logged.Kind);
        Assert.Equal("admin", logged.UserName);
        Assert.Contains("07/12/2026 → 08/12/2026", logged.Note);
        Assert.Contains("Aniversario del organismo", logged.Note);
        Assert.Empty(db.PetitionEvents.Where(e => e.PetitionId == closed));
        Assert.Equal(LiveTopic.Calendar | LiveTopic.Petitions, await notified.Task.WaitAsync(TimeSpan.FromSeconds(5)));

        await Calendar.RemoveOrganismoDayAsync(db.NonWorkingDays.Single().Id, TestActors.Named("admin"));
        await using var after = App.CreateDb();
        Assert.Equal(D("2026-12-07"), after.Petitions.Single(p => p.Id == open).DueDate);
        Assert.Equal(2, after.PetitionEvents.Count(e => e.PetitionId == open));
    }

    [Fact]
    public async Task A_paused_petition_keeps_its_pause_when_the_calendar_moves_it()
    {
        var id = await AddPetitionAsync("AU-2026-004", "2026-11-13", "2026-12-09", PetitionStatus.Turnada);
        await using (var db = App.CreateDb())
        {
            // Paused 17–18 Nov (two business days), resumed: 15 days from 13 Nov end on 9 Dec.
            db.PetitionPauses.Add(new PetitionPause { PetitionId = id, Reason = PauseReason.Documents, StartDate = D("2026-11-16"), EndDate = D("2026-11-18") });
            await db.SaveChangesAsync();
        }
        Assert.Equal(D("2026-12-09"), PetitionDeadlines.DueDateOf(Calendar.Clock(), await LoadAsync(id)));

        await Calendar.AddOrganismoDayAsync(D("2026-12-01"), null, "Día del organismo", TestActors.Named("admin"));

        Assert.Equal(D("2026-12-10"), (await LoadAsync(id)).DueDate);
    }

    private async Task<Petition> LoadAsync(int id)
    {
        await using var db = App.CreateDb();
        return await db.Petitions.Include(p => p.Pauses).SingleAsync(p => p.Id == id);
    }

    [Fact]
    public async Task An_ownership_proof_due_date_follows_the_calendar_too()
    {
        var id = await AddPetitionAsync("AU-2026-005", "2026-11-13", "2026-12-07", PetitionStatus.EsperandoUsuario);
        await using (var db = App.CreateDb())
        {
            db.PetitionPauses.Add(new PetitionPause { PetitionId = id, Reason = PauseReason.OwnershipProof, StartDate = D("2026-11-26") });
            var petition = db.Petitions.Single(p => p.Id == id);
            petition.ProofDueDate = D("2026-12-01");
            await db.SaveChangesAsync();
        }

        await Calendar.AddOrganismoDayAsync(D("2026-11-30"), null, "Día del organismo", TestActors.Named("admin"));

        Assert.Equal(D("2026-12-02"), (await LoadAsync(id)).ProofDueDate);
    }

    [Theory]
    [InlineData("2026-11-13 16:59", "2026-11-13", "2026-12-07", "en horario de atención")]
    [InlineData("2026-11-13 17:00", "2026-11-17", "2026-12-08", "al cierre o después")]
    [InlineData("2026-11-14 10:00", "2026-11-17", "2026-12-08", "Recibida en sábado: el día 0 es el siguiente día hábil, martes 17/11/2026.")]
    [InlineData("2026-11-16 10:00", "2026-11-17", "2026-12-08", "Día de la Revolución")]
    public void The_calculator_explains_day_zero(string received, string dayZero, string due, string why)
    {
        var answer = Calendar.Explain(Ventanilla.Cli.DeadlineCommand.ParseWhen(received, new TimeOnly(9, 0)));
        Assert.Equal(D(dayZero), answer.DayZero);
        Assert.Equal(D(due), answer.DueDate);
        Assert.Contains(why, answer.DayZeroReason);
        Assert.Equal(15, answer.Days.Count(d => d.Counted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(400)]
    public void The_calculator_refuses_a_term_out_of_range(int term)
    {
        var error = Assert.Throws<RuleException>(() => Calendar.Explain(new DateTime(2026, 11, 13, 10, 0, 0), term));
        Assert.StartsWith("Plazo: debe ser de 1 a 365 días hábiles", error.Message);
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Import_accepts_both_date_formats_ranges_and_a_BOM()
    {
        var content = CsvFiles.Utf8WithBom.GetPreamble().Concat(Csv(
            "Fecha,FechaFin,Descripción\r\n30/03/2026,03/04/2026,Semana Santa\r\n\r\n2026-11-02,,\"Día de Muertos, ofrenda\"\r\n")).ToArray();

        var result = await Calendar.ImportOrganismoDaysAsync(content, TestActors.Named("admin"));

        Assert.Equal(new CalendarImportResult(2, 2, 0, 0), result);
        var days = await Calendar.ListOrganismoDaysAsync();
        Assert.Equal(["Semana Santa", "Día de Muertos, ofrenda"], days.Select(d => d.Description));
        Assert.False(Calendar.Current.IsBusinessDay(D("2026-04-01")));
    }

    [Theory]
    [InlineData("Dia,Descripcion\n2026-12-07,X\n", "Línea 1: la columna «Dia» no se reconoce")]
    [InlineData("Fecha\n2026-12-07\n", "Línea 1: faltan columnas")]
    [InlineData("Fecha,Descripcion\n2026-12-07,Uno\n07/13/2026,Mes 13\n", "Línea 3, Fecha: «07/13/2026» no es una fecha válida")]
    [InlineData("Fecha,FechaFin,Descripcion\n2026-04-03,2026-03-30,Al revés\n", "Línea 2, FechaFin: 30/03/2026 es anterior a Fecha 03/04/2026")]
    [InlineData("Fecha,Descripcion\n2026-12-07,\n", "Línea 2, Descripcion: es obligatoria")]
    [InlineData("Fecha,Descripcion\n2026-12-07,Uno\n2026-12-08,Dos\n07/12/2026,Otra vez\n", "Línea 4: el 07/12/2026 ya está en la línea 2 (día repetido)")]
    [InlineData("Fecha,Tipo,Descripcion\n2026-12-07,Estatal,Uno\n", "Línea 2, Tipo: «Estatal» no es válido")]
    [InlineData("", "El archivo está vacío")]
    public async Task Import_errors_name_the_line_and_nothing_is_saved(string text, string message)
    {
        var error = await Assert.ThrowsAsync<RuleException>(() => Calendar.ImportOrganismoDaysAsync(Csv(text), TestActors.Named("admin")));
        Assert.Contains(message, error.Message);
        Assert.Empty(await Calendar.ListOrganismoDaysAsync());
    }

    [Fact]
    public async Task Import_refuses_a_file_that_is_not_UTF8_naming_the_line()
    {
        var latin1 = Encoding.Latin1.GetBytes("Fecha,Descripcion\n2026-12-07,Aniversario\n2026-12-08,Día de la Señal\n");
        var error = await Assert.ThrowsAsync<RuleException>(() => Calendar.ImportOrganismoDaysAsync(latin1, TestActors.Named("admin")));
        Assert.StartsWith("Línea 3: el archivo no está en UTF-8", error.Message);
        Assert.Empty(await Calendar.ListOrganismoDaysAsync());
    }

    [Fact]
    public async Task Import_refuses_a_row_that_partly_overlaps_a_registered_range()
    {
        await Calendar.AddOrganismoDayAsync(D("2026-12-21"), D("2026-12-31"), "Vacaciones de invierno", TestActors.Named("admin"));
        var error = await Assert.ThrowsAsync<RuleException>(() => Calendar.ImportOrganismoDaysAsync(
            Csv("Fecha,FechaFin,Descripcion\n2026-11-02,,Muertos\n2026-12-28,2027-01-08,Vacaciones largas\n"), TestActors.Named("admin")));
        Assert.Contains("Línea 3: del 28/12/2026 al 08/01/2027 se cruza en parte con «Vacaciones de invierno»", error.Message);
        Assert.Single(await Calendar.ListOrganismoDaysAsync());
    }

    [Fact]
    public async Task Export_keeps_ranges_and_can_be_imported_back()
    {
        await Calendar.AddOrganismoDayAsync(D("2026-12-21"), D("2026-12-31"), "Vacaciones de invierno", TestActors.Named("admin"));
        await Calendar.AddOrganismoDayAsync(D("2026-11-02"), null, "=Día de Muertos", TestActors.Named("admin"));

        var bytes = await Calendar.ExportOrganismoDaysAsync();

        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("\uFEFFFecha,FechaFin,Descripcion\r\n2026-11-02,,'=Día de Muertos\r\n2026-12-21,2026-12-31,Vacaciones de invierno\r\n", text);
        var again = await Calendar.ImportOrganismoDaysAsync(bytes, TestActors.Named("admin"));
        Assert.Equal(0, again.Added);
        Assert.Equal(2, again.AlreadyPresent);
    }
}

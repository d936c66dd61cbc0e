using Ventanilla.Features.Shared;
using System.Text;

namespace Ventanilla.Tests.Features.Reception;

public class VisitRegisterServiceTests : AppServiceTest
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    /// <summary>A morning: one visit served at desk 1 by Rosa, one still waiting.</summary>
    private async Task SeedMorningAsync()
    {
        var queue = App.Get<QueueService>();
        var staff = await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await using var db = App.CreateDb();
        var a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        var desk = await db.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a, Name: "Ana López", AccountNumber: "01-234"));
        App.Time.Advance(TimeSpan.FromMinutes(7));
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));
        var clerk = await App.Get<Actors>().ForUserAsync(staff.Id);
        var ticket = await queue.CallNextAsync(clerk, desk);
        App.Time.Advance(TimeSpan.FromMinutes(1));
        await queue.StartServiceAsync(clerk, desk, ticket.TicketId);
        App.Time.Advance(TimeSpan.FromMinutes(12));
        await queue.FinishAsync(clerk, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.DocumentsRequested, null, "=Copia de INE, recibo"));
    }

    [Fact]
    public async Task Lists_each_visit_with_its_times_and_outcome()
    {
        await SeedMorningAsync();
        var rows = await App.Get<VisitRegisterService>().ListAsync(new VisitFilter(Today, Today));

        Assert.Equal(2, rows.Count);
        var served = rows[0];
        Assert.Equal(("A-001", "Ana López", "01-234", 1, "rosa"), (served.Turn, served.Person, served.AccountNumber, served.DeskNumber, served.Staff));
        Assert.Equal(new DateTime(2026, 11, 27, 10, 0, 0), served.ArrivedLocal);
        Assert.Equal(new DateTime(2026, 11, 27, 10, 7, 0), served.CalledLocal);
        Assert.Equal((7, 12), (served.WaitMinutes, served.ServiceMinutes));
        Assert.Equal(VisitOutcome.DocumentsRequested, served.Outcome);
        Assert.Equal(VisitOutcome.Pending, rows[1].Outcome);
        Assert.Null(rows[1].CalledLocal);
    }

    [Fact]
    public async Task Filters_by_text_ignoring_accents_and_refuses_a_reversed_range()
    {
        await SeedMorningAsync();
        var register = App.Get<VisitRegisterService>();
        Assert.Single(await register.ListAsync(new VisitFilter(Today, Today, Text: "lopez")));
        Assert.Single(await register.ListAsync(new VisitFilter(Today, Today, Outcome: VisitOutcome.Pending)));
        Assert.Empty(await register.ListAsync(new VisitFilter(Today.AddDays(1), Today.AddDays(2))));
        var error = await Assert.ThrowsAsync<RuleException>(() => register.ListAsync(new VisitFilter(Today, Today.AddDays(-1))));
        Assert.Equal("Hasta: 26/11/2026 es anterior a Desde 27/11/2026.", error.Message);
    }

    [Fact]
    public async Task Exports_UTF8_with_BOM_Spanish_headers_and_formula_safe_cells()
    {
        await SeedMorningAsync();
        var bytes = await App.Get<VisitRegisterService>().ToBytesAsync(new VisitFilter(Today, Today));

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Fecha,Llegada,Turno,Categoría,Usuario,Número de cuenta,Teléfono,Atención preferente,Módulo,Atendió", lines[0]);
        Assert.Equal("27/11/2026,10:00,A-001,Pagos y liquidaciones,Ana López,01-234,,,1,rosa,10:07,10:08,10:20,7,12,Se solicitaron documentos,\"'=Copia de INE, recibo\",,", lines[1]);
        Assert.StartsWith("27/11/2026,10:07,A-002,", lines[2]);
        Assert.Contains(",Pendiente,", lines[2]);
    }
}

using Ventanilla.Features.Privacy;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Privacy;

/// <summary>
/// The access log to personal data as a service: a line per read (the same read a moment later is the same one), the
/// Administrador's filters by person, folio and period, the CSV, and the database refusing to change a line.
/// </summary>
public class AccessLogTests : PetitionTestBase
{
    private AccessLog Log => App.Get<AccessLog>();
    private Actor _admin = null!;

    private static readonly ReadPlace Desk = new("/peticiones/AU-2026-00001", "192.0.2.7");

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        _admin = await App.Get<Actors>().ForUserAsync((await App.AddUserAsync("ana", "Segura123", Roles.Administrador)).Id);
    }

    private static PersonalRead Petition(string folio, int id = 1) => new(PersonalDataKind.Peticion, folio, folio, id);

    [Fact]
    public async Task Each_read_is_one_line_with_who_what_and_where_and_the_same_read_a_moment_later_is_not_a_second()
    {
        await Log.RecordAsync(_clerk, Petition("AU-2026-00001"), Desk);
        // The live page drawing the same petition right after its prerendered copy.
        App.Time.Advance(TimeSpan.FromSeconds(5));
        await Log.RecordAsync(_clerk, Petition("AU-2026-00001"), Desk);
        // Another person, and the same person past the window, are new reads.
        await Log.RecordAsync(_liaison, Petition("AU-2026-00001"), Desk);
        App.Time.Advance(AccessLog.SameReadWindow);
        await Log.RecordAsync(_clerk, Petition("AU-2026-00001"), Desk);

        var page = await Log.ListAsync(_admin, new AccessFilter());
        Assert.Equal(3, page.Total);
        var newest = page.Rows[0];
        Assert.Equal(("rosa", PersonalDataKind.Peticion, "AU-2026-00001", "/peticiones/AU-2026-00001", "192.0.2.7"),
            (newest.UserName, newest.Kind, newest.Folio, newest.Source, newest.Address));
        Assert.Equal(new DateTime(2026, 11, 27, 10, 2, 5), newest.AtLocal);
        Assert.Equal(["rosa", "oscar", "rosa"], page.Rows.Select(r => r.UserName));
    }

    [Fact]
    public async Task The_Administrador_filters_by_person_folio_and_period_and_nobody_else_reads_the_log()
    {
        await Log.RecordAsync(_clerk, Petition("AU-2026-00001"), Desk);
        await Log.RecordAsync(_liaison, Petition("AU-2026-00002", 2), Desk);
        App.Time.Advance(TimeSpan.FromDays(3));
        await Log.RecordAsync(_clerk, new PersonalRead(PersonalDataKind.RegistroVisitas, "30/11/2026", Detail: "4 visitas mostradas"), new("/visitas", "192.0.2.8"));

        Assert.Equal(2, (await Log.ListAsync(_admin, new AccessFilter(Person: "ROS"))).Total);
        Assert.Equal("oscar", Assert.Single((await Log.ListAsync(_admin, new AccessFilter(Folio: "au-2026-00002"))).Rows).UserName);
        Assert.Equal(PersonalDataKind.RegistroVisitas, Assert.Single((await Log.ListAsync(_admin, new AccessFilter(From: D(11, 29)))).Rows).Kind);
        Assert.Equal(2, (await Log.ListAsync(_admin, new AccessFilter(From: D(11, 27), To: D(11, 27)))).Total);

        var reversed = await Assert.ThrowsAsync<RuleException>(() => Log.ListAsync(_admin, new AccessFilter(From: D(11, 28), To: D(11, 27))));
        Assert.Contains("Hasta", reversed.Message);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Log.ListAsync(_director, new AccessFilter()));
        Assert.Contains("Administrador", refused.Message);
    }

    [Fact]
    public async Task The_CSV_has_Spanish_headers_and_one_line_per_read_oldest_first()
    {
        await Log.RecordAsync(_clerk, Petition("AU-2026-00001"), Desk);
        App.Time.Advance(TimeSpan.FromMinutes(10));
        await Log.RecordAsync(_liaison, new PersonalRead(PersonalDataKind.Documento, "AU-2026-00001: ine.pdf", "AU-2026-00001", 1, Detail: "Descargado"), new("/expediente/4/descargar", "192.0.2.9"));
        using var output = new MemoryStream();
        Assert.Equal(2, await Log.WriteCsvAsync(_admin, output, new AccessFilter(Folio: "AU-2026-00001")));
        var lines = Exports.CsvLines(output.ToArray());
        Assert.Equal("Fecha,Hora,Persona,Qué,Asunto,Folio,Detalle,Desde,Dirección", lines[0]);
        Assert.Equal("27/11/2026,10:00:00,rosa,Petición,AU-2026-00001,AU-2026-00001,,/peticiones/AU-2026-00001,192.0.2.7", lines[1]);
        Assert.Equal("27/11/2026,10:10:00,oscar,Documento del expediente,AU-2026-00001: ine.pdf,AU-2026-00001,Descargado,/expediente/4/descargar,192.0.2.9", lines[2]);
    }

    [Fact]
    public async Task The_database_refuses_to_change_a_line_of_the_log()
    {
        await Log.RecordAsync(_clerk, Petition("AU-2026-00001"), Desk);
        await Log.FlushAsync();
        await using var db = App.CreateDb();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.PersonalDataReads.ExecuteUpdateAsync(s => s.SetProperty(r => r.UserName, "Nadie")));
        Assert.Contains(AppendOnly.Message, error.ToString());
        Assert.Equal("rosa", (await db.PersonalDataReads.AsNoTracking().SingleAsync()).UserName);
    }
}

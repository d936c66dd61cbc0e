using System.Text;

namespace Ventanilla.Tests.Features.Petitions;

public class PetitionQueryTests : PetitionTestBase
{
    private PetitionQueries Queries => App.Get<PetitionQueries>();

    /// <summary>Three petitions: one received long ago (red), one recent (green), one waiting on a third party (paused).</summary>
    private async Task<(PetitionRef Old, PetitionRef Recent, PetitionRef Waiting)> SeedThreeAsync()
    {
        var old = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(
            new PetitionInput(_type, "Fuga en la toma", "Ana Núñez", AccountNumber: "09-111"), "OP-1", new DateTime(2026, 10, 1, 10, 0, 0)));
        old = await Petitions.RouteAsync(_clerk, old.Id, old.Version, [_operation], null);
        var recent = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-2", new DateTime(2026, 11, 26, 10, 0, 0)));
        var waiting = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(thirdParty: true), "OP-3", new DateTime(2026, 11, 20, 10, 0, 0)));
        waiting = await Petitions.WaitForPetitionerAsync(_clerk, waiting.Id, waiting.Version, PauseReason.OwnershipProof, D(11, 26), null);
        return (old, recent, waiting);
    }

    [Fact]
    public async Task The_list_puts_the_most_urgent_first_with_days_left_and_light()
    {
        var (old, recent, waiting) = await SeedThreeAsync();
        var page = await Queries.ListAsync(_clerk, new PetitionFilter());

        Assert.Equal(3, page.Total);
        Assert.Equal([old.Folio, recent.Folio, waiting.Folio], page.Rows.Select(r => r.Folio));
        Assert.Equal([TrafficLight.Rojo, TrafficLight.Verde, TrafficLight.Pausada], page.Rows.Select(r => r.Light!.Value));
        Assert.True(page.Rows[0].DaysLeft < 0);
        Assert.Equal(["Operación"], page.Rows[0].Areas);
    }

    [Fact]
    public async Task Filters_by_person_account_area_light_and_folio_and_pages_on_the_server()
    {
        var (old, _, waiting) = await SeedThreeAsync();
        Assert.Equal([old.Folio], (await Queries.ListAsync(_clerk, new PetitionFilter(Person: "nunez"))).Rows.Select(r => r.Folio));
        Assert.Equal([old.Folio], (await Queries.ListAsync(_clerk, new PetitionFilter(Account: "09-1"))).Rows.Select(r => r.Folio));
        Assert.Equal([old.Folio], (await Queries.ListAsync(_clerk, new PetitionFilter(AreaId: _operation))).Rows.Select(r => r.Folio));
        Assert.Equal([waiting.Folio], (await Queries.ListAsync(_clerk, new PetitionFilter(Light: TrafficLight.Pausada))).Rows.Select(r => r.Folio));
        Assert.Equal([old.Folio], (await Queries.ListAsync(_clerk, new PetitionFilter(Light: TrafficLight.Rojo))).Rows.Select(r => r.Folio));
        Assert.Equal(3, (await Queries.ListAsync(_clerk, new PetitionFilter(Folio: "op-"))).Total);
        Assert.Single((await Queries.ListAsync(_clerk, new PetitionFilter(Folio: "00002"))).Rows);

        var second = await Queries.ListAsync(_clerk, new PetitionFilter(), page: 2, pageSize: 2);
        Assert.Equal((3, 1), (second.Total, second.Rows.Count));
    }

    [Fact]
    public async Task The_daily_follow_up_lists_pending_routings_worst_first_and_marks_todays()
    {
        var (old, recent, _) = await SeedThreeAsync();
        recent = await Petitions.RouteAsync(_clerk, recent.Id, recent.Version, [_operation, _billing], null);

        var rows = await Queries.FollowUpsAsync(_clerk);
        Assert.Equal([old.Folio, recent.Folio, recent.Folio], rows.Select(r => r.Folio));
        Assert.Equal(TrafficLight.Rojo, rows[0].Light);
        Assert.All(rows, r => Assert.False(r.FollowedUpToday));

        await Petitions.RecordFollowUpAsync(_clerk, rows[0].RoutingId, FollowUpKind.ProgressRequest, null);
        Assert.True((await Queries.FollowUpsAsync(_clerk))[0].FollowedUpToday);
        App.Time.Advance(TimeSpan.FromDays(1));
        Assert.False((await Queries.FollowUpsAsync(_clerk))[0].FollowedUpToday);
        Assert.Equal(["Facturación y Cobranza"], (await Queries.FollowUpsAsync(_otherLiaison)).Select(r => r.Area));
    }

    [Fact]
    public async Task An_area_liaison_sees_only_their_areas_petitions()
    {
        var (old, _, _) = await SeedThreeAsync();
        Assert.Equal([old.Folio], (await Queries.ListAsync(_liaison, new PetitionFilter())).Rows.Select(r => r.Folio));
        Assert.Empty((await Queries.ListAsync(_otherLiaison, new PetitionFilter())).Rows);
    }

    [Fact]
    public async Task The_export_has_the_register_columns_in_order()
    {
        var (old, _, _) = await SeedThreeAsync();
        var cancelled = await Petitions.CancelAsync(_clerk, old.Id, (await LoadAsync(old.Id)).Version, "Duplicada");
        var (bytes, count) = await App.Get<PetitionExport>().ToBytesAsync(new PetitionFilter());

        Assert.Equal(3, count);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Folio,FolioOficialia,FechaRecepcion,Canal,Solicitante,EsTercero,NumeroCuenta,ClaveCatastral,Telefono,Domicilio,TipoPeticion,Asunto,AreasTurnadas,Estatus,FechaLimite,FechaLimiteAcreditacion,DiasHabilesRestantes,Semaforo,FechaRespuesta,FechaCierre,ATiempo,Observaciones", lines[0]);
        var type = lines[1].Split(',')[10];
        Assert.Equal($"AU-2026-00001,OP-1,2026-10-01,Escrito,Ana Núñez,No,09-111,,,,{type},Fuga en la toma,Operación,Cancelada,2026-10-22,,,,,2026-11-27,,", lines[1]);
        Assert.StartsWith("AU-2026-00002,OP-2,2026-11-26,Escrito,José Pérez,No,01-234-5678,,5512345678,,", lines[2]);
        Assert.EndsWith(",Registrada,2026-12-17,,14,Verde,,,,", lines[2]);
        Assert.Contains(",Sí,", lines[3]);
        Assert.EndsWith(",Esperando al usuario,2026-12-14,2026-12-01,11,En pausa,,,,", lines[3]);
        Assert.Equal(PetitionStatus.Cancelada, cancelled.Status);
    }

    [Fact]
    public async Task Overdue_days_are_written_as_plain_numbers_not_defused_as_formulas()
    {
        await using (var db = App.CreateDb())
        {
            // Due Thursday 19 Nov: overdue by the six business days 20, 23, 24, 25, 26 and 27 Nov.
            var overdue = PetitionRows.Make(new DateTime(2026, 10, 26, 10, 0, 0), new DateOnly(2026, 10, 26), _type, PetitionStatus.Turnada, new DateOnly(2026, 11, 19));
            overdue.PetitionerName = "=HIPERVINCULO(\"x\")";
            db.Petitions.Add(overdue);
            await db.SaveChangesAsync();
        }

        var (bytes, _) = await App.Get<PetitionExport>().ToBytesAsync(new PetitionFilter());

        var line = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.True(line.Contains(",2026-11-19,,-6,Rojo,"), line);
        Assert.Contains(",\"'=HIPERVINCULO(\"\"x\"\")\",", line);
    }
}

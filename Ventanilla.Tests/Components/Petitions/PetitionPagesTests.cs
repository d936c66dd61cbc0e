using Ventanilla.Features.Shared;
using Ventanilla.Features.Petitions.Pages;
using Ventanilla.Components.Shared;

namespace Ventanilla.Tests.Components.Petitions;

/// <summary>The petition pages for each role: what they show and which actions they offer.</summary>
public class PetitionPagesTests() : AppPageTest(Roles.AtencionUsuarios)
{
    private readonly Dictionary<string, CreatedUser> _users = [];

    protected override async Task SeedAsync()
    {
        _users["rosa"] = await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        _users["oscar"] = await App.AddUserAsync("oscar", "Segura123", Roles.Area);
        _users["diana"] = await App.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        _users["olga"] = await App.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
    }

    private void SignInAs(string user, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(role);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, _users[user].Id));
    }

    private Task<Actor> ActorAsync(string user) => App.Get<Actors>().ForUserAsync(_users[user].Id);

    private async Task<PetitionRef> WrittenAsync(bool thirdParty = false)
    {
        await using var db = App.CreateDb();
        var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        return await App.Get<PetitionRegistration>().RegisterWrittenAsync(await ActorAsync("olga"),
            new WrittenPetitionInput(new PetitionInput(type, "Cobro excesivo", "José Pérez", thirdParty), "OP-9", new DateTime(2026, 11, 26, 10, 0, 0)));
    }

    /// <summary>
    /// Many open petitions written straight to the database (folios 1…count, the last one due soonest), each
    /// routed to the area <paramref name="areaOf"/> gives (Turnada) or to none (Registrada).
    /// </summary>
    private async Task SeedManyAsync(int count, Func<int, string?> areaOf)
    {
        await using var db = App.CreateDb();
        var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
        var areas = await db.Areas.ToDictionaryAsync(a => a.Name, a => a.Id);
        var calendar = App.Get<CalendarService>().Clock().Calendar;
        for (var i = 1; i <= count; i++)
        {
            var received = new DateOnly(2026, 11, 27).AddDays(-i);
            var petition = new Petition
            {
                Folio = Folios.Format("AU", 2026, i), FolioYear = 2026, FolioNumber = i, PetitionerName = "Usuario", SearchName = "usuario",
                ReceivedAtUtc = received.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), DayZero = received, CreatedAtUtc = DateTime.UtcNow,
                PetitionTypeId = type, Subject = "Revisión", Status = PetitionStatus.Registrada, TermDays = 15,
                DueDate = calendar.AddBusinessDays(new DateOnly(2026, 11, 27), 200 - i),
            };
            if (areaOf(i) is { } area)
            {
                petition.Status = PetitionStatus.Turnada;
                petition.Routings.Add(new Routing { AreaId = areas[area], RoutedAtUtc = petition.ReceivedAtUtc, Status = RoutingStatus.Pending });
            }
            db.Petitions.Add(petition);
        }
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<PetitionPage> RenderPetition(string folio)
    {
        var page = RenderPage<PetitionPage>(p => p.Add(x => x.Folio, folio));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=folio]")));
        return page;
    }

    [Fact]
    public async Task The_clerk_sees_the_clock_and_may_route_wait_draft_and_cancel()
    {
        var created = await WrittenAsync();
        SignInAs("rosa", Roles.AtencionUsuarios);
        var page = RenderPetition(created.Folio);

        Assert.Equal("AU-2026-00001", page.Find("[data-testid=folio]").TextContent);
        Assert.Contains("17/12/2026", page.Find("[data-testid=due-date]").TextContent);
        Assert.Equal("14", page.Find("[data-testid=days-left]").TextContent);
        Assert.Equal("Verde", page.Find("[data-light]").GetAttribute("data-light"));
        Assert.NotNull(page.Find("[data-testid=route]"));
        Assert.NotNull(page.Find("[data-testid=save-draft]"));
        Assert.NotNull(page.Find("[data-testid=cancel]"));
        Assert.Empty(page.FindAll("[data-testid=approve]"));
        Assert.Empty(page.FindAll("[data-testid=close]"));

        page.Find("input[data-area='Operación']").Change(true);
        page.Find("[data-testid=route]").Click();
        page.WaitForAssertion(() => Assert.Equal("Turnada", page.Find("[data-testid=status]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-routing='Operación']"));
        Assert.NotNull(page.Find("[data-event='Turnada']"));
    }

    [Fact]
    public async Task An_area_liaison_answers_their_routing_and_sees_no_petition_actions()
    {
        var created = await WrittenAsync();
        await using (var db = App.CreateDb())
        {
            var operation = await db.Areas.SingleAsync(a => a.Name == "Operación");
            await App.Get<UserService>().UpdateAsync(Actor.System, _users["oscar"].Id, "oscar", [Roles.Area], [operation.Name]);
            await App.Get<PetitionService>().RouteAsync(await ActorAsync("rosa"), created.Id, created.Version, [operation.Id], null);
        }
        SignInAs("oscar", Roles.Area);
        var page = RenderPetition(created.Folio);

        Assert.Empty(page.FindAll("[data-testid=actions]"));
        page.Find("[data-routing='Operación'] textarea[data-testid=routing-text]").Change("Lectura verificada");
        page.Find("[data-routing='Operación'] [data-testid=routing-answer]").Click();
        page.WaitForAssertion(() => Assert.Equal("En respuesta", page.Find("[data-testid=status]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_liaison_of_another_area_does_not_see_the_petition()
    {
        var created = await WrittenAsync();
        SignInAs("oscar", Roles.Area);
        var page = RenderPage<PetitionPage>(p => p.Add(x => x.Folio, created.Folio));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=petition-missing]")));
    }

    [Fact]
    public async Task The_director_approves_and_the_Oficialia_closes()
    {
        var created = await WrittenAsync();
        var responses = App.Get<PetitionResponses>();
        var p = await responses.SaveDraftAsync(await ActorAsync("rosa"), created.Id, created.Version, "Se ajustó el cobro.");
        p = await responses.SubmitForReviewAsync(await ActorAsync("rosa"), p.Id, p.Version);
        SignInAs("diana", Roles.DireccionComercial);
        var page = RenderPetition(created.Folio);
        Assert.Contains("Se ajustó el cobro.", page.Find("[data-testid=review-text]").TextContent);
        page.Find("[data-testid=approve]").Click();
        page.WaitForAssertion(() => Assert.Equal("Aprobada", page.Find("[data-testid=status]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=print-letter]"));
        Assert.Contains("Se ajustó el cobro.", page.Find(".response-letter").TextContent);
    }

    [Fact]
    public async Task Bad_input_on_an_action_is_shown_beside_it()
    {
        var created = await WrittenAsync();
        SignInAs("rosa", Roles.AtencionUsuarios);
        var page = RenderPetition(created.Folio);
        page.Find("[data-testid=cancel]").Click();
        page.WaitForAssertion(() => Assert.Equal("Motivo: escriba por qué se cancela.", page.Find("[data-testid=action-error]").TextContent.Trim()));
        page.Find("[data-testid=route]").Click();
        page.WaitForAssertion(() => Assert.Equal("Áreas: elija al menos un área.", page.Find("[data-testid=action-error]").TextContent.Trim()));
    }

    [Fact]
    public async Task The_list_shows_petitions_by_urgency_and_the_drafts_to_register()
    {
        var created = await WrittenAsync();
        await using (var db = App.CreateDb())
        {
            var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
            var desk = await db.Desks.OrderBy(d => d.Number).Select(d => d.Id).FirstAsync();
            var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var queue = App.Get<QueueService>();
            var customer = await App.Get<CustomerService>().CreateAsync(new CustomerInput("Luisa Gómez", null, null, null));
            await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
            var ticket = await queue.CallNextAsync(Actor.System, desk);
            await queue.FinishAsync(Actor.System, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.PetitionCreated, customer.Id, null, type, "Cambio de tarifa"));
        }
        SignInAs("rosa", Roles.AtencionUsuarios);
        var page = RenderPage<PetitionsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-folio='{created.Folio}']")));
        Assert.Contains("Cambio de tarifa", page.Find("[data-testid=drafts]").TextContent);
        Assert.Equal("1 petición", page.Find("[data-testid=total]").TextContent);
    }

    [Fact]
    public async Task The_daily_follow_up_records_a_follow_up_in_one_click()
    {
        var created = await WrittenAsync();
        await using (var db = App.CreateDb())
        {
            var operation = await db.Areas.SingleAsync(a => a.Name == "Operación");
            await App.Get<PetitionService>().RouteAsync(await ActorAsync("rosa"), created.Id, created.Version, [operation.Id], null);
        }
        SignInAs("rosa", Roles.AtencionUsuarios);
        var page = RenderPage<FollowUpPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-follow-up='AU-2026-00001|Operación']")));
        Assert.Contains("1 de 1 sin seguimiento hoy", page.Find("[data-testid=follow-up-summary]").TextContent);
        Assert.Equal("nunca", page.Find("[data-testid=last-follow-up]").TextContent);

        page.Find("[data-testid=record]").Click();
        page.WaitForAssertion(() => Assert.Contains("0 de 1 sin seguimiento hoy", page.Find("[data-testid=follow-up-summary]").TextContent));
        Assert.Equal("27/11/2026 10:00", page.Find("[data-testid=last-follow-up]").TextContent);
        Assert.Contains("done-today", page.Find("[data-follow-up='AU-2026-00001|Operación']").ClassList);
    }

    [Fact]
    public async Task The_daily_follow_up_pages_fifty_at_a_time_and_filters_by_area()
    {
        await SeedManyAsync(120, i => i % 4 == 0 ? "Jurídico" : "Operación");
        SignInAs("rosa", Roles.AtencionUsuarios);
        var page = RenderPage<FollowUpPage>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-follow-up]").Count));
        Assert.Contains("120 de 120 sin seguimiento hoy", page.Find("[data-testid=follow-up-summary]").TextContent);
        Assert.Equal("AU-2026-00120|Jurídico", page.FindAll("[data-follow-up]")[0].GetAttribute("data-follow-up"));
        Assert.Contains("120 turnos", page.Markup);

        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudPagination>().Instance.SelectedChanged.InvokeAsync(3));
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-follow-up]").Count));
        Assert.Equal("AU-2026-00020|Jurídico", page.FindAll("[data-follow-up]")[0].GetAttribute("data-follow-up"));

        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSelect<string>>().Instance.ValueChanged.InvokeAsync("Jurídico"));
        page.WaitForAssertion(() => Assert.Equal(30, page.FindAll("[data-follow-up]").Count));
        Assert.All(page.FindAll("[data-follow-up]"), r => Assert.EndsWith("|Jurídico", r.GetAttribute("data-follow-up")));
        Assert.Empty(page.FindComponents<MudBlazor.MudPagination>());
    }

    [Fact]
    public async Task Dragging_a_card_to_another_area_routes_it_there_after_the_note()
    {
        var created = await WrittenAsync();
        int operation;
        await using (var db = App.CreateDb())
        {
            operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
        }
        var forwarded = await App.Get<PetitionResponses>().ForwardToAttentionAsync(await ActorAsync("diana"), created.Id, created.Version, null);
        await App.Get<PetitionService>().RouteAsync(await ActorAsync("rosa"), created.Id, forwarded.Version, [operation], null);
        SignInAs("rosa", Roles.AtencionUsuarios);
        var page = RenderPage<BoardPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-column='Operación'] [data-card='AU-2026-00001']")));

        page.Find("[data-column='Operación'] [data-card='AU-2026-00001']").TriggerEvent("ondragstart", new Microsoft.AspNetCore.Components.Web.DragEventArgs());
        page.Find("[data-column='Facturación y Cobranza']").TriggerEvent("ondrop", new Microsoft.AspNetCore.Components.Web.DragEventArgs());
        Assert.Contains("Turnar AU-2026-00001 de Operación a Facturación y Cobranza", page.Find("[data-testid=move-dialog]").TextContent);
        await page.InvokeAsync(() => page.Find("input[data-testid=move-note]").Change("Corresponde a facturación"));
        await page.InvokeAsync(() => page.Find("[data-testid=move-confirm]").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-column='Facturación y Cobranza'] [data-card='AU-2026-00001']")));
        Assert.Empty(page.FindAll("[data-column='Operación'] [data-card]"));
        Assert.Contains("turnada a Facturación y Cobranza", page.Find("[data-testid=board-message]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=move-dialog]"));

        // Without dragging (a tablet): the card's own "Turnar a…" list opens the same note dialog.
        var jurídico = page.Find("[data-column='Facturación y Cobranza'] [data-card='AU-2026-00001'] select[data-testid=move-to] option:contains('Jurídico')")
            .GetAttribute("value");
        await page.InvokeAsync(() => page.Find("[data-column='Facturación y Cobranza'] [data-card='AU-2026-00001'] select[data-testid=move-to]").Change(jurídico));
        page.WaitForAssertion(() => Assert.Contains("de Facturación y Cobranza a Jurídico", page.Find("[data-testid=move-dialog]").TextContent));
        await page.InvokeAsync(() => page.Find("[data-testid=move-confirm]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-column='Jurídico'] [data-card='AU-2026-00001']")));
    }

    [Fact]
    public async Task A_long_column_shows_its_most_urgent_cards_and_more_on_request()
    {
        // 130 registered petitions in Atención a Usuarios' hands, due one business day apart.
        await SeedManyAsync(130, _ => null);
        SignInAs("rosa", Roles.AtencionUsuarios);
        var page = RenderPage<BoardPage>();
        const string column = "[data-column='Gerencia de Atención a Usuarios']";
        page.WaitForAssertion(() => Assert.Equal(PetitionBoard.CardsPerColumn, page.FindAll($"{column} [data-card]").Count));
        Assert.Equal("130", page.Find($"{column} [data-testid=column-count]").TextContent);
        // The most urgent first: folio 130 is due soonest.
        Assert.Equal("AU-2026-00130", page.FindAll($"{column} [data-card]")[0].GetAttribute("data-card"));
        Assert.Contains("Ver 60 más (quedan 70)", page.Find($"{column} [data-testid=show-more]").TextContent);

        page.Find($"{column} [data-testid=show-more] button, {column} button[data-testid=show-more]").Click();
        page.WaitForAssertion(() => Assert.Equal(120, page.FindAll($"{column} [data-card]").Count));
        Assert.Contains("Ver 10 más (quedan 10)", page.Find($"{column} [data-testid=show-more]").TextContent);
        page.Find($"{column} [data-testid=show-more] button, {column} button[data-testid=show-more]").Click();
        page.WaitForAssertion(() => Assert.Equal(130, page.FindAll($"{column} [data-card]").Count));
        Assert.Empty(page.FindAll($"{column} [data-testid=show-more]"));
        Assert.Equal("AU-2026-00001", page.FindAll($"{column} [data-card]")[^1].GetAttribute("data-card"));
    }

    [Fact]
    public async Task A_written_petition_is_registered_from_its_form()
    {
        SignInAs("olga", Roles.OficialiaPartes);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = RenderPage<NewPetitionPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=register]")));
        page.Find("input[data-testid=oficialia-folio]").Change("OP-500");
        page.Find("input[data-testid=received-at]").Change("2026-11-27T09:15");
        page.Find("input[data-testid=petitioner]").Change("Rosa Díaz");
        page.Find("textarea[data-testid=subject]").Change("Solicita revisión de medidor");
        page.Find("[data-testid=register]").Click();
        page.WaitForAssertion(() => Assert.Contains("Tipo de petición: elija uno de la lista.", page.Find("[data-testid=new-error]").TextContent));

        await using var db = App.CreateDb();
        var typeId = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var type = page.FindComponents<MudBlazor.MudSelect<int?>>().Single();
        await page.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync(typeId));
        page.Find("[data-testid=register]").Click();
        page.WaitForAssertion(() => Assert.EndsWith("peticiones/AU-2026-00001", navigation.Uri));
    }

    [Fact]
    public async Task With_several_offices_a_written_petition_says_which_office_received_it()
    {
        var north = (await App.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Norte", 2, true, 0))).Id;
        SignInAs("olga", Roles.OficialiaPartes);
        var page = RenderPage<NewPetitionPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=office-select]")));
        var selects = page.FindComponents<MudBlazor.MudSelect<int?>>();
        Assert.Equal(2, selects.Count);
        var office = selects.Single(s => s.Instance.Label == "Recibida en");
        Assert.Contains("Oficina principal", page.Find("[data-testid=office-select]").ParentElement!.OuterHtml);

        await using var db = App.CreateDb();
        var typeId = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        await page.InvokeAsync(() => selects.Single(s => s.Instance.Label != "Recibida en").Instance.ValueChanged.InvokeAsync(typeId));
        await page.InvokeAsync(() => office.Instance.ValueChanged.InvokeAsync(north));
        page.Find("input[data-testid=oficialia-folio]").Change("OP-501");
        page.Find("input[data-testid=received-at]").Change("2026-11-27T09:15");
        page.Find("input[data-testid=petitioner]").Change("Rosa Díaz");
        page.Find("textarea[data-testid=subject]").Change("Solicita revisión de medidor");
        page.Find("[data-testid=register]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("peticiones/AU-2026-00001", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
        Assert.Equal(north, await db.Petitions.Where(p => p.OficialiaFolio == "OP-501").Select(p => p.OfficeId).SingleAsync());
    }

    [Fact]
    public async Task The_Direccion_Comercial_sees_every_office_and_can_narrow_the_list_to_one()
    {
        var north = (await App.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Norte", 2, true, 0))).Id;
        var olga = await App.Get<Actors>().ForUserAsync(_users["olga"].Id);
        await using (var db = App.CreateDb())
        {
            var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
            await App.Get<PetitionRegistration>().RegisterWrittenAsync(olga,
                new WrittenPetitionInput(new PetitionInput(type, "Fuga", "Ana Ruiz"), "OP-1", new DateTime(2026, 11, 26, 10, 0, 0), Office.MainId));
            await App.Get<PetitionRegistration>().RegisterWrittenAsync(olga,
                new WrittenPetitionInput(new PetitionInput(type, "Cobro", "Beto Díaz"), "OP-2", new DateTime(2026, 11, 26, 11, 0, 0), north));
        }
        SignInAs("diana", Roles.DireccionComercial);
        var page = RenderPage<PetitionsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=petitions-table] tbody tr").Count));

        var office = page.FindComponents<OfficeSelect>().Single();
        await page.InvokeAsync(() => office.Instance.ValueChanged.InvokeAsync(north));

        page.WaitForAssertion(() => Assert.StartsWith("AU-2026-00002 (OP-2)", Assert.Single(page.FindAll("[data-testid=petitions-table] tbody tr")).QuerySelector("td")!.TextContent.Trim()));
    }
}

using Ventanilla.Features.Shared;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;

namespace Ventanilla.Tests.Features.Admin;

public class CatalogServiceTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private CatalogService Catalogs => _app.Get<CatalogService>();

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Starts_with_the_procedure_areas_and_common_ones()
    {
        var names = (await Catalogs.ListAreasAsync()).Select(a => a.Name).ToList();
        Assert.Equal(
            ["Gerencia de Atención a Usuarios", "Dirección Comercial", "Oficialía de Partes", "Operación",
             "Facturación y Cobranza", "Padrón de Usuarios", "Jurídico"], names);
        Assert.NotEmpty(await Catalogs.ListPetitionTypesAsync());
    }

    [Fact]
    public async Task A_renamed_area_is_announced_to_the_live_boards()
    {
        var live = _app.Get<LiveUpdates>();
        var before = live.GenerationOf(LiveTopic.Catalogs);
        var area = (await Catalogs.ListAreasAsync()).Single(a => a.Name == "Jurídico");

        await Catalogs.SaveAreaAsync(Actor.System, area with { Name = "Jurídico y Normatividad" });

        Assert.NotEqual(before, live.GenerationOf(LiveTopic.Catalogs));
    }

    [Fact]
    public async Task Adds_renames_and_deactivates_an_area()
    {
        await Catalogs.SaveAreaAsync(Actor.System, new CatalogItem(0, "  Cultura del Agua ", 20, true, 0));
        var added = (await Catalogs.ListAreasAsync()).Single(a => a.Name == "Cultura del Agua");

        await Catalogs.SaveAreaAsync(Actor.System, added with { Name = "Cultura del Agua y Comunicación", IsActive = false });

        var saved = (await Catalogs.ListAreasAsync()).Single(a => a.Id == added.Id);
        Assert.Equal("Cultura del Agua y Comunicación", saved.Name);
        Assert.False(saved.IsActive);
        Assert.DoesNotContain(await Catalogs.ListAreasAsync(activeOnly: true), a => a.Id == added.Id);
    }

    [Fact]
    public async Task Refuses_a_duplicate_name_ignoring_case_and_accents()
    {
        var ex = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveAreaAsync(Actor.System, new CatalogItem(0, "OPERACION", 9, true, 0)));
        Assert.Equal("Ya existe un área llamada «OPERACION».", ex.Message);
        var type = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SavePetitionTypeAsync(Actor.System, new CatalogItem(0, "reconexion", 9, true, 0)));
        Assert.Contains("Ya existe un tipo de petición", type.Message);
    }

    [Fact]
    public async Task Refuses_an_empty_or_oversized_name()
    {
        var empty = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveAreaAsync(Actor.System, new CatalogItem(0, "  ", 9, true, 0)));
        Assert.Equal("Área: el nombre es obligatorio.", empty.Message);
        var big = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SavePetitionTypeAsync(Actor.System, new CatalogItem(0, new string('x', 500), 9, true, 0)));
        Assert.Contains("a lo más 120 caracteres", big.Message);
    }

    [Fact]
    public async Task The_procedure_areas_cannot_be_deactivated()
    {
        var oficialia = (await Catalogs.ListAreasAsync()).Single(a => a.Name == "Oficialía de Partes");
        var ex = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveAreaAsync(Actor.System, oficialia with { IsActive = false }));
        Assert.Contains("es parte del procedimiento", ex.Message);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_first_one_is_kept()
    {
        var area = (await Catalogs.ListAreasAsync()).Single(a => a.Name == "Jurídico");
        await Catalogs.SaveAreaAsync(Actor.System, area with { Name = "Jurídico y Normatividad" });

        var ex = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveAreaAsync(Actor.System, area with { Name = "Asuntos Jurídicos" }));

        Assert.Contains("Alguien más cambió este registro", ex.Message);
        Assert.Equal("Jurídico y Normatividad", (await Catalogs.ListAreasAsync()).Single(a => a.Id == area.Id).Name);
    }
}

using System.Text.Json;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Tests.Features.Citizen;

/// <summary>The citizen's status by folio and code, on Friday 27/11/2026: plain Spanish, and nothing personal.</summary>
public class FolioLookupTests : AppServiceTest
{
    private FolioLookup Lookup => App.Get<FolioLookup>();

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        await CitizenPetitions.SeedAsync(db);
    }

    [Theory]
    [InlineData(PetitionStatus.Registrada, "Registrada", "No tiene que hacer nada")]
    [InlineData(PetitionStatus.Turnada, "Turnada a Operación", "No tiene que hacer nada")]
    [InlineData(PetitionStatus.EsperandoUsuario, "Esperando su documentación: tiene hasta el 01/12/2026", "a más tardar el 01/12/2026")]
    [InlineData(PetitionStatus.EnRespuesta, "En preparación de la respuesta", "No tiene que hacer nada")]
    [InlineData(PetitionStatus.EnRevision, "En revisión", "No tiene que hacer nada")]
    [InlineData(PetitionStatus.Aprobada, "Respuesta lista para recoger", "Pase a recogerla")]
    [InlineData(PetitionStatus.Entregada, "Respuesta entregada", "Nada")]
    [InlineData(PetitionStatus.Cerrada, "Concluida", "Nada")]
    [InlineData(PetitionStatus.CerradaSinAcreditacion, "Cerrada sin acreditación", "inicie un trámite nuevo")]
    [InlineData(PetitionStatus.Cancelada, "Cancelada", "acuda a la oficina")]
    public async Task Each_status_is_said_in_plain_Spanish_without_personal_data(PetitionStatus status, string headline, string next)
    {
        var found = await Lookup.FindAsync(CitizenPetitions.FolioOf(status), CitizenPetitions.CodeOf(status));

        Assert.NotNull(found);
        Assert.Equal(headline, found.Headline);
        Assert.Contains(next, found.NextStep);
        var shown = JsonSerializer.Serialize(found);
        Assert.All(CitizenPetitions.Private, text => Assert.DoesNotContain(text, shown));
    }

    [Fact]
    public async Task The_deadline_says_whether_it_is_on_time()
    {
        Assert.Equal("Fecha límite de respuesta: 10/12/2026 (quedan 9 días hábiles). En tiempo.",
            (await Lookup.FindAsync(CitizenPetitions.FolioOf(PetitionStatus.Turnada), CitizenPetitions.CodeOf(PetitionStatus.Turnada)))!.Deadline);
        Assert.Contains("Ya venció", (await Lookup.FindAsync(CitizenPetitions.FolioOf(PetitionStatus.Registrada), CitizenPetitions.CodeOf(PetitionStatus.Registrada)))!.Deadline);
        Assert.Contains("detenido", (await Lookup.FindAsync(CitizenPetitions.FolioOf(PetitionStatus.EsperandoUsuario), CitizenPetitions.CodeOf(PetitionStatus.EsperandoUsuario)))!.Deadline);
        Assert.Equal("Se respondió a tiempo (fecha límite: 24/11/2026).",
            (await Lookup.FindAsync(CitizenPetitions.FolioOf(PetitionStatus.Cerrada), CitizenPetitions.CodeOf(PetitionStatus.Cerrada)))!.Deadline);
    }

    [Fact]
    public async Task The_code_is_read_as_a_person_types_it()
    {
        var code = CitizenPetitions.CodeOf(PetitionStatus.Turnada);
        Assert.NotNull(await Lookup.FindAsync(" au-2026-00902 ", $"{code[..3].ToLowerInvariant()} {code[3..]}"));
        Assert.NotNull(await Lookup.FindAsync("AU-2026-00902", $"{code[..3]}-{code[3..]}"));
    }

    [Fact]
    public async Task A_wrong_code_and_an_unknown_folio_get_the_same_answer()
    {
        var folio = CitizenPetitions.FolioOf(PetitionStatus.Turnada);
        var code = CitizenPetitions.CodeOf(PetitionStatus.Turnada);
        Assert.Null(await Lookup.FindAsync(folio, code[..5] + (code[5] == 'Z' ? 'Y' : 'Z')));
        Assert.Null(await Lookup.FindAsync(folio, code[..5]));
        Assert.Null(await Lookup.FindAsync(folio, code + "2"));
        Assert.Null(await Lookup.FindAsync(folio, ""));
        Assert.Null(await Lookup.FindAsync("AU-2026-99999", code));
        Assert.Null(await Lookup.FindAsync(new string('A', 5000), new string('B', 5000)));
        // Another petition's code does not open this one.
        Assert.Null(await Lookup.FindAsync(folio, CitizenPetitions.CodeOf(PetitionStatus.Registrada)));
    }

    [Fact]
    public async Task Every_new_petition_is_born_with_its_own_random_code_and_older_ones_get_one_at_start_up()
    {
        var registration = App.Get<PetitionRegistration>();
        var olga = await App.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var actor = await App.Get<Actors>().ForUserAsync(olga.Id);
        await using var db = App.CreateDb();
        var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
        var codes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var created = await registration.RegisterWrittenAsync(actor, new WrittenPetitionInput(new PetitionInput(type, "Fuga", "Ana"), $"OP-{i}", new DateTime(2026, 11, 26, 10, 0, 0)));
            codes.Add(await db.Petitions.Where(p => p.Id == created.Id).Select(p => p.PublicCode!).SingleAsync());
        }
        Assert.All(codes, c => Assert.Matches($"^[{PublicCodes.Alphabet}]{{6}}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());

        await db.Petitions.Where(p => p.Folio.StartsWith("AU-2026-009")).ExecuteUpdateAsync(s => s.SetProperty(p => p.PublicCode, (string?)null));
        Assert.Equal(10, await PublicCodeBackfill.FillMissingAsync(db, CancellationToken.None));
        Assert.False(await db.Petitions.AnyAsync(p => p.PublicCode == null));
    }

    [Fact]
    public void Codes_match_only_whole_and_exact()
    {
        Assert.True(PublicCodes.Matches("K7M2PX", "k7m2px"));
        Assert.False(PublicCodes.Matches("K7M2PX", "K7M2P"));
        Assert.False(PublicCodes.Matches("K7M2PX", "K7M2PXX"));
        Assert.False(PublicCodes.Matches(null, "######"));
        Assert.False(PublicCodes.Matches(null, ""));
        Assert.False(PublicCodes.Matches("K7M2PX", new string('K', 100)));
    }
}

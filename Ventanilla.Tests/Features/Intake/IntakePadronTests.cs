using System.Text;
using Ventanilla.Features.Intake;
using Ventanilla.Features.Padron;

namespace Ventanilla.Tests.Features.Intake;

/// <summary>
/// The padrón behind the public form: a citizen learns only whether an account is in it (never its holder, address or
/// status), a mistyped account is caught before anything is written, one client cannot walk the register, and the
/// petition's history tells the Dirección Comercial how the declared ownership compares with the holder's name.
/// </summary>
public class IntakePadronTests : IntakeTestBase
{
    private const string Client = "203.0.113.7";

    private async Task ImportPadronAsync()
    {
        var bytes = Encoding.UTF8.GetBytes("Cuenta,Titular,Domicilio,Colonia,CP,Clave catastral,Estatus\n" +
            "01-234-5678,LÓPEZ HERNÁNDEZ MARÍA,Av. Hidalgo 12,Centro,50000,101-02-003,Suspendida\n" +
            "01-234-9999,RUIZ PEÑA JOSÉ,Calle Morelos 4,San Sebastián,50090,101-02-004,Activa\n");
        var report = await App.Get<PadronImporter>().ImportAsync(Actor.System, () => new MemoryStream(bytes), "padron.csv");
        Assert.True(report.Applied, string.Join("\n", report.Problems));
    }

    [Fact]
    public async Task Checking_an_account_says_only_whether_the_padron_has_it()
    {
        Assert.Equal("Por ahora no podemos comprobar cuentas en línea; la oficina revisará la suya al recibir su solicitud.",
            await Intake.CheckAccountAsync("01-234-5678", Client));
        await ImportPadronAsync();

        var known = await Intake.CheckAccountAsync(" 01-234-5678 ", Client);
        Assert.Equal("La cuenta 01-234-5678 está en el padrón de usuarios.", known);
        var unknown = await Intake.CheckAccountAsync("01-234-0000", Client);
        Assert.StartsWith("Número de cuenta: la cuenta 01-234-0000 no está en el padrón de usuarios. Revise el número en su recibo de agua", unknown);
        foreach (var said in new[] { known, unknown })
        {
            foreach (var secret in new[] { "LÓPEZ", "HERNÁNDEZ", "Hidalgo", "Centro", "50000", "101-02-003", "Suspendida", "RUIZ" })
            {
                Assert.DoesNotContain(secret, said, StringComparison.OrdinalIgnoreCase);
            }
        }
        var bad = await Assert.ThrowsAsync<RuleException>(() => Intake.CheckAccountAsync("01#234", Client));
        Assert.StartsWith("Número de cuenta: use letras, dígitos y guiones", bad.Message);
        var empty = await Assert.ThrowsAsync<RuleException>(() => Intake.CheckAccountAsync("  ", Client));
        Assert.StartsWith("Número de cuenta: escríbalo como viene en su recibo", empty.Message);
    }

    [Fact]
    public async Task One_client_cannot_walk_the_padron_and_past_its_allowance_the_form_no_longer_tells()
    {
        await ImportPadronAsync();
        var allowance = new IntakeOptions().AccountChecksPerHour;
        for (var i = 0; i < allowance; i++) await Intake.CheckAccountAsync($"09-000-{i:0000}", Client);

        var spent = await Assert.ThrowsAsync<RuleException>(() => Intake.CheckAccountAsync("01-234-5678", Client));
        Assert.Equal(OnlineIntake.ChecksSpentMessage, spent.Message);
        // Another client still may; the first one again after the hour.
        Assert.StartsWith("La cuenta 01-234-5678 está", await Intake.CheckAccountAsync("01-234-5678", "198.51.100.4"));
        // Sending the form with an unknown account is not a way around it: past the allowance it is not checked at all.
        var draft = await Intake.SubmitAsync(Form() with { AccountNumber = "09-999-0000" }, [], Client);
        Assert.NotNull(draft);
        App.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.StartsWith("La cuenta 01-234-5678 está", await Intake.CheckAccountAsync("01-234-5678", Client));
    }

    [Fact]
    public async Task A_form_with_an_account_not_in_the_padron_is_refused_with_the_other_problems_and_writes_nothing()
    {
        await ImportPadronAsync();
        var refused = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(
            Form() with { AccountNumber = "01-234-0000", Description = " " }, [Photo()], Client));
        Assert.Contains("Número de cuenta: la cuenta 01-234-0000 no está en el padrón de usuarios.", refused.Message);
        Assert.Contains("si su contrato es reciente, deje la cuenta en blanco y escriba la clave catastral", refused.Message);
        Assert.Contains("Descripción: escriba qué solicita.", refused.Message);
        await using (var db = App.CreateDb())
        {
            Assert.Equal(0, await db.OnlineRequests.CountAsync());
            Assert.Equal(0, await db.Notices.CountAsync());
        }
        Assert.Equal(0, DraftFiles);
        // Without the account, by cadastral key only, the same request goes on.
        Assert.NotNull(await Intake.SubmitAsync(Form() with { AccountNumber = null, CadastralKey = "101-02-999" }, [], Client));
    }

    [Fact]
    public async Task The_history_compares_the_declared_ownership_with_the_holder_for_the_review()
    {
        await ImportPadronAsync();
        var owner = await FileAsync(Form() with { AccountNumber = "01-234-5678" });
        Assert.Equal("Cuenta 01-234-5678: titular en el padrón LÓPEZ HERNÁNDEZ MARÍA. Titular; el solicitante se declaró titular en línea.",
            await PadronNoteAsync(owner.Folio));

        var claims = await FileAsync(Form(email: "otra@example.com", description: "Fuga en la banqueta") with { AccountNumber = "01-234-9999" });
        Assert.Equal("Cuenta 01-234-9999: titular en el padrón RUIZ PEÑA JOSÉ. Tercero (no es el titular); el solicitante se declaró titular en línea, distinto de lo que sugiere el nombre.",
            await PadronNoteAsync(claims.Folio));
    }

    private async Task<string?> PadronNoteAsync(string folio)
    {
        var petition = await LoadAsync(folio);
        var events = await EventsAsync(petition.Id);
        var checkedEvent = Assert.Single(events, e => e.Kind == Ventanilla.Features.Petitions.PetitionEvents.PadronChecked);
        Assert.Equal("Ciudadano (en línea)", checkedEvent.UserName);
        return checkedEvent.Note;
    }
}

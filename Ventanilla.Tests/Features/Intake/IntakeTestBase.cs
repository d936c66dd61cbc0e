using netDumbster.smtp;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Intake;
using Ventanilla.Features.Shared;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Intake;

/// <summary>
/// The office with mail set up (a real SMTP server started by the test) and one petition type offered online: what the
/// online intake's tests start from. Codes are read from the mail the server received, as the citizen reads them.
/// </summary>
public abstract class IntakeTestBase : PetitionTestBase, IDisposable
{
    protected readonly SimpleSmtpServer Smtp = TestSmtp.Start();

    protected OnlineIntake Intake => App.Get<OnlineIntake>();
    protected CitizenDeliveries Deliveries => App.Get<CitizenDeliveries>();

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        var settings = App.Get<SettingsService>();
        await Smtp.ServeAppAsync(App.Services);
        await settings.SavePublicBaseUrlAsync(Actor.System, "https://atencion.organismo.gob.mx/", settings.Current.Version);
        await OfferOnlineAsync(_type, "Identificación oficial\nRecibo de agua reciente");
    }

    public void Dispose()
    {
        Smtp.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task OfferOnlineAsync(int typeId, string? requirements)
    {
        await using var db = App.CreateDb();
        var version = await db.PetitionTypes.Where(t => t.Id == typeId).Select(t => t.Version).SingleAsync();
        await App.Get<CatalogService>().SaveOnlineTypeAsync(Actor.System, typeId, version, true, requirements);
    }

    protected IntakeForm Form(bool thirdParty = false, string email = "maria.lopez@example.com", string description = "Me llegó un cobro doble en el último recibo.")
        => new(_type, "María López Hernández", thirdParty, "01-234-5678", null, "Av. Juárez 10, Col. Centro", "55 1234 5678", email, description, true);

    protected static IncomingFile Photo(string name = "recibo.jpg", AttachmentKind kind = AttachmentKind.Otro, int bytes = 4096)
        => new(name, kind, new MemoryStream(TestDocuments.JpegLike(bytes)));

    protected static IncomingFile Scan(string name = "identificacion.pdf", AttachmentKind kind = AttachmentKind.Identificacion, int pages = 1)
        => new(name, kind, new MemoryStream(TestDocuments.Pdf(pages, name)));

    private readonly HashSet<string> _codesRead = [];

    /// <summary>Sends the outbox and reads, from the mail the SMTP server received for <paramref name="email"/>, the newest code.</summary>
    protected async Task<string> CodeMailedToAsync(string email = "maria.lopez@example.com")
    {
        await App.Get<NoticeSender>().SendDueAsync();
        var codes = Smtp.Messages().Where(m => m.To.Mailboxes.Any(b => b.Address == email) && m.Subject!.StartsWith("Su código", StringComparison.Ordinal))
            .Select(m => m.Subject![^6..]).Where(c => !_codesRead.Contains(c)).ToList();
        var code = Assert.Single(codes);
        _codesRead.Add(code);
        return code;
    }

    /// <summary>Files the form (as the owner unless told) and confirms it with the code from the mail: the petition's folio and code.</summary>
    protected async Task<IntakeConfirmation> FileAsync(IntakeForm? form = null, params IncomingFile[] files)
    {
        form ??= Form();
        var draft = await Intake.SubmitAsync(form, files, "203.0.113.7");
        return await Intake.ConfirmAsync(draft.Token, await CodeMailedToAsync(form.Email!));
    }

    protected async Task<List<Attachment>> AttachmentsAsync(int petitionId)
    {
        await using var db = App.CreateDb();
        return await db.Attachments.Where(a => a.PetitionId == petitionId).OrderBy(a => a.Id).ToListAsync();
    }

    protected string DraftFolder => App.Get<IntakeDraftFiles>().Folder;

    protected int DraftFiles => Directory.Exists(DraftFolder) ? Directory.GetFiles(DraftFolder).Length : 0;
}

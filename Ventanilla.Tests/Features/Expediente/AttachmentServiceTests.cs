using System.Security.Cryptography;
using Ventanilla.Features.Expediente;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Expediente;

/// <summary>The petition's file: what is accepted (by content), where it goes, who may see it, and that nothing is deleted.</summary>
public class AttachmentServiceTests : PetitionTestBase
{
    private AttachmentService Attachments => App.Get<AttachmentService>();
    private AttachmentStore Store => App.Get<AttachmentStore>();

    protected override void Configure(Dictionary<string, string?> settings) => settings["Attachments:MaxMegabytes"] = "1";

    private Task<AttachmentRow> AddAsync(Actor actor, int petitionId, byte[] bytes, string name, AttachmentKind kind = AttachmentKind.EscritoUsuario)
        => Attachments.AddToPetitionAsync(actor, petitionId, kind, name, new MemoryStream(bytes));

    private async Task<PetitionRef> PetitionAsync() => await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private string[] TempFiles() => Directory.Exists(Path.Combine(Store.Root, "tmp")) ? Directory.GetFiles(Path.Combine(Store.Root, "tmp")) : [];

    [Fact]
    public async Task A_scan_and_a_photo_are_stored_by_their_hash_with_kind_pages_and_an_event()
    {
        var petition = await PetitionAsync();
        var pdf = TestDocuments.Pdf(3);
        var png = TestDocuments.Png();

        var scan = await AddAsync(_clerk, petition.Id, pdf, "escrito.PDF");
        var photo = await AddAsync(_clerk, petition.Id, png, "credencial.jpeg", AttachmentKind.Identificacion);

        Assert.Equal(("escrito.pdf", "application/pdf", 3, (long)pdf.Length), (scan.FileName, scan.ContentType, scan.PageCount, scan.Bytes));
        // Named by what it is, not by what it was called: a PNG sent as .jpeg is a .png.
        Assert.Equal(("credencial.png", "image/png", (int?)null), (photo.FileName, photo.ContentType, photo.PageCount));
        Assert.Equal("rosa", scan.UploadedBy);
        var stored = Store.PathOf(Sha(pdf));
        Assert.Equal(Path.Combine(Store.Root, Sha(pdf)[..2], Sha(pdf)), stored);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(stored));
        Assert.Empty(TempFiles());

        var events = await EventsAsync(petition.Id);
        Assert.Equal(["Escrito del usuario: escrito.pdf (PDF, 3 páginas, 1 KB).", "Identificación: credencial.png (PNG, 1 KB)."],
            events.Where(e => e.Kind == PetitionEvents.Attached).Select(e => e.Note));
        // Attaching is no change of the petition: a page open on it is not made stale.
        Assert.Equal(petition.Version, (await LoadAsync(petition.Id)).Version);
        Assert.Equal(["escrito.pdf", "credencial.png"], (await Attachments.ListForPetitionAsync(_clerk, petition.Id)).Select(r => r.FileName));
    }

    [Fact]
    public async Task The_same_content_in_two_petitions_is_stored_once_and_never_overwritten()
    {
        var petition = await PetitionAsync();
        var other = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-9", new DateTime(2026, 11, 27, 9, 0, 0)));
        var pdf = TestDocuments.Pdf(1);
        await AddAsync(_clerk, petition.Id, pdf, "a.pdf");
        var path = Store.PathOf(Sha(pdf));
        var written = File.GetLastWriteTimeUtc(path);
        await Task.Delay(20);
        await AddAsync(_clerk, other.Id, pdf, "b.pdf");

        Assert.Single(Directory.GetFiles(Store.Root, "*", SearchOption.AllDirectories), f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp");
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Single(await Attachments.ListForPetitionAsync(_clerk, other.Id));
    }

    [Fact]
    public async Task The_same_document_twice_in_one_expediente_is_said_not_listed_twice()
    {
        var petition = await PetitionAsync();
        var pdf = TestDocuments.Pdf(1);
        var first = await AddAsync(_clerk, petition.Id, pdf, "a.pdf", AttachmentKind.Identificacion);

        var twice = await Assert.ThrowsAsync<RuleException>(() => AddAsync(_clerk, petition.Id, pdf, "copia.pdf"));

        Assert.Equal("«copia.pdf» ya está en el expediente: es el mismo documento que «a.pdf» (Identificación), adjuntado el 27/11/2026 10:00 por rosa.",
            twice.Message);
        Assert.Single(await Attachments.ListForPetitionAsync(_clerk, petition.Id));
        Assert.Empty(TempFiles());
        // Once that one is withdrawn (a wrong kind, say), the document can be attached again.
        await Attachments.WithdrawAsync(_clerk, first.Id, first.Version, "Tipo equivocado");
        Assert.Equal(AttachmentKind.EscritoUsuario, (await AddAsync(_clerk, petition.Id, pdf, "a.pdf")).Kind);
    }

    [Theory]
    [InlineData("contrato.pdf", "docx")]
    [InlineData("foto.jpg", "exe")]
    [InlineData("vacío.pdf", "empty")]
    public async Task Anything_but_a_PDF_JPEG_PNG_or_HEIC_is_refused_by_its_content(string name, string what)
    {
        var petition = await PetitionAsync();
        byte[] bytes = what switch { "docx" => TestDocuments.Docx(), "exe" => TestDocuments.Exe(), _ => [] };

        var refused = await Assert.ThrowsAsync<RuleException>(() => AddAsync(_clerk, petition.Id, bytes, name));

        Assert.Equal(what == "empty" ? $"«{name}» está vacío." : $"«{name}» no es un PDF, una foto JPEG, PNG o HEIC (se revisa el contenido del archivo, no su nombre).", refused.Message);
        Assert.Empty(await Attachments.ListForPetitionAsync(_clerk, petition.Id));
        Assert.Empty(TempFiles());
        Assert.DoesNotContain(await EventsAsync(petition.Id), e => e.Kind == PetitionEvents.Attached);
    }

    [Fact]
    public async Task HEIC_and_JPEG_are_recognized_and_a_file_over_the_limit_is_refused_whole()
    {
        var petition = await PetitionAsync();
        Assert.Equal("image/heic", (await AddAsync(_clerk, petition.Id, TestDocuments.HeicLike(), "IMG_0001.HEIC")).ContentType);
        Assert.Equal("image/jpeg", (await AddAsync(_clerk, petition.Id, TestDocuments.JpegLike(), "foto")).ContentType);

        var big = TestDocuments.JpegLike(1024 * 1024 + 10);
        var refused = await Assert.ThrowsAsync<RuleException>(() => AddAsync(_clerk, petition.Id, big, "enorme.jpg"));
        Assert.StartsWith("«enorme.jpg» pasa de 1 MB, el tamaño máximo de un documento", refused.Message);
        Assert.Equal(2, (await Attachments.ListForPetitionAsync(_clerk, petition.Id)).Count);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task A_name_is_only_shown_never_used_as_a_path()
    {
        Assert.Equal("passwd", AttachmentService.CleanName("../../etc/passwd"));
        Assert.Equal("boot.ini", AttachmentService.CleanName(@"C:\..\boot.ini"));
        Assert.Equal("documento", AttachmentService.CleanName("..."));
        var petition = await PetitionAsync();
        var row = await AddAsync(_clerk, petition.Id, TestDocuments.Pdf(1), "../../../ventanilla.db");
        Assert.Equal("ventanilla.pdf", row.FileName);
        Assert.Throws<ArgumentException>(() => Store.PathOf("../../ventanilla.db"));
    }

    [Fact]
    public async Task Withdrawing_hides_with_a_reason_keeps_the_bytes_and_tells_the_history()
    {
        var petition = await PetitionAsync();
        var pdf = TestDocuments.Pdf(2);
        var row = await AddAsync(_clerk, petition.Id, pdf, "equivocado.pdf");

        var noReason = await Assert.ThrowsAsync<RuleException>(() => Attachments.WithdrawAsync(_clerk, row.Id, row.Version, " "));
        Assert.Equal("Motivo: diga por qué se retira el documento.", noReason.Message);
        await Attachments.WithdrawAsync(_clerk, row.Id, row.Version, "Era de otro usuario");

        var listed = Assert.Single(await Attachments.ListForPetitionAsync(_clerk, petition.Id));
        Assert.True(listed.Withdrawn);
        Assert.Equal(("rosa", "Era de otro usuario"), (listed.WithdrawnBy, listed.WithdrawnReason));
        Assert.True(File.Exists(Store.PathOf(Sha(pdf))));
        Assert.Contains(await EventsAsync(petition.Id), e => e.Kind == PetitionEvents.AttachmentWithdrawn && e.Note == "Escrito del usuario: equivocado.pdf. Era de otro usuario");
        var again = await Assert.ThrowsAsync<RuleException>(() => Attachments.WithdrawAsync(_clerk, row.Id, listed.Version, "Otra vez"));
        Assert.Equal("Ese documento ya se había retirado.", again.Message);
        var (_, files) = await Attachments.ForZipAsync(_clerk, petition.Id);
        Assert.Empty(files);
    }

    [Fact]
    public async Task Areas_see_the_file_only_of_petitions_in_their_hands_and_the_TVs_never()
    {
        var petition = await PetitionAsync();
        var routed = await Petitions.RouteAsync(_clerk, petition.Id, petition.Version, [_operation], null);
        var row = await AddAsync(_clerk, petition.Id, TestDocuments.Pdf(1), "escrito.pdf");

        // The liaison of Operación (the area it was routed to) sees it, opens it and may add to it.
        Assert.Single(await Attachments.ListForPetitionAsync(_liaison, petition.Id));
        Assert.EndsWith(Sha(TestDocuments.Pdf(1)), (await Attachments.OpenAsync(_liaison, row.Id, download: false)).Path);
        var own = await AddAsync(_liaison, petition.Id, TestDocuments.Png("inspección"), "inspeccion.png", AttachmentKind.Otro);
        // Another area's liaison: as if it did not exist.
        foreach (var attempt in new Func<Task>[]
                 {
                     () => Attachments.ListForPetitionAsync(_otherLiaison, petition.Id),
                     () => Attachments.OpenAsync(_otherLiaison, row.Id, download: true),
                     () => Attachments.ForZipAsync(_otherLiaison, petition.Id),
                     () => AddAsync(_otherLiaison, petition.Id, TestDocuments.Pdf(1), "intruso.pdf"),
                 })
        {
            Assert.Equal("Esa petición no existe o no está en manos de sus áreas.", (await Assert.ThrowsAsync<RuleException>(attempt)).Message);
        }
        // A liaison withdraws only what they attached themselves.
        var notTheirs = await Assert.ThrowsAsync<RuleException>(() => Attachments.WithdrawAsync(_liaison, row.Id, row.Version, "No"));
        Assert.StartsWith("Retirar un documento: solo quien lo adjuntó", notTheirs.Message);
        await Attachments.WithdrawAsync(_liaison, own.Id, own.Version, "Foto repetida");

        // The card moved to Facturación: Operación's hands are empty, and so is its view of the file.
        var moved = await Petitions.MoveToAreaAsync(_clerk, petition.Id, routed.Version, _operation, _billing, "Es de facturación");
        await Assert.ThrowsAsync<RuleException>(() => Attachments.ListForPetitionAsync(_liaison, petition.Id));
        Assert.Equal(2, (await Attachments.ListForPetitionAsync(_otherLiaison, petition.Id)).Count);

        var actors = App.Get<Actors>();
        foreach (var role in new[] { Roles.Pantalla, Roles.Recepcion, Roles.Administrador })
        {
            var someone = await actors.ForUserAsync((await App.AddUserAsync($"u-{role.ToLowerInvariant()}", "Segura123", role)).Id);
            var refused = await Assert.ThrowsAsync<RuleException>(() => Attachments.OpenAsync(someone, row.Id, download: false));
            Assert.StartsWith("Ver el expediente: le corresponde al personal", refused.Message);
        }
        Assert.Equal(PetitionStatus.Turnada, moved.Status);
    }

    [Fact]
    public async Task Documents_scanned_at_the_desk_follow_the_visit_into_its_petition()
    {
        var visit = await ServedVisitAsync();
        await Attachments.AddToVisitAsync(_clerk, visit, AttachmentKind.Identificacion, "ine.jpg", new MemoryStream(TestDocuments.JpegLike()));
        await Attachments.AddToVisitAsync(_clerk, visit, AttachmentKind.AcreditacionPropiedad, "escritura.pdf", new MemoryStream(TestDocuments.Pdf(4)));
        Assert.Equal(2, (await Attachments.ListForVisitAsync(_clerk, visit)).Count);
        var liaison = await Assert.ThrowsAsync<RuleException>(() => Attachments.ListForVisitAsync(_liaison, visit));
        Assert.StartsWith("Adjuntar documentos de una visita: le corresponde a Atención a Usuarios", liaison.Message);

        var petition = await Registration.RegisterFromVisitAsync(_clerk, visit, Input());

        Assert.Equal(["ine.jpg", "escritura.pdf"], (await Attachments.ListForPetitionAsync(_clerk, petition.Id)).Select(a => a.FileName));
        Assert.EndsWith("; 2 documentos adjuntos en la visita.", (await EventsAsync(petition.Id)).Single(e => e.Kind == PetitionEvents.Registered).Note);
        var late = await Assert.ThrowsAsync<RuleException>(() =>
            Attachments.AddToVisitAsync(_clerk, visit, AttachmentKind.Otro, "tarde.pdf", new MemoryStream(TestDocuments.Pdf(1))));
        Assert.Equal("La petición de esta visita ya se registró: adjunte los documentos en la petición.", late.Message);
    }

    [Fact]
    public async Task Pages_are_counted_in_a_stream_across_chunk_boundaries()
    {
        // Page objects far apart, so the file is read in several chunks and a marker may straddle two of them.
        var text = string.Join("", Enumerable.Range(0, 40).Select(i => $"{i + 3} 0 obj << /Type /Page >> endobj\n{new string(' ', 65_519 + i)}\n"));
        var path = Path.Combine(App.Folder, "largo.pdf");
        await File.WriteAllTextAsync(path, "%PDF-1.7\n2 0 obj << /Type /Pages /Count 40 >> endobj\n" + text, System.Text.Encoding.Latin1);
        Assert.Equal(40, await FileSniffer.PdfPagesAsync(path, default));

        // Pages only inside compressed streams: the page tree's count is what there is.
        await File.WriteAllTextAsync(path, "%PDF-1.7\n2 0 obj << /Kids [] /Count 12 /Type /Pages >> endobj\n", System.Text.Encoding.Latin1);
        Assert.Equal(12, await FileSniffer.PdfPagesAsync(path, default));
    }
}

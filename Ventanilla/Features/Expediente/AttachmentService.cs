using Microsoft.Extensions.Options;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Expediente;

public sealed class AttachmentOptions
{
    /// <summary>The largest document accepted, in megabytes.</summary>
    public int MaxMegabytes { get; set; } = 20;
}

/// <summary>One document of an expediente as its list shows it.</summary>
public sealed record AttachmentRow(
    int Id, AttachmentKind Kind, string FileName, string ContentType, long Bytes, int? PageCount, DateTime UploadedAtLocal, string UploadedBy,
    DateTime? WithdrawnAtLocal, string? WithdrawnBy, string? WithdrawnReason, long Version)
{
    public bool Withdrawn => WithdrawnAtLocal is not null;
    public SniffedType Type => FileSniffer.OfContentType(ContentType) ?? FileSniffer.Pdf;
}

/// <summary>A stored document ready to be sent: where it is, what it is and the name it downloads with.</summary>
/// <param name="Folio">The petition's folio (null for a visit's document): what the access log records the read under.</param>
public sealed record AttachmentFile(string Path, string ContentType, string DownloadName, bool Inline, int? PetitionId = null, string? Folio = null, int? VisitId = null);

/// <summary>
/// The petition's file (expediente, procedure steps 04, 06, 09 and 13): scans and photos attached to a petition, or to
/// the visit it is being registered from, by the people who may see that petition; listed, opened and withdrawn (never
/// deleted) under the same rules as the petition itself: an area only while the petition is, or was, its work; the
/// TVs and the public pages never. Each attachment and each withdrawal is an event of the petition's history.
/// </summary>
public sealed class AttachmentService(
    IDbContextFactory<AppDbContext> dbFactory, AttachmentStore store, PetitionChanges changes, OfficeClock office, LiveUpdates live,
    IOptions<AttachmentOptions> options)
{
    public const int MaxReasonLength = 500;

    public long MaxBytes => Math.Max(1, options.Value.MaxMegabytes) * 1024L * 1024L;

    public static string KindLabel(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Identificacion => "Identificación",
        AttachmentKind.AcreditacionPropiedad => "Acreditación de propiedad",
        AttachmentKind.EscritoUsuario => "Escrito del usuario",
        AttachmentKind.AcuseFirmado => "Respuesta firmada / acuse",
        _ => "Otro",
    };

    public static IReadOnlyList<AttachmentKind> Kinds { get; } = Enum.GetValues<AttachmentKind>();

    public async Task<AttachmentRow> AddToPetitionAsync(
        Actor actor, int petitionId, AttachmentKind kind, string? fileName, Stream content, CancellationToken ct = default)
    {
        await RequirePetitionAsync(actor, petitionId, "Adjuntar un documento", ct);
        return await AddAsync(actor, kind, fileName, content, petitionId, null, ct);
    }

    /// <summary>While the petition of a served visit is being registered: the documents follow the visit into it.</summary>
    public async Task<AttachmentRow> AddToVisitAsync(
        Actor actor, int visitId, AttachmentKind kind, string? fileName, Stream content, CancellationToken ct = default)
    {
        await RequireVisitAsync(actor, visitId, ct);
        return await AddAsync(actor, kind, fileName, content, null, visitId, ct);
    }

    private async Task<AttachmentRow> AddAsync(
        Actor actor, AttachmentKind kind, string? fileName, Stream content, int? petitionId, int? visitId, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind)) throw new RuleException("Tipo de documento: elija uno de la lista.");
        var name = CleanName(fileName);
        // The bytes are checked and hashed on their way to disk; only a file that passed is kept, and it is in place
        // before the row that points to it is written (a backup never lists a file that is not there).
        var received = await store.ReceiveAsync(content, MaxBytes, name, ct);
        try
        {
            store.Keep(received);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The same scan chosen twice would be listed twice without a word: it is said instead, naming the copy there.
            var same = await db.Attachments.AsNoTracking()
                .Where(a => a.Sha256 == received.Sha256 && a.WithdrawnAtUtc == null && (petitionId != null ? a.PetitionId == petitionId : a.VisitId == visitId))
                .Select(a => new { a.FileName, a.Kind, a.UploadedAtUtc, a.UploadedByName })
                .FirstOrDefaultAsync(ct);
            if (same is not null)
            {
                throw new RuleException($"«{name}» ya está en el expediente: es el mismo documento que «{same.FileName}» ({KindLabel(same.Kind)}), " +
                    $"adjuntado el {office.ToLocal(same.UploadedAtUtc):dd/MM/yyyy HH:mm} por {same.UploadedByName}.");
            }
            var attachment = new Attachment
            {
                PetitionId = petitionId, VisitId = visitId, Kind = kind, FileName = Path.ChangeExtension(name, received.Type.Extension),
                ContentType = received.Type.ContentType, Sha256 = received.Sha256, Bytes = received.Bytes, PageCount = received.PageCount,
                UploadedAtUtc = office.UtcNow(), UploadedByUserId = actor.UserId, UploadedByName = actor.UserName,
            };
            db.Attachments.Add(attachment);
            if (petitionId is { } id)
            {
                var petition = await db.Petitions.SingleAsync(p => p.Id == id, ct);
                changes.Log(db, petition, actor, PetitionEvents.Attached, null, null, $"{KindLabel(kind)}: {attachment.FileName} ({Describe(attachment)}).");
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            live.Publish(LiveTopic.Petitions);
            return Row(attachment);
        }
        catch
        {
            store.Discard(received); // a no-op once kept; the kept file stays (content-addressed, maybe shared)
            throw;
        }
    }

    /// <summary>Hides a document from the file with a reason; the bytes and the row stay, and the history says who and why.</summary>
    public async Task WithdrawAsync(Actor actor, int attachmentId, long version, string? reason, CancellationToken ct = default)
    {
        var why = PetitionChanges.Text(reason, "Motivo", MaxReasonLength) ?? throw new RuleException("Motivo: diga por qué se retira el documento.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId, ct) ?? throw new RuleException("Ese documento no existe.", RuleKind.NotFound);
        if (attachment.PetitionId is { } petitionId) await RequirePetitionAsync(actor, petitionId, "Retirar un documento", ct);
        else await RequireVisitAsync(actor, attachment.VisitId!.Value, ct);
        if (!actor.IsAny(Roles.Staff) && attachment.UploadedByUserId != actor.UserId)
        {
            throw new RuleException("Retirar un documento: solo quien lo adjuntó, Atención a Usuarios, la Dirección Comercial o la Oficialía de Partes.", RuleKind.Forbidden);
        }
        Stale.Check(attachment.Version, version, "ese documento");
        if (attachment.WithdrawnAtUtc is not null) throw new RuleException("Ese documento ya se había retirado.");
        (attachment.WithdrawnAtUtc, attachment.WithdrawnByName, attachment.WithdrawnReason) = (office.UtcNow(), actor.UserName, why);
        if (attachment.PetitionId is { } id)
        {
            var petition = await db.Petitions.SingleAsync(p => p.Id == id, ct);
            changes.Log(db, petition, actor, PetitionEvents.AttachmentWithdrawn, null, null, $"{KindLabel(attachment.Kind)}: {attachment.FileName}. {why}");
        }
        await db.SaveOrStaleAsync(Stale.Message("ese documento"), ct);
        await tx.CommitAsync(ct);
        live.Publish(LiveTopic.Petitions);
    }

    public async Task<IReadOnlyList<AttachmentRow>> ListForPetitionAsync(Actor actor, int petitionId, CancellationToken ct = default)
    {
        await RequirePetitionAsync(actor, petitionId, "Ver el expediente", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return [.. (await db.Attachments.AsNoTracking().Where(a => a.PetitionId == petitionId).OrderBy(a => a.Id).ToListAsync(ct)).Select(Row)];
    }

    public async Task<IReadOnlyList<AttachmentRow>> ListForVisitAsync(Actor actor, int visitId, CancellationToken ct = default)
    {
        await RequireVisitAsync(actor, visitId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return [.. (await db.Attachments.AsNoTracking().Where(a => a.VisitId == visitId && a.PetitionId == null).OrderBy(a => a.Id).ToListAsync(ct)).Select(Row)];
    }

    /// <summary>A document to open in the browser (or download): checked against the petition's (or visit's) rules first.</summary>
    public async Task<AttachmentFile> OpenAsync(Actor actor, int attachmentId, bool download, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null) throw new RuleException("Ese documento no existe.", RuleKind.NotFound);
        if (attachment.PetitionId is { } petitionId) await RequirePetitionAsync(actor, petitionId, "Ver el expediente", ct);
        else await RequireVisitAsync(actor, attachment.VisitId!.Value, ct);
        if (attachment.ErasedAtUtc is { } erased)
        {
            throw new RuleException($"Ese documento se eliminó el {office.ToLocal(erased):dd/MM/yyyy}: {attachment.WithdrawnReason}.", RuleKind.NotFound);
        }
        var type = FileSniffer.OfContentType(attachment.ContentType) ?? FileSniffer.Pdf;
        var folio = attachment.PetitionId is { } owner ? await db.Petitions.Where(p => p.Id == owner).Select(p => p.Folio).SingleAsync(ct) : null;
        return new AttachmentFile(store.PathOf(attachment.Sha256), attachment.ContentType, attachment.FileName, Inline: !download && type.BrowserShows,
            attachment.PetitionId, folio, attachment.PetitionId is null ? attachment.VisitId : null);
    }

    /// <summary>The petition's folio and the documents in its file (withdrawn ones left out), numbered for a ZIP.</summary>
    public async Task<(string Folio, IReadOnlyList<(string Name, string Path)> Files)> ForZipAsync(Actor actor, int petitionId, CancellationToken ct = default)
    {
        await RequirePetitionAsync(actor, petitionId, "Descargar el expediente", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var folio = await db.Petitions.Where(p => p.Id == petitionId).Select(p => p.Folio).SingleAsync(ct);
        var rows = await db.Attachments.AsNoTracking().Where(a => a.PetitionId == petitionId && a.WithdrawnAtUtc == null).OrderBy(a => a.Id).ToListAsync(ct);
        return (folio, [.. rows.Select((a, i) => ($"{i + 1:00}-{Slug(KindLabel(a.Kind))}-{a.FileName}", store.PathOf(a.Sha256)))]);
    }

    private async Task RequirePetitionAsync(Actor actor, int petitionId, string what, CancellationToken ct)
    {
        if (!actor.IsAny(Roles.PetitionReaders)) throw new RuleException($"{what}: le corresponde al personal que atiende la petición.", RuleKind.Forbidden);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await PetitionQueries.Visible(db.Petitions, actor).AnyAsync(p => p.Id == petitionId, ct))
        {
            // An area's liaison asking for another area's petition reads the same as a petition that does not exist.
            throw new RuleException("Esa petición no existe o no está en manos de sus áreas.", RuleKind.NotFound);
        }
    }

    private async Task RequireVisitAsync(Actor actor, int visitId, CancellationToken ct)
    {
        actor.Require("Adjuntar documentos de una visita", Roles.Attention);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visit = await db.Visits.AsNoTracking().Where(v => v.Id == visitId).Select(v => new { v.Outcome, v.PetitionId }).SingleOrDefaultAsync(ct)
            ?? throw new RuleException("Esa visita no existe.", RuleKind.NotFound);
        if (visit.Outcome != VisitOutcome.PetitionCreated) throw new RuleException("Solo se adjuntan documentos a una visita que terminó en petición.");
        if (visit.PetitionId is not null) throw new RuleException("La petición de esta visita ya se registró: adjunte los documentos en la petición.");
    }

    private AttachmentRow Row(Attachment a) => new(a.Id, a.Kind, a.FileName, a.ContentType, a.Bytes, a.PageCount, office.ToLocal(a.UploadedAtUtc), a.UploadedByName,
        a.WithdrawnAtUtc is { } w ? office.ToLocal(w) : null, a.WithdrawnByName, a.WithdrawnReason, a.Version);

    public static string Describe(Attachment a) => Describe(a.ContentType, a.Bytes, a.PageCount);

    /// <summary>«PDF, 3 páginas, 1.2 MB» or «JPEG, 850 KB».</summary>
    public static string Describe(string contentType, long bytes, int? pages)
    {
        var type = FileSniffer.OfContentType(contentType)?.Label ?? contentType;
        var size = bytes >= 1024 * 1024 ? AttachmentStore.Megabytes(bytes) : $"{Math.Max(1, bytes / 1024)} KB";
        var pageText = pages is { } p ? (p == 1 ? ", 1 página" : $", {p} páginas") : "";
        return $"{type}{pageText}, {size}";
    }

    /// <summary>The name as shown and downloaded: no folders, no control characters, at most 120 characters; never a path.</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))]).Trim().TrimStart('.');
        if (name.Length == 0) name = "documento";
        return name.Length <= 120 ? name : name[..120];
    }

    private static string Slug(string text)
        => string.Join('-', TextFold.Fold(text).Split([' ', '/'], StringSplitOptions.RemoveEmptyEntries));
}

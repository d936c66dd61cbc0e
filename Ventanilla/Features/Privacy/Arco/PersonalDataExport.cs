using System.IO.Compression;
using System.Text;
using Ventanilla.Features.Expediente;

namespace Ventanilla.Features.Privacy.Arco;

/// <summary>
/// A person's data as one ZIP, for the answer to an ARCO request: a note of what it holds, the records chosen from the
/// search (one CSV), the history of those petitions, and their documents' files. Written as it goes (documents are never
/// held whole in memory) and recorded in the access log under the request's folio.
/// </summary>
public sealed class PersonalDataExport(IDbContextFactory<AppDbContext> dbFactory, ArcoRequests arco, PersonSearch search, AttachmentStore store, AccessLog log, OfficeClock office)
{
    public static readonly string[] RecordsHeader = ["Tipo", "Referencia", "Fecha", "Nombre", "Cuenta", "Teléfono", "Correo", "Domicilio", "Detalle"];
    public static readonly string[] HistoryHeader = ["Folio", "Fecha", "Quién", "Evento", "Nota"];

    /// <summary>The ZIP's file name (checked first, so a refusal comes before the first byte).</summary>
    public async Task<(string FileName, IReadOnlyList<FoundRecord> Records, ArcoCase Request)> PrepareAsync(Actor actor, string arcoFolio, IReadOnlyList<RecordKey> keys, ReadPlace place, CancellationToken ct = default)
    {
        var request = await arco.FindAsync(actor, arcoFolio, ct) ?? throw new RuleException($"{arcoFolio} no es una solicitud ARCO.", RuleKind.NotFound);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await search.LoadAsync(db, keys, ct);
        await log.RecordAsync(actor, new PersonalRead(PersonalDataKind.ExportacionArco, $"Datos para {request.Folio}", request.Folio, request.PetitionId,
            Detail: Spanish.Count(records.Count, "registro", "registros")), place, ct);
        return ($"datos-personales-{request.Folio}.zip", records, request);
    }

    public async Task WriteAsync(Stream output, ArcoCase request, IReadOnlyList<FoundRecord> records, CancellationToken ct = default)
    {
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        // The texts are small: made whole, then added. The output must take the ZIP's few synchronous writes (an entry's
        // last block and descriptor): a response's body writer does (the endpoint passes it), its plain body stream does not.
        await AddAsync(zip, "LEAME.txt", [.. CsvFiles.Utf8WithBom.Preamble, .. CsvFiles.Utf8WithBom.GetBytes(Note(request, records))], ct);
        await AddAsync(zip, "registros.csv", await CsvFiles.ToBytesAsync(RecordsHeader, Rows(records), ct), ct);
        var petitionIds = records.Where(r => r.Key.Kind == PersonRecordKind.Peticion).Select(r => r.Key.Id).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (petitionIds.Count > 0)
        {
            // One person's petitions: their histories are a few hundred lines at most.
            var folios = await db.Petitions.Where(p => petitionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Folio, ct);
            var events = await db.PetitionEvents.AsNoTracking().Where(e => petitionIds.Contains(e.PetitionId)).OrderBy(e => e.PetitionId).ThenBy(e => e.Id).ToListAsync(ct);
            await AddAsync(zip, "historial-de-peticiones.csv", await CsvFiles.ToBytesAsync(HistoryHeader,
                events.Select(e => new[] { folios[e.PetitionId], $"{office.ToLocal(e.AtUtc):dd/MM/yyyy HH:mm}", e.UserName, e.Kind, e.Note }), ct), ct);
        }
        var documentIds = records.Where(r => r.Key.Kind == PersonRecordKind.Documento && !r.Anonymized).Select(r => r.Key.Id).ToList();
        var documents = await db.Attachments.AsNoTracking().Where(a => documentIds.Contains(a.Id) && a.ErasedAtUtc == null).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Kind, a.FileName, a.Sha256, Owner = a.Petition != null ? a.Petition.Folio : "visita-" + a.VisitId }).ToListAsync(ct);
        foreach (var d in documents.Where(d => store.Exists(d.Sha256)))
        {
            var entry = zip.CreateEntry($"documentos/{d.Owner}-{d.Id}-{Slug(AttachmentService.KindLabel(d.Kind))}{Path.GetExtension(d.FileName).ToLowerInvariant()}", CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(ct);
            await using var source = store.OpenRead(d.Sha256);
            await source.CopyToAsync(target, ct);
        }
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(name).OpenAsync(ct);
        await entry.WriteAsync(content, ct);
    }

    private string Note(ArcoCase request, IReadOnlyList<FoundRecord> records)
    {
        var text = new StringBuilder();
        text.AppendLine($"Datos personales reunidos para la solicitud ARCO {request.Folio} ({ArcoRequests.Label(request.Right).ToLowerInvariant()}), a nombre de {request.Name}.");
        text.AppendLine($"Generado el {office.Now():dd/MM/yyyy HH:mm}.");
        text.AppendLine();
        foreach (var group in records.GroupBy(r => r.Key.Kind))
        {
            text.AppendLine($"- {RecordKey.Label(group.Key)}: {group.Count()}");
        }
        text.AppendLine();
        text.AppendLine("registros.csv: cada registro con los datos personales que contiene.");
        text.AppendLine("historial-de-peticiones.csv: la historia de cada petición incluida.");
        text.AppendLine("documentos/: los documentos de esas peticiones y visitas, tal como se recibieron.");
        return text.ToString();
    }

    private static IEnumerable<string?[]> Rows(IEnumerable<FoundRecord> records) => records.Select(r => new[]
    {
        r.KindLabel, r.Reference, r.AtLocal is { } at ? $"{at:dd/MM/yyyy HH:mm}" : null, r.Name, r.Account, r.Phone, r.Email, r.Address, r.Detail,
    });

    private static string Slug(string text) => TextFold.Fold(text).Replace(' ', '-');
}

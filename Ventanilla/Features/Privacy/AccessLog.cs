using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Features.Privacy;

/// <summary>
/// The record of who read personal data (the law's «bitácora» of the people who handle it): each petition page, visitor
/// at a desk, register on screen or exported, customer search, day of appointments, document and expediente a staff
/// member opened, and the console's exports. Append-only: this class only inserts (and the database refuses an update);
/// only the retention the office sets removes old lines. Public pages and the citizen's own lookups are not reads by
/// staff and never come here.
/// </summary>
/// <remarks>
/// While the app runs, lines are written a moment after the read by this service's own loop, in one transaction per
/// batch, so no page waits for the log's commit (on SQLite each commit waits for the disk: it added 14 % to a petition's
/// page). A normal stop writes what is pending; the console's verbs, which run no loop, write at once. Reading the log
/// writes what is pending first, so it always shows what was read up to that instant.
/// </remarks>
public sealed class AccessLog(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, TimeProvider time, ILogger<AccessLog> logger) : BackgroundService
{
    public const int PageSize = 100;

    /// <summary>
    /// The same read by the same person through the same page within this window is one read: a page is drawn twice as
    /// it opens (prerendered, then live) and again on every live update, and none of that is the person reading again.
    /// </summary>
    public static readonly TimeSpan SameReadWindow = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, DateTime> _recent = new();

    public static string Label(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Peticion => "Petición",
        PersonalDataKind.ListaPeticiones => "Control de Peticiones (lista)",
        PersonalDataKind.ExportacionPeticiones => "Control de Peticiones (CSV)",
        PersonalDataKind.Visita => "Visita en atención",
        PersonalDataKind.RegistroVisitas => "Control de Usuarios (lista)",
        PersonalDataKind.ExportacionVisitas => "Control de Usuarios (CSV)",
        PersonalDataKind.BusquedaUsuarios => "Búsqueda de usuarios",
        PersonalDataKind.Citas => "Citas del día",
        PersonalDataKind.Documento => "Documento del expediente",
        PersonalDataKind.Expediente => "Expediente completo (ZIP)",
        PersonalDataKind.BusquedaArco => "Datos de una persona (solicitud ARCO)",
        PersonalDataKind.ExportacionArco => "Datos de una persona (ZIP ARCO)",
        PersonalDataKind.BusquedaPadron => "Búsqueda en el padrón",
        _ => kind.ToString(),
    };

    private readonly Channel<PersonalDataRead> _pending = Channel.CreateUnbounded<PersonalDataRead>();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private volatile bool _running;

    /// <summary>Records one read (unless the same read was recorded a moment ago; see <see cref="SameReadWindow"/>).</summary>
    public Task RecordAsync(Actor actor, PersonalRead read, ReadPlace place, CancellationToken ct = default)
        => RecordAsync(actor.AccountId, actor.UserName, read, place, ct);

    /// <summary>The same, by the signed-in account's id and name (what a page's sign-in carries, without a database read).</summary>
    public async Task RecordAsync(string? userId, string userName, PersonalRead read, ReadPlace place, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var key = string.Join('\u001f', userId, userName, read.Kind, read.Subject, read.Detail, place.Source);
        if (_recent.TryGetValue(key, out var last) && now - last < SameReadWindow) return;
        _recent[key] = now;
        if (_recent.Count > 5000) Forget(now);
        var line = new PersonalDataRead
        {
            AtUtc = now, UserId = string.IsNullOrEmpty(userId) ? null : userId, UserName = TextLimits.Clip(userName, 200)!, Kind = read.Kind, Subject = TextLimits.Clip(read.Subject, 300)!,
            Folio = read.Folio, PetitionId = read.PetitionId, VisitId = read.VisitId, Detail = TextLimits.Clip(read.Detail, 1000),
            Source = TextLimits.Clip(place.Source, 500)!, Address = TextLimits.Clip(place.Address, 64)!,
        };
        if (_running && _pending.Writer.TryWrite(line)) return;
        await WriteAsync([line], ct);
    }

    /// <summary>Writes the lines still pending (before the log is read, and at a stop).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var batch = new List<PersonalDataRead>();
            while (_pending.Reader.TryRead(out var line)) batch.Add(line);
            if (batch.Count == 0) return;
            try
            {
                await WriteAsync(batch, ct);
            }
            catch
            {
                // Kept for the next attempt: a read is not forgotten because the disk was busy once.
                foreach (var line in batch) _pending.Writer.TryWrite(line);
                throw;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task WriteAsync(IReadOnlyList<PersonalDataRead> lines, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.PersonalDataReads.AddRange(lines);
        await db.SaveChangesAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "No se pudo escribir la bitácora de accesos; se reintenta en un segundo.");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // From here on a read is written at once; what is pending is written now.
        _running = false;
        _pending.Writer.TryComplete();
        await FlushAsync(CancellationToken.None);
    }

    private void Forget(DateTime now)
    {
        foreach (var (key, at) in _recent)
        {
            if (now - at >= SameReadWindow) _recent.TryRemove(key, out _);
        }
    }

    /// <summary>A page of the log, newest first, for the Administrador only.</summary>
    public async Task<AccessPage> ListAsync(Actor actor, AccessFilter filter, int page = 1, CancellationToken ct = default)
    {
        Require(actor);
        await FlushAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AccessPage([.. rows.Select(Row)], total, PageSize);
    }

    /// <summary>Every line the filter matches, oldest first, streamed (the console's listing and the CSV).</summary>
    public async IAsyncEnumerable<AccessRow> RowsAsync(Actor actor, AccessFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Require(actor);
        await FlushAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var r in Filtered(db, filter).OrderBy(r => r.AtUtc).ThenBy(r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return Row(r);
        }
    }

    public static readonly string[] CsvHeader = ["Fecha", "Hora", "Persona", "Qué", "Asunto", "Folio", "Detalle", "Desde", "Dirección"];

    /// <summary>The filtered log as CSV (UTF-8 with BOM, Spanish headers); returns the lines written.</summary>
    public Task<int> WriteCsvAsync(Actor actor, Stream output, AccessFilter filter, CancellationToken ct = default)
    {
        Check(filter);
        return CsvFiles.WriteAsync(output, CsvHeader, Lines(RowsAsync(actor, filter, ct)), ct);
    }

    private static async IAsyncEnumerable<string?[]> Lines(IAsyncEnumerable<AccessRow> rows)
    {
        await foreach (var r in rows)
        {
            yield return [r.AtLocal.ToString("dd/MM/yyyy"), r.AtLocal.ToString("HH:mm:ss"), r.UserName, r.KindLabel, r.Subject, r.Folio, r.Detail, r.Source, r.Address];
        }
    }

    /// <summary>A period in order; refused in Spanish, naming the field, before anything is read.</summary>
    public static void Check(AccessFilter filter)
    {
        if (filter.From is { } from && filter.To is { } to && to < from) throw new RuleException($"Hasta: {to:dd/MM/yyyy} es anterior a Desde {from:dd/MM/yyyy}.");
    }

    private static void Require(Actor actor) => actor.Require("Consultar la bitácora de accesos a datos personales", Roles.Administrador);

    private IQueryable<PersonalDataRead> Filtered(AppDbContext db, AccessFilter filter)
    {
        Check(filter);
        var query = db.PersonalDataReads.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Folio))
        {
            var folio = FolioLookup.Typed(filter.Folio);
            query = query.Where(r => r.Folio == folio);
        }
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            // Part of the name, whatever its case (both engines: lower on both sides).
            var person = filter.Person.Trim().ToLower();
            query = query.Where(r => r.UserName.ToLower().Contains(person));
        }
        var (fromUtc, beforeUtc) = office.DaysUtc(filter.From, filter.To);
        if (fromUtc is { } start) query = query.Where(r => r.AtUtc >= start);
        if (beforeUtc is { } end) query = query.Where(r => r.AtUtc < end);
        return query;
    }

    private AccessRow Row(PersonalDataRead r)
        => new(r.Id, office.ToLocal(r.AtUtc), r.UserName, r.Kind, r.Subject, r.Folio, r.Detail, r.Source, r.Address);
}

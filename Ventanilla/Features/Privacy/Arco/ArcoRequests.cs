using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Privacy.Arco;

/// <summary>An ARCO request as its tools show it: the right, the term and its one extension, and who asked.</summary>
public sealed record ArcoCase(
    int PetitionId, string Folio, ArcoRight Right, PetitionStatus Status, int TermDays, DateOnly DueDate, int? ExtensionDays, string? ExtensionReason,
    int ExtensionAvailable, string Name, string? Account, string? Phone, string? Email, long Version)
{
    public bool IsOpen => PetitionDeadlines.IsOpen(Status);

    /// <summary>Extending is possible while it is open, not extended yet, and the office's setting allows some days.</summary>
    public bool MayExtend => IsOpen && ExtensionDays is null && ExtensionAvailable > 0;

    /// <summary>Rectifying answers a rectification request; cancelling answers a cancellation or an opposition.</summary>
    public bool MayRectify => IsOpen && Right == ArcoRight.Rectificacion;
    public bool MayCancel => IsOpen && Right is ArcoRight.Cancelacion or ArcoRight.Oposicion;
}

/// <summary>One line of what a request changed: rectified fields with before and after, cancelled records.</summary>
public sealed record DataChangeRow(DateTime AtLocal, string By, PersonalDataAction Action, string Record, string Field, string? Before, string? After);

/// <summary>
/// Requests under the personal-data law (derechos ARCO: access, rectification, cancellation, opposition): petitions of a
/// type marked with its right, received on the office's ARCO term (20 business days by default) instead of the
/// procedure's, extendable once (10 by default) with a reason while the term runs. The person's data are found, exported,
/// rectified and cancelled through <see cref="PersonSearch"/>, <see cref="PersonalDataExport"/> and <see cref="PersonalDataEdits"/>.
/// </summary>
public sealed class ArcoRequests(IDbContextFactory<AppDbContext> dbFactory, PetitionChanges changes, CalendarService calendar, SettingsService settings, OfficeClock office)
{
    /// <summary>Who answers ARCO requests: Atención a Usuarios and the Dirección Comercial (who also approves the answer).</summary>
    public const string HandlerRoles = Roles.Attention;

    public const int MaxReasonLength = 1000;

    public static string Label(ArcoRight right) => right switch
    {
        ArcoRight.Acceso => "Acceso",
        ArcoRight.Rectificacion => "Rectificación",
        ArcoRight.Cancelacion => "Cancelación",
        ArcoRight.Oposicion => "Oposición",
        _ => right.ToString(),
    };

    /// <summary>The request of this folio, or null when the folio is not an ARCO request (or does not exist).</summary>
    public async Task<ArcoCase?> FindAsync(Actor actor, string folio, CancellationToken ct = default)
    {
        actor.Require("Atender solicitudes ARCO", HandlerRoles);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Petitions.AsNoTracking().Where(p => p.Folio == folio && p.PetitionType!.ArcoRight != null)
            .Select(p => new { p.Id, p.Folio, Right = p.PetitionType!.ArcoRight!.Value, p.Status, p.TermDays, p.DueDate, p.TermExtensionDays, p.TermExtensionReason,
                p.PetitionerName, p.AccountNumber, p.Phone, p.Email, p.Version })
            .SingleOrDefaultAsync(ct);
        return p is null ? null : new ArcoCase(p.Id, p.Folio, p.Right, p.Status, p.TermDays, p.DueDate, p.TermExtensionDays, p.TermExtensionReason,
            settings.Current.ArcoExtensionDays, p.PetitionerName, p.AccountNumber, p.Phone, p.Email, p.Version);
    }

    /// <summary>What this request rectified and cancelled, newest first.</summary>
    public async Task<IReadOnlyList<DataChangeRow>> ChangesAsync(Actor actor, string folio, CancellationToken ct = default)
    {
        actor.Require("Atender solicitudes ARCO", HandlerRoles);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PersonalDataChanges.AsNoTracking().Where(c => c.ArcoFolio == folio).OrderByDescending(c => c.Id).ToListAsync(ct);
        return [.. rows.Select(c => new DataChangeRow(office.ToLocal(c.AtUtc), c.By, c.Action, c.Record, c.Field, c.Before, c.After))];
    }

    /// <summary>
    /// Extends the term once by the office's extension, with a reason, while it runs (the law lets the body extend before
    /// the term ends, telling the person why). The new due date counts the pauses as the clock always does.
    /// </summary>
    public async Task<PetitionRef> ExtendAsync(Actor actor, int petitionId, long version, string? reason, CancellationToken ct = default)
    {
        actor.Require("Ampliar el plazo de una solicitud ARCO", HandlerRoles);
        var why = PetitionChanges.Text(reason, "Motivo de la ampliación", MaxReasonLength)
            ?? throw new RuleException("Motivo de la ampliación: escriba por qué se necesita más tiempo (se le comunica al solicitante).");
        var days = settings.Current.ArcoExtensionDays;
        if (days <= 0) throw new RuleException("Ampliación: los ajustes de la oficina no prevén ampliar las solicitudes ARCO (0 días).");
        return await changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            var right = await db.PetitionTypes.Where(t => t.Id == petition.PetitionTypeId).Select(t => t.ArcoRight).SingleAsync(ct);
            if (right is null) throw new RuleException($"{petition.Folio} no es una solicitud ARCO: su plazo no se amplía.");
            if (!PetitionDeadlines.IsOpen(petition.Status)) throw new RuleException($"{petition.Folio} ya se respondió: su plazo no se amplía.");
            if (petition.TermExtensionDays is not null) throw new RuleException($"El plazo de {petition.Folio} ya se amplió una vez; la ley no permite una segunda ampliación.");
            var clock = calendar.Clock();
            if (clock.Today() > petition.DueDate)
            {
                throw new RuleException($"El plazo de {petition.Folio} venció el {petition.DueDate:dd/MM/yyyy}: la ampliación se acuerda antes de que venza.");
            }
            petition.TermDays += days;
            (petition.TermExtensionDays, petition.TermExtensionReason) = (days, why);
            petition.DueDate = PetitionDeadlines.DueDateOf(clock, petition);
            changes.Log(db, petition, actor, PetitionEvents.TermExtended, null, null,
                $"{Spanish.Count(days, "día hábil", "días hábiles")} más; vence el {petition.DueDate:dd/MM/yyyy}. Motivo: {why}");
        }, ct);
    }

    /// <summary>
    /// At start: a database without ARCO types gets one per right (an existing type of the same name takes its right),
    /// in the first series of the archive's chart; the office may rename them, offer them online or deactivate them.
    /// </summary>
    public static async Task SeedTypesAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.PetitionTypes.AnyAsync(t => t.ArcoRight != null, ct)) return;
        var series = await db.ArchiveSeries.Where(s => s.IsActive).OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        var order = await db.PetitionTypes.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0;
        foreach (var right in Enum.GetValues<ArcoRight>())
        {
            var name = TypeName(right);
            var type = await db.PetitionTypes.SingleOrDefaultAsync(t => t.Name == name, ct);
            if (type is null)
            {
                type = new PetitionType { Name = name, SortOrder = ++order, ArchiveSeriesId = series };
                db.PetitionTypes.Add(type);
            }
            type.ArcoRight = right;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same time made them first (names are unique).
            db.ChangeTracker.Clear();
            if (!await db.PetitionTypes.AnyAsync(t => t.ArcoRight != null, ct)) throw;
        }
    }

    /// <summary>The name each right's type is created with.</summary>
    public static string TypeName(ArcoRight right) => right switch
    {
        ArcoRight.Acceso => "Derechos ARCO: acceso a datos personales",
        ArcoRight.Rectificacion => "Derechos ARCO: rectificación de datos personales",
        ArcoRight.Cancelacion => "Derechos ARCO: cancelación de datos personales",
        _ => "Derechos ARCO: oposición al tratamiento de datos personales",
    };
}

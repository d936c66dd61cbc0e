using System.Linq.Expressions;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Privacy.Arco;

/// <summary>
/// Finds everything the office holds about one person, to answer an ARCO request: petitions, visits (what they typed at
/// the kiosk), the customers' catalogue, appointments, survey comments, and the documents of those petitions and visits.
/// A record matches by any of the name (every word, accents and case ignored), account, phone or e-mail; the visits and
/// appointments of a petition or customer found come with it. The same readers load a chosen set again by key for the
/// export and the changes, so the page, the ZIP and the cancellation always see the same records.
/// </summary>
public sealed class PersonSearch(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    /// <summary>At most this many records of each kind are listed; more means the search should be narrower.</summary>
    public const int PerKind = 300;

    public const int MinNameLetters = 3;

    /// <summary>The query checked and normalised as the records store it; every wrong field named at once.</summary>
    public static PersonQuery Check(PersonQuery query)
    {
        var errors = new List<string>();
        var name = TextFold.Fold(query.Name).Trim();
        if (name.Length > 0 && name.Count(char.IsLetterOrDigit) < MinNameLetters) errors.Add($"Nombre: escriba al menos {MinNameLetters} letras.");
        var phone = VisitorRules.Phone(query.Phone, errors);
        var email = VisitorRules.Email(query.Email, errors);
        var account = query.Account?.Trim();
        if (account is { Length: > 0 and < 3 }) errors.Add("Cuenta: escriba la cuenta completa.");
        if (name.Length == 0 && string.IsNullOrEmpty(account) && phone is null && email is null && errors.Count == 0)
        {
            errors.Add("Escriba el nombre, la cuenta, el teléfono o el correo de la persona.");
        }
        RuleException.ThrowIfAny(errors);
        return new PersonQuery(name.Length == 0 ? null : name, string.IsNullOrEmpty(account) ? null : account, phone, email?.ToLowerInvariant());
    }

    /// <summary>Everything about the person the (checked) query names, newest first within each kind.</summary>
    public async Task<PersonFindings> FindAsync(PersonQuery query, CancellationToken ct = default)
    {
        var q = Check(query);
        var words = q.Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var truncated = false;
        List<int> Cap(List<int> ids)
        {
            truncated |= ids.Count > PerKind;
            return [.. ids.OrderDescending().Take(PerKind)];
        }

        var petitions = Cap(await db.Petitions.Where(Matches<Petition>(words, q, p => p.SearchName, p => p.AccountNumber, p => p.Phone, p => p.Email))
            .Select(p => p.Id).Take(PerKind + 1).ToListAsync(ct));
        var customers = Cap(await db.Customers.Where(Matches<Customer>(words, q, c => c.SearchName, c => c.AccountNumber, c => c.Phone, null))
            .Select(c => c.Id).Take(PerKind + 1).ToListAsync(ct));
        // What visitors and bookers typed is stored as typed: their names are folded here to compare (a year of names is
        // a few megabytes, read once for a request the office gets a few times a month).
        var visits = await db.Visits.Where(v => (q.Account != null && v.AccountNumber == q.Account) || (q.Phone != null && v.Phone == q.Phone)
                || (v.CustomerId != null && customers.Contains(v.CustomerId.Value)) || (v.PetitionId != null && petitions.Contains(v.PetitionId.Value)))
            .Select(v => v.Id).Take(PerKind + 1).ToListAsync(ct);
        if (words.Length > 0)
        {
            var named = await db.Visits.Where(v => v.VisitorName != null).Select(v => new { v.Id, v.VisitorName }).ToListAsync(ct);
            visits.AddRange(named.Where(v => HasWords(v.VisitorName, words)).Select(v => v.Id));
        }
        visits = Cap([.. visits.Distinct()]);
        var appointments = await db.Appointments.Where(a => (q.Account != null && a.AccountNumber == q.Account) || (q.Phone != null && a.Phone == q.Phone)
                || (q.Email != null && a.Email == q.Email) || (a.PetitionId != null && petitions.Contains(a.PetitionId.Value)))
            .Select(a => a.Id).Take(PerKind + 1).ToListAsync(ct);
        if (words.Length > 0)
        {
            var named = await db.Appointments.Where(a => a.AnonymizedAtUtc == null).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
            appointments.AddRange(named.Where(a => HasWords(a.Name, words)).Select(a => a.Id));
        }
        appointments = Cap([.. appointments.Distinct()]);
        var surveys = Cap(await db.SurveyAnswers.Where(s => s.Comment != null && visits.Contains(s.VisitId)).Select(s => s.Id).ToListAsync(ct));
        var documents = Cap(await db.Attachments.Where(a => a.ErasedAtUtc == null
                && ((a.PetitionId != null && petitions.Contains(a.PetitionId.Value)) || (a.PetitionId == null && a.VisitId != null && visits.Contains(a.VisitId.Value))))
            .Select(a => a.Id).ToListAsync(ct));

        var keys = petitions.Select(id => new RecordKey(PersonRecordKind.Peticion, id))
            .Concat(visits.Select(id => new RecordKey(PersonRecordKind.Visita, id)))
            .Concat(customers.Select(id => new RecordKey(PersonRecordKind.Usuario, id)))
            .Concat(appointments.Select(id => new RecordKey(PersonRecordKind.Cita, id)))
            .Concat(surveys.Select(id => new RecordKey(PersonRecordKind.Encuesta, id)))
            .Concat(documents.Select(id => new RecordKey(PersonRecordKind.Documento, id)));
        return new PersonFindings(await LoadAsync(db, [.. keys], ct), truncated, q);
    }

    /// <summary>The records of these keys as they are now (gone ones left out), in the order a page lists them.</summary>
    public async Task<IReadOnlyList<FoundRecord>> LoadAsync(AppDbContext db, IReadOnlyCollection<RecordKey> keys, CancellationToken ct)
    {
        List<int> Ids(PersonRecordKind kind) => [.. keys.Where(k => k.Kind == kind).Select(k => k.Id)];
        var found = new List<FoundRecord>();
        var today = office.Today();

        var petitionIds = Ids(PersonRecordKind.Peticion);
        foreach (var p in await db.Petitions.AsNoTracking().Where(p => petitionIds.Contains(p.Id)).OrderByDescending(p => p.Id)
                     .Select(p => new { p.Id, p.ReceivedAtUtc, p.Folio, p.PetitionerName, p.AccountNumber, p.Phone, p.Email, p.Address, Type = p.PetitionType!.Name, p.Status, p.AnonymizedAtUtc, p.Version })
                     .ToListAsync(ct))
        {
            found.Add(new FoundRecord(new(PersonRecordKind.Peticion, p.Id), office.ToLocal(p.ReceivedAtUtc), p.Folio, p.PetitionerName, p.AccountNumber, p.Phone, p.Email,
                p.Address, $"{p.Type} · {Petitions.PetitionService.StatusLabel(p.Status)}", PetitionDeadlines.IsOpen(p.Status), p.AnonymizedAtUtc is not null, p.Version));
        }

        var visitIds = Ids(PersonRecordKind.Visita);
        foreach (var v in await db.Visits.AsNoTracking().Where(v => visitIds.Contains(v.Id)).OrderByDescending(v => v.Id)
                     .Select(v => new { v.Id, v.ArrivedAtUtc, v.ServiceDate, v.VisitorName, v.AccountNumber, v.Phone, v.OutcomeNote, v.FinishedAtUtc, Customer = v.Customer!.Name,
                         Code = v.Tickets.OrderBy(t => t.Id).Select(t => t.Code).FirstOrDefault(), Category = v.ServiceCategory!.Name, v.Version })
                     .ToListAsync(ct))
        {
            var empty = v.VisitorName is null && v.AccountNumber is null && v.Phone is null && v.OutcomeNote is null;
            found.Add(new FoundRecord(new(PersonRecordKind.Visita, v.Id), office.ToLocal(v.ArrivedAtUtc), VisitLabel(v.Id, v.Code, v.ServiceDate), v.VisitorName ?? v.Customer,
                v.AccountNumber, v.Phone, null, null, string.Join(" · ", new[] { v.Category, v.OutcomeNote }.Where(x => !string.IsNullOrEmpty(x))),
                v.FinishedAtUtc is null && v.ServiceDate >= today, empty, v.Version));
        }

        var customerIds = Ids(PersonRecordKind.Usuario);
        foreach (var c in await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).OrderByDescending(c => c.Id).ToListAsync(ct))
        {
            // A customer is still needed while one of their petitions is being answered.
            var open = await db.Petitions.AnyAsync(p => p.CustomerId == c.Id && p.Status < PetitionStatus.Entregada, ct);
            found.Add(new FoundRecord(new(PersonRecordKind.Usuario, c.Id), office.ToLocal(c.CreatedAtUtc), $"Usuario n.º {c.Id}", c.Name, c.AccountNumber, c.Phone, null, c.Address,
                c.CadastralKey is null ? null : $"Clave catastral {c.CadastralKey}", open, c.Name == Anonymizer.AnonymousName, c.Version));
        }

        var appointmentIds = Ids(PersonRecordKind.Cita);
        foreach (var a in await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id)).OrderByDescending(a => a.Id)
                     .Select(a => new { a.Id, a.StartUtc, a.Code, a.Name, a.AccountNumber, a.Phone, a.Email, a.Folio, a.Status, a.AnonymizedAtUtc, a.Version, Category = a.ServiceCategory!.Name })
                     .ToListAsync(ct))
        {
            var start = office.ToLocal(a.StartUtc);
            found.Add(new FoundRecord(new(PersonRecordKind.Cita, a.Id), start, $"Cita {a.Code} del {start:dd/MM/yyyy HH:mm}", a.Name, a.AccountNumber, a.Phone, a.Email, null,
                string.Join(" · ", new[] { a.Category, a.Folio }.Where(x => x is not null)), a.Status == AppointmentStatus.Booked && DateOnly.FromDateTime(start) >= today,
                a.AnonymizedAtUtc is not null, a.Version));
        }

        var surveyIds = Ids(PersonRecordKind.Encuesta);
        foreach (var s in await db.SurveyAnswers.AsNoTracking().Where(s => surveyIds.Contains(s.Id)).OrderByDescending(s => s.Id)
                     .Select(s => new { s.Id, s.AnsweredAtUtc, s.Score, s.Comment, s.VisitId, s.Visit!.ServiceDate }).ToListAsync(ct))
        {
            found.Add(new FoundRecord(new(PersonRecordKind.Encuesta, s.Id), office.ToLocal(s.AnsweredAtUtc), $"Encuesta de la visita n.º {s.VisitId}", null, null, null, null, null,
                $"Calificación {s.Score} de 5: «{s.Comment}»", false, s.Comment is null, 0, new RecordKey(PersonRecordKind.Visita, s.VisitId)));
        }

        var documentIds = Ids(PersonRecordKind.Documento);
        foreach (var d in await db.Attachments.AsNoTracking().Where(a => documentIds.Contains(a.Id)).OrderByDescending(a => a.Id)
                     .Select(a => new { a.Id, a.UploadedAtUtc, a.Kind, a.FileName, a.PetitionId, a.VisitId, Folio = a.Petition!.Folio, Status = (PetitionStatus?)a.Petition.Status, a.WithdrawnAtUtc, a.ErasedAtUtc, a.Version })
                     .ToListAsync(ct))
        {
            var owner = d.PetitionId is { } pid ? new RecordKey(PersonRecordKind.Peticion, pid) : new RecordKey(PersonRecordKind.Visita, d.VisitId!.Value);
            found.Add(new FoundRecord(new(PersonRecordKind.Documento, d.Id), office.ToLocal(d.UploadedAtUtc), d.Folio ?? $"Visita n.º {d.VisitId}", null, null, null, null, null,
                $"{Expediente.AttachmentService.KindLabel(d.Kind)}: {d.FileName}{(d.WithdrawnAtUtc is null ? "" : " (retirado)")}",
                d.Status is { } status && PetitionDeadlines.IsOpen(status), d.ErasedAtUtc is not null, d.Version, owner));
        }
        return found;
    }

    public static string VisitLabel(int id, string? code, DateOnly day) => $"Visita {code ?? $"n.º {id}"} del {day:dd/MM/yyyy}";

    private static bool HasWords(string? value, string[] words)
    {
        var folded = TextFold.Fold(value);
        return words.All(w => folded.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>«Folded name has every word, or the account, phone or e-mail is the one asked», as one condition for the database.</summary>
    private static Expression<Func<T, bool>> Matches<T>(string[] words, PersonQuery q, Expression<Func<T, string>> searchName,
        Expression<Func<T, string?>> account, Expression<Func<T, string?>> phone, Expression<Func<T, string?>>? email)
    {
        var row = searchName.Parameters[0];
        Expression? any = null;
        void Or(Expression e) => any = any is null ? e : Expression.OrElse(any, e);
        if (words.Length > 0)
        {
            var name = searchName.Body;
            var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
            Or(words.Select(w => (Expression)Expression.Call(name, contains, Expression.Constant(w))).Aggregate(Expression.AndAlso));
        }
        Expression Equal(Expression<Func<T, string?>> field, string value) => Expression.Equal(field.Inline(row), Expression.Constant(value, typeof(string)));
        if (q.Account is { } a) Or(Equal(account, a));
        if (q.Phone is { } p) Or(Equal(phone, p));
        if (q.Email is { } e && email is not null)
        {
            var lower = Expression.Call(email.Inline(row), typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
            Or(Expression.Equal(lower, Expression.Constant(e, typeof(string))));
        }
        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), row);
    }
}

using Microsoft.Extensions.Options;
using System.Security.Cryptography;
using System.Text;
using Ventanilla.Features.Appointments;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Intake;

/// <summary>A petition type citizens may file online, with the documents it needs, as <c>/tramite</c> lists it.</summary>
public sealed record OnlineType(int Id, string Name, IReadOnlyList<string> Requirements);

/// <summary>What the citizen typed at <c>/tramite</c>.</summary>
public sealed record IntakeForm(
    int PetitionTypeId, string? Name, bool IsThirdParty, string? AccountNumber, string? CadastralKey, string? Address, string? Phone,
    string? Email, string? Description, bool AcceptedPrivacyNotice, bool AcceptsElectronicDelivery = false);

/// <summary>
/// A request waiting for its code: the page keeps <paramref name="Token"/> (the only way back to it) and shows where the
/// code went (<paramref name="MaskedEmail"/>: «ma•••@correo.mx»).
/// </summary>
public sealed record IntakeDraft(string Token, string MaskedEmail, DateTime CodeExpiresLocal);

/// <summary>The confirmed request: the petition's folio and verification code, and what the citizen must do next.</summary>
public sealed record IntakeConfirmation(string Folio, string Code, DateOnly DueDate, bool WaitsForProof, DateOnly? ProofDueDate, int Documents);

/// <summary>
/// The written channel without paper (procedure step 01, «por escrito»): a citizen files a petition at <c>/tramite</c>
/// with its documents; a 6-digit code sent to their e-mail confirms it, and only then is it a petition, with channel
/// «En línea», received at the confirmation instant and awaiting the Dirección Comercial's review like the Oficialía's
/// letters. A third party is handed the ownership requirement at that moment. Without mail set up the channel is
/// closed. Limits per address and per client, a day's duplicate refused with its folio, codes compared in constant
/// time and stored hashed.
/// </summary>
public sealed class OnlineIntake(
    IDbContextFactory<AppDbContext> dbFactory, IntakeDraftFiles drafts, PetitionRegistration registration, CitizenDeliveries deliveries,
    CitizenNotices notices, SettingsService settings, OfficeClock office, LiveUpdates live, IOptions<IntakeOptions> options,
    Padron.PadronLookup padron, PublicAccountChecks accountChecks)
{
    /// <summary>The largest document accepted (the expediente's limit).</summary>
    public long MaxFileBytes => drafts.MaxBytes;

    /// <summary>Who the history names for what the citizen did online.</summary>
    public static readonly Actor Citizen = Actor.WithEveryRole("Ciudadano (en línea)");

    public const string CodeNoticeKind = "Código de confirmación";

    /// <summary>Open only while the office sends e-mail: the code is how a request is confirmed.</summary>
    public bool IsOpen => notices.Enabled;

    public async Task<IReadOnlyList<OnlineType>> TypesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PetitionTypes.AsNoTracking().Where(t => t.IsActive && t.AvailableOnline)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name, t.OnlineRequirements }).ToListAsync(ct);
        return [.. rows.Select(t => new OnlineType(t.Id, t.Name, Requirements(t.OnlineRequirements)))];
    }

    public static IReadOnlyList<string> Requirements(string? text)
        => [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>
    /// Checks the form and the files, keeps them as an unconfirmed request and queues the e-mail with its code, in one
    /// transaction; every refusal names the field and writes nothing (files received before it are deleted).
    /// </summary>
    public async Task<IntakeDraft> SubmitAsync(IntakeForm form, IReadOnlyList<IncomingFile> files, string clientAddress, CancellationToken ct = default)
    {
        if (!IsOpen) throw new RuleException(ClosedMessage);
        var client = Client(clientAddress);
        var (input, email) = await CheckAsync(form, client, ct);
        var now = office.UtcNow();
        var emailHash = Hash(email);
        var fingerprint = Fingerprint(input, email);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await RefuseDuplicateAsync(db, fingerprint, now, ct);
            var since = now - TimeSpan.FromHours(24);
            var perEmail = Math.Max(1, options.Value.RequestsPerEmailPerDay);
            if (await db.OnlineRequests.CountAsync(r => r.EmailHash == emailHash && r.CreatedAtUtc > since, ct) >= perEmail)
            {
                throw new RuleException($"Correo electrónico: ya se iniciaron {perEmail} solicitudes con esta dirección en las últimas 24 horas. Inténtelo mañana o acuda a la oficina.");
            }
            if (await db.OnlineRequests.CountAsync(r => r.ClientAddress == client && r.CreatedAtUtc > since, ct) >= Math.Max(1, options.Value.RequestsPerClientPerDay))
            {
                throw new RuleException("Se iniciaron demasiadas solicitudes desde este equipo en las últimas 24 horas. Inténtelo mañana o acuda a la oficina.");
            }
        }

        var kept = await drafts.ReceiveAsync(files, ct);
        try
        {
            var token = RandomNumberGenerator.GetString(PublicCodes.Alphabet, 24);
            var code = NewCode();
            var request = new OnlineRequest
            {
                TokenHash = Hash(token), PetitionTypeId = input.PetitionTypeId, PetitionerName = input.PetitionerName!, IsThirdParty = input.IsThirdParty,
                AccountNumber = input.AccountNumber, CadastralKey = input.CadastralKey, Address = input.Address, Phone = input.Phone, Email = email,
                EmailHash = emailHash, Description = input.Subject!, AcceptsElectronicDelivery = form.AcceptsElectronicDelivery, PrivacyNoticeVersion = Privacy.PrivacyNotices.InForce(settings.Current),
                Fingerprint = fingerprint, CodeHash = CodeHash(token, code), CodeExpiresUtc = now + IntakeLimits.CodeLifetime, CodesSent = 1,
                ClientAddress = client, CreatedAtUtc = now, Files = [.. kept],
            };
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.OnlineRequests.Add(request);
            QueueCode(db, email, code, now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            live.Publish(LiveTopic.Notices);
            return new IntakeDraft(token, Mask(email), office.ToLocal(request.CodeExpiresUtc));
        }
        catch
        {
            drafts.Delete(kept);
            throw;
        }
    }

    /// <summary>The request of a token still waiting for its code (null when it is gone, confirmed or expired).</summary>
    public async Task<IntakeDraft?> DraftAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var row = await db.OnlineRequests.AsNoTracking().Where(r => r.TokenHash == hash && r.ConfirmedAtUtc == null)
            .Select(r => new { r.Email, r.CodeExpiresUtc }).SingleOrDefaultAsync(ct);
        return row is null ? null : new IntakeDraft(token, Mask(row.Email), office.ToLocal(row.CodeExpiresUtc));
    }

    /// <summary>A new code for a request whose code expired or was mistyped too often (at most <see cref="IntakeLimits.MaxCodesPerRequest"/>).</summary>
    public async Task<IntakeDraft> ResendAsync(string? token, CancellationToken ct = default)
    {
        if (!IsOpen) throw new RuleException(ClosedMessage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await FindAsync(db, token, ct);
        if (request.CodesSent >= IntakeLimits.MaxCodesPerRequest)
        {
            throw new RuleException($"Ya se enviaron {IntakeLimits.MaxCodesPerRequest} códigos para esta solicitud. Revise su correo (también la carpeta de correo no deseado) o inicie la solicitud de nuevo más tarde.");
        }
        var now = office.UtcNow();
        var code = NewCode();
        (request.CodeHash, request.CodeExpiresUtc, request.CodeAttempts) = (CodeHash(token!, code), now + IntakeLimits.CodeLifetime, 0);
        request.CodesSent++;
        QueueCode(db, request.Email, code, now);
        await db.SaveOrStaleAsync("La solicitud cambió mientras pedía el código; pídalo otra vez.", ct);
        await tx.CommitAsync(ct);
        live.Publish(LiveTopic.Notices);
        return new IntakeDraft(token!, Mask(request.Email), office.ToLocal(request.CodeExpiresUtc));
    }

    /// <summary>
    /// The code typed: when it is the request's own and still valid, the request becomes a petition (with its documents,
    /// and a third party's requirement) in one transaction, and the citizen's e-mail with folio and code is queued.
    /// </summary>
    public async Task<IntakeConfirmation> ConfirmAsync(string? token, string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await FindAsync(db, token, ct);
        var now = office.UtcNow();
        if (request.CodeAttempts >= IntakeLimits.MaxCodeAttempts)
        {
            throw new RuleException("Código: se escribió mal demasiadas veces. Pida un código nuevo.");
        }
        if (request.CodeExpiresUtc < now) throw new RuleException("Código: venció (dura 15 minutos). Pida un código nuevo.");
        var typed = new string([.. (code ?? "").Where(char.IsAsciiDigit)]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeHash(token!, typed)), Encoding.ASCII.GetBytes(request.CodeHash)) || typed.Length != 6)
        {
            request.CodeAttempts++;
            await db.SaveOrStaleAsync("La solicitud cambió mientras escribía el código; escríbalo otra vez.", ct);
            await tx.CommitAsync(ct);
            var left = IntakeLimits.MaxCodeAttempts - request.CodeAttempts;
            throw new RuleException(left > 0
                ? $"Código: no es el que le enviamos. Le {(left == 1 ? "queda 1 intento" : $"quedan {left} intentos")}."
                : "Código: no es el que le enviamos, y ya no quedan intentos. Pida un código nuevo.");
        }
        await RefuseDuplicateAsync(db, request.Fingerprint, now, ct);
        if (!await db.PetitionTypes.AnyAsync(t => t.Id == request.PetitionTypeId && t.IsActive && t.AvailableOnline, ct))
        {
            throw new RuleException("Tipo de trámite: ya no se recibe en línea. Acuda a la oficina de Atención a Usuarios.");
        }

        var input = new PetitionInput(request.PetitionTypeId, request.Description, request.PetitionerName, request.IsThirdParty,
            request.AccountNumber, request.CadastralKey, request.Phone, request.Address, Email: request.Email,
            AcceptsElectronicDelivery: request.AcceptsElectronicDelivery);
        var petition = await registration.RegisterOnlineAsync(db, Citizen, input, now, request.PrivacyNoticeVersion, ct);
        // The documents join the expediente; a third party's proof sent with the request answers the requirement at once.
        var proofs = request.Files.Where(f => f.Kind == AttachmentKind.AcreditacionPropiedad).ToList();
        var delivery = petition.Status == PetitionStatus.EsperandoUsuario && proofs.Count > 0
            ? deliveries.Record(db, petition, petition.Pauses.Single(p => p.EndDate is null), now, null, request.PrivacyNoticeVersion)
            : null;
        foreach (var file in request.Files)
        {
            var attachment = drafts.ToExpediente(file, petition.Id, file.Kind, now);
            if (file.Kind == AttachmentKind.AcreditacionPropiedad && delivery is not null) CitizenDeliveries.Attach(delivery, attachment);
            db.Attachments.Add(attachment);
        }
        var files = request.Files.ToList();
        request.ConfirmedAtUtc = now;
        request.PetitionId = petition.Id;
        Forget(request);
        var result = await registration.CommitOnlineAsync(db, petition, ct);
        drafts.Delete(files);
        return new IntakeConfirmation(result.Folio, petition.PublicCode!, petition.DueDate, petition.Status == PetitionStatus.EsperandoUsuario,
            petition.ProofDueDate, files.Count);
    }

    /// <summary>Removes requests never confirmed after <see cref="IntakeLimits.DraftLifetime"/>, with their files; returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken ct = default)
    {
        var before = office.UtcNow() - IntakeLimits.DraftLifetime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expired = await db.OnlineRequests.Include(r => r.Files).Where(r => r.ConfirmedAtUtc == null && r.CreatedAtUtc < before).ToListAsync(ct);
        if (expired.Count > 0)
        {
            db.OnlineRequests.RemoveRange(expired);
            await db.SaveChangesAsync(ct);
            drafts.Delete(expired.SelectMany(r => r.Files));
        }
        var named = (await db.OnlineRequestFiles.AsNoTracking().Select(f => f.StoredName).ToListAsync(ct)).ToHashSet();
        drafts.SweepOrphans(named, before);
        return expired.Count;
    }

    /// <summary>
    /// «Comprobar la cuenta»: whether the padrón in use has the account typed, and nothing else about it (no holder, no
    /// address, no status), within the client's hourly allowance (<see cref="PublicAccountChecks"/>).
    /// </summary>
    public async Task<string> CheckAccountAsync(string? accountNumber, string clientAddress, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var account = VisitorRules.AccountNumber(accountNumber, errors);
        RuleException.ThrowIfAny(errors);
        if (account is null) throw new RuleException("Número de cuenta: escríbalo como viene en su recibo de agua para comprobarlo.");
        if (!accountChecks.TryTake(Client(clientAddress))) throw new RuleException(ChecksSpentMessage);
        return await padron.ExistsAsync(account, ct) switch
        {
            true => $"La cuenta {account} está en el padrón de usuarios.",
            false => NotInPadron(account),
            null => "Por ahora no podemos comprobar cuentas en línea; la oficina revisará la suya al recibir su solicitud.",
        };
    }

    public const string ChecksSpentMessage =
        "Se comprobaron demasiadas cuentas desde este equipo en la última hora. Puede enviar su solicitud sin comprobarla: la oficina revisa la cuenta al recibirla.";

    private static string NotInPadron(string account)
        => $"Número de cuenta: la cuenta {account} no está en el padrón de usuarios. Revise el número en su recibo de agua; si su contrato es reciente, " +
           "deje la cuenta en blanco y escriba la clave catastral.";

    private static string Client(string clientAddress) => clientAddress.Length > 64 ? clientAddress[..64] : clientAddress;

    public const string ClosedMessage =
        "Por ahora el trámite en línea no está disponible (la oficina no tiene configurado el envío de correo). Acuda a la oficina de Atención a Usuarios.";

    private async Task<(PetitionInput Input, string Email)> CheckAsync(IntakeForm form, string client, CancellationToken ct)
    {
        var errors = new List<string>();
        var name = VisitorRules.Name(form.Name, errors, "Nombre", required: true);
        var account = VisitorRules.AccountNumber(form.AccountNumber, errors);
        var phone = VisitorRules.Phone(form.Phone, errors);
        var email = VisitorRules.Email(form.Email, errors)?.ToLowerInvariant();
        if (email is null && !errors.Any(e => e.StartsWith("Correo", StringComparison.Ordinal)))
        {
            errors.Add("Correo electrónico: es obligatorio; ahí le enviamos el código para confirmar su solicitud.");
        }
        var description = form.Description?.Trim() ?? "";
        if (description.Length == 0) errors.Add("Descripción: escriba qué solicita.");
        else if (description.Length > IntakeLimits.MaxDescription) errors.Add(RuleException.TooLong("Descripción", IntakeLimits.MaxDescription, description.Length));
        var cadastral = Clean(form.CadastralKey);
        var address = Clean(form.Address);
        RuleException.CheckLength(cadastral, "Clave catastral", PetitionLimits.CadastralKey, errors);
        RuleException.CheckLength(address, "Domicilio", PetitionLimits.Address, errors);
        if (account is null && cadastral is null && !errors.Any(e => e.StartsWith("Número de cuenta", StringComparison.Ordinal)))
        {
            errors.Add("Número de cuenta o clave catastral: escriba al menos uno (vienen en su recibo de agua o de predial).");
        }
        if (address is null) errors.Add("Domicilio: escriba el domicilio del inmueble.");
        if (!form.AcceptedPrivacyNotice) errors.Add("Aviso de privacidad: léalo y márquelo como aceptado para enviar su solicitud.");
        // A mistyped account caught now spares a petition the office cannot act on. Past the client's allowance the
        // request goes on unchecked (the office sees the padrón's answer on the timeline): refusing would tell too.
        if (account is not null && accountChecks.TryTake(client) && await padron.ExistsAsync(account, ct) == false) errors.Add(NotInPadron(account));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.PetitionTypes.AnyAsync(t => t.Id == form.PetitionTypeId && t.IsActive && t.AvailableOnline, ct))
            {
                errors.Add("Tipo de trámite: elija uno de la lista.");
            }
        }
        RuleException.ThrowIfAny(errors);
        return (new PetitionInput(form.PetitionTypeId, description, name, form.IsThirdParty, account, cadastral, phone, address, Email: email), email!);
    }

    private async Task RefuseDuplicateAsync(AppDbContext db, string fingerprint, DateTime now, CancellationToken ct)
    {
        var since = now - IntakeLimits.DuplicateWindow;
        var twin = await db.OnlineRequests.AsNoTracking()
            .Where(r => r.Fingerprint == fingerprint && r.ConfirmedAtUtc != null && r.ConfirmedAtUtc > since && r.PetitionId != null)
            .Join(db.Petitions, r => r.PetitionId, p => p.Id, (r, p) => new { p.Folio, r.ConfirmedAtUtc })
            .FirstOrDefaultAsync(ct);
        if (twin is not null)
        {
            throw new RuleException($"Esta misma solicitud ya se registró el {office.ToLocal(twin.ConfirmedAtUtc!.Value):dd/MM/yyyy 'a las' HH:mm} con el folio {twin.Folio}. " +
                "Consulte su avance con ese folio y el código de verificación que le enviamos por correo.");
        }
    }

    private static async Task<OnlineRequest> FindAsync(AppDbContext db, string? token, CancellationToken ct)
    {
        var hash = Hash(token ?? "");
        var request = string.IsNullOrWhiteSpace(token) || token.Length > 64 ? null
            : await db.OnlineRequests.Include(r => r.Files).SingleOrDefaultAsync(r => r.TokenHash == hash, ct);
        if (request is null) throw new RuleException("Esa solicitud ya no existe (las que no se confirman se borran en 24 horas). Iníciela de nuevo.");
        if (request.ConfirmedAtUtc is not null)
        {
            var folio = await db.Petitions.Where(p => p.Id == request.PetitionId).Select(p => p.Folio).SingleOrDefaultAsync(ct);
            throw new RuleException($"Esta solicitud ya se confirmó: es la petición con folio {folio}. El código de verificación está en el correo que le enviamos.");
        }
        return request;
    }

    private static void QueueCode(AppDbContext db, string email, string code, DateTime now)
        => db.Notices.Add(Notice.Pending(CodeNoticeKind, email, $"Su código para confirmar su solicitud: {code}", string.Join("\n\n",
            "Estimada usuaria, estimado usuario:",
            $"Su código para confirmar la solicitud que inició en línea es: {code}",
            "Vale 15 minutos. Escríbalo en la página donde inició su solicitud; hasta entonces su solicitud no está registrada.",
            "Si usted no inició ninguna solicitud, ignore este mensaje: sin el código no se registra nada.",
            "Atención a Usuarios\nEste es un mensaje automático; por favor no lo responda."), now));

    /// <summary>Once confirmed, the petition holds the personal data; the request keeps only what the limits and the duplicate check use.</summary>
    private static void Forget(OnlineRequest request)
    {
        (request.PetitionerName, request.Email, request.Description) = ("", "", "");
        (request.AccountNumber, request.CadastralKey, request.Address, request.Phone) = (null, null, null, null);
        request.Files.Clear();
    }

    private static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

    private static string CodeHash(string token, string code) => Hash($"{token}:{code}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Fingerprint(PetitionInput input, string email)
        => Hash(string.Join('\u001f', input.PetitionTypeId, email, TextFold.Key(input.PetitionerName ?? ""), input.AccountNumber ?? "",
            TextFold.Key(input.CadastralKey ?? ""), TextFold.Key(input.Subject ?? "")));

    /// <summary>«maria@correo.mx» → «ma•••@correo.mx»: enough for the citizen to recognise it, not to read it over a shoulder.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0) return "•••";
        return $"{email[..Math.Min(2, at)]}•••{email[at..]}";
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

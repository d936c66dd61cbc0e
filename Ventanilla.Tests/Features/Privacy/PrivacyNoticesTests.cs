using Ventanilla.Features.Appointments;
using Ventanilla.Features.Privacy;
using Ventanilla.Tests.Features.Appointments;

namespace Ventanilla.Tests.Features.Privacy;

/// <summary>
/// The privacy notice's versions: a new database starts at version 1; publishing makes version 2 and keeps 1; every
/// record that takes personal data stores the version in force; bad texts, no change and a publication made meanwhile
/// are refused, naming the field, and write nothing.
/// </summary>
public class PrivacyNoticesTests : AppointmentTest
{
    private PrivacyNotices Notices => App.Get<PrivacyNotices>();
    private SettingsService Settings => App.Get<SettingsService>();
    private static readonly Actor Admin = TestActors.Named("Ana");

    private Task<int> PublishAsync(string brief, string full, int editing = 1)
        => Notices.PublishAsync(Admin, brief, full, editing, Settings.Current.Version);

    [Fact]
    public async Task A_new_database_has_version_1_in_force_and_its_row()
    {
        Assert.Equal("1", Notices.InForce());
        var first = Assert.Single(await Notices.HistoryAsync());
        Assert.Equal((1, AppSettings.DefaultPrivacyNotice, AppSettings.DefaultPrivacyNoticeFull, "Sistema"), (first.Number, first.ShortText, first.FullText, first.PublishedBy));
    }

    [Fact]
    public async Task Publishing_makes_a_new_version_keeps_the_old_and_new_records_carry_its_number()
    {
        var booked = await Booking.BookAsync(Request(Nine));
        Assert.Equal(2, await PublishAsync(" Sus datos se usan solo para atenderle. ", "Aviso integral\r\nversión dos."));

        Assert.Equal(("2", "Sus datos se usan solo para atenderle.", "Aviso integral\nversión dos."), (Notices.InForce(), Settings.Current.PrivacyNotice, Settings.Current.PrivacyNoticeFull));
        Assert.Equal([2, 1], (await Notices.HistoryAsync()).Select(v => v.Number));
        Assert.Equal(AppSettings.DefaultPrivacyNotice, (await Notices.FindAsync("1"))!.ShortText);
        Assert.Equal("Ana", (await Notices.FindAsync("2"))!.PublishedBy);

        var later = await Booking.BookAsync(Request(NineThirty, phone: "5587654321"));
        await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), CategoryA, Name: "Pedro Ruiz"));
        await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), CategoryA));
        await using var db = App.CreateDb();
        var versions = await db.Appointments.OrderBy(a => a.Id).Select(a => a.PrivacyNoticeVersion).ToListAsync();
        Assert.Equal(["1", "2"], versions);
        // A visitor who typed a name was shown version 2; one who typed nothing gave no personal data.
        Assert.Equal(["2", null], await db.Visits.OrderBy(v => v.Id).Select(v => v.PrivacyNoticeVersion).ToListAsync());
        Assert.NotEqual(booked.Code, later.Code);
    }

    [Fact]
    public async Task Empty_too_long_unchanged_and_stale_publications_are_refused_and_write_nothing()
    {
        var empty = await Assert.ThrowsAsync<RuleException>(() => PublishAsync(" ", ""));
        Assert.Equal("Aviso simplificado: es obligatorio; el quiosco y los formularios públicos lo muestran.\n" +
            "Aviso integral: es obligatorio; la página del aviso de privacidad lo muestra completo.", empty.Message);
        var tooLong = await Assert.ThrowsAsync<RuleException>(() => PublishAsync("Breve", new string('a', PrivacyNotices.MaxFullLength + 1)));
        Assert.Equal($"Aviso integral: admite a lo más 20,000 caracteres (tiene 20,001).", tooLong.Message);
        var same = await Assert.ThrowsAsync<RuleException>(() => PublishAsync(AppSettings.DefaultPrivacyNotice, AppSettings.DefaultPrivacyNoticeFull));
        Assert.Contains("los textos son los de la versión 1; no hay nada que publicar", same.Message);
        var notAdmin = await Assert.ThrowsAsync<RuleException>(() => Notices.PublishAsync(
            new Actor("x", "Rosa", new HashSet<string> { Roles.AtencionUsuarios }, new HashSet<int>()), "Otro", "Otro", 1, Settings.Current.Version));
        Assert.Contains("Administrador", notAdmin.Message);

        await PublishAsync("Versión dos", "Integral dos");
        // A second administrator still editing version 1.
        var stale = await Assert.ThrowsAsync<RuleException>(() => PublishAsync("Versión de otro", "Integral de otro", editing: 1));
        Assert.Equal(RuleKind.Conflict, stale.Kind);
        Assert.Contains("se publicó la versión 2", stale.Message);
        Assert.Equal(("2", "Versión dos"), (Notices.InForce(), Settings.Current.PrivacyNotice));
        Assert.Equal(2, (await Notices.HistoryAsync()).Count);
    }

    [Fact]
    public async Task A_record_from_before_the_numbers_finds_its_text_by_the_old_fingerprint()
    {
        var legacy = PrivacyNotices.Fingerprint(AppSettings.DefaultPrivacyNotice);
        Assert.Equal(12, legacy.Length);
        Assert.Equal(1, (await Notices.FindAsync(legacy))!.Number);
        Assert.Null(await Notices.FindAsync("ABCDEF123456"));
        Assert.Null(await Notices.FindAsync("7"));
    }
}

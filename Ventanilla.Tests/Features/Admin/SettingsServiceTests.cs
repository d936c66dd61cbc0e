using Ventanilla.Features.Shared;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;

namespace Ventanilla.Tests.Features.Admin;

public class SettingsServiceTests : AppServiceTest
{
    private SettingsService Settings => App.Get<SettingsService>();

    private ClockSettings Current => ClockSettings.From(Settings.Current);

    [Fact]
    public async Task Saving_changes_the_clock_at_once_and_tells_the_live_views()
    {
        var notified = new TaskCompletionSource<LiveTopic>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = App.Get<LiveUpdates>().Subscribe(LiveTopic.Settings, t => { notified.TrySetResult(t); return Task.CompletedTask; });

        await Settings.SaveClockAsync(Actor.System, Current with { ResponseTermDays = 10, OfficeCloses = new TimeOnly(15, 0) });

        Assert.Equal(10, Settings.Current.ResponseTermDays);
        var calendar = App.Get<CalendarService>();
        // Received at 15:30, now after closing: day 0 is Tuesday 17 Nov; 10 business days later is 1 Dec.
        Assert.Equal(new DateOnly(2026, 12, 1), calendar.Explain(new DateTime(2026, 11, 13, 15, 30, 0)).DueDate);
        Assert.Equal(LiveTopic.Settings, await notified.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(0, 3, 5, 9, 17, "America/Mexico_City", "Plazo de respuesta: debe ser de 1 a 90 días hábiles; se recibió 0.")]
    [InlineData(-1, 3, 5, 9, 17, "America/Mexico_City", "Plazo de respuesta: debe ser de 1 a 90 días hábiles; se recibió -1.")]
    [InlineData(15, 0, 5, 9, 17, "America/Mexico_City", "Plazo para acreditar la propiedad: debe ser de 1 a 30 días hábiles; se recibió 0.")]
    [InlineData(15, 3, 15, 9, 17, "America/Mexico_City", "Umbral del semáforo amarillo: debe ser de 0 a 14 días hábiles")]
    [InlineData(15, 3, 5, 17, 9, "America/Mexico_City", "Horario de atención: la hora de cierre (09:00) debe ser posterior a la de apertura (17:00).")]
    [InlineData(15, 3, 5, 9, 9, "America/Mexico_City", "Horario de atención: la hora de cierre (09:00)")]
    [InlineData(15, 3, 5, 9, 17, "Marte/Olympus", "Zona horaria: «Marte/Olympus» no es una zona horaria conocida")]
    public async Task Bad_values_are_refused_naming_the_field_and_nothing_is_saved(
        int term, int proof, int yellow, int opens, int closes, string zone, string message)
    {
        var before = Current;
        var error = await Assert.ThrowsAsync<RuleException>(() => Settings.SaveClockAsync(Actor.System, 
            before with { ResponseTermDays = term, OwnershipProofTermDays = proof, YellowThresholdDays = yellow, OfficeOpens = new TimeOnly(opens, 0), OfficeCloses = new TimeOnly(closes, 0), TimeZoneId = zone }));
        Assert.Contains(message, error.Message);
        await Settings.ReloadAsync();
        Assert.Equal(before, Current);
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var error = await Assert.ThrowsAsync<RuleException>(() => Settings.SaveClockAsync(Actor.System, 
            Current with { ResponseTermDays = 0, OfficeOpens = new TimeOnly(18, 0) }));
        Assert.Contains("Plazo de respuesta", error.Message);
        Assert.Contains("Horario de atención", error.Message);
    }

    [Fact]
    public async Task A_stale_form_is_refused()
    {
        var stale = Current;
        await Settings.SaveClockAsync(Actor.System, stale with { YellowThresholdDays = 4 });
        var error = await Assert.ThrowsAsync<RuleException>(() => Settings.SaveClockAsync(Actor.System, stale with { YellowThresholdDays = 3 }));
        Assert.Contains("Alguien más cambió los ajustes", error.Message);
        Assert.Equal(4, Settings.Current.YellowThresholdDays);
    }

    [Fact]
    public async Task Reception_settings_are_checked_and_saved()
    {
        var error = await Assert.ThrowsAsync<RuleException>(() => Settings.SaveReceptionAsync(Actor.System, new ReceptionSettings(0, Settings.Current.Version)));
        Assert.Equal("Llamadas antes de marcar ausente: de 1 a 10; se recibió 0.", error.Message);

        await Settings.SaveReceptionAsync(Actor.System, new ReceptionSettings(2, Settings.Current.Version, SpeakCalls: false));
        Assert.Equal((2, false), (Settings.Current.NoShowAfterCalls, Settings.Current.SpeakCalls));
    }

    [Fact]
    public async Task Every_change_is_in_the_history_with_who_and_before_and_after_but_never_a_secret()
    {
        var ana = TestActors.Named("Ana");
        await Settings.SaveClockAsync(ana, Current with { ResponseTermDays = 20, OfficeCloses = new TimeOnly(15, 0) });
        await Settings.SaveSmtpAsync(ana, new SmtpSettings("smtp.example.com", 587, SmtpSecurity.StartTls, "avisos", "avisos@example.com", Settings.Current.Version),
            changePassword: true, protectedPassword: "CIFRADO-SECRETO");
        // A save that changes nothing writes nothing.
        await Settings.SaveClockAsync(ana, Current);

        var history = await App.Get<SettingHistory>().RecentAsync();
        Assert.All(history, c => Assert.Equal("Ana", c.By));
        Assert.Contains(history, c => (c.What, c.Before, c.After) == ("Plazo de respuesta (días hábiles)", "15", "20"));
        Assert.Contains(history, c => (c.What, c.Before, c.After) == ("Cierra a las", "17:00", "15:00"));
        Assert.Contains(history, c => (c.What, c.Before, c.After) == ("Correo: servidor", null, "smtp.example.com"));
        Assert.Contains(history, c => (c.What, c.Before, c.After) == ("Correo: contraseña", "(sin contraseña)", "(cambió)"));
        Assert.DoesNotContain(history, c => (c.Before + c.After).Contains("SECRETO"));
        Assert.Equal(6, history.Count);
    }
}

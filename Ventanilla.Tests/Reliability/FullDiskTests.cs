using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Ventanilla.Cli;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Reliability;

/// <summary>
/// The server's disk fills up during the day: the kiosk says so and keeps working once there is room again, a wrong
/// password is still just a wrong password, /health says "degraded" and why, and a start on a full disk says so.
/// </summary>
public class FullDiskTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>Folds the WAL into the database so the next write must grow the WAL file (and so needs free disk).</summary>
    private static async Task CheckpointAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<JsonElement> HealthAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("health");
        var text = await response.TextAsync();
        try { return JsonDocument.Parse(text).RootElement; } catch (JsonException) { throw new InvalidOperationException($"{response.Status}: {text[..Math.Min(2000, text.Length)]}"); }
    }

    [Fact]
    public async Task On_a_full_disk_the_kiosk_explains_keeps_its_circuit_and_issues_the_turn_once_there_is_room()
    {
        await using var disk = await SmallDisk.MountAsync(24);
        await using var server = await AppServer.StartInAsync(disk.Folder);
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        var kiosk = await OpenSignedInAsync(server, "kiosco", "kiosco");
        var first = await HealthAsync(kiosk);
        Assert.True(first.GetProperty("status").ValueKind == JsonValueKind.String, first.ToString());
        Assert.Equal("ok", first.GetProperty("status").GetString());

        await CheckpointAsync(Path.Combine(disk.Folder, "ventanilla.db"));
        disk.Fill();
        await kiosk.Locator("[data-category=A]").ClickAsync();
        await kiosk.Locator("[data-testid=kiosk-name]").FillAsync("Ana López");
        await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();

        await Expect(kiosk.Locator("[data-testid=kiosk-error]")).ToContainTextAsync("el disco del servidor está lleno");
        await Expect(kiosk.Locator("[data-testid=kiosk-name]")).ToHaveValueAsync("Ana López");
        var health = await HealthAsync(kiosk);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var problems = string.Join(" ", health.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("disco lleno", problems);
        Assert.Contains("Queda poco espacio", problems);

        // Room again: the same screen, same circuit, the same click gives the turn.
        disk.Free();
        await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=turn-code]")).ToHaveTextAsync("A-001");
        Assert.Equal("ok", (await HealthAsync(kiosk)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task On_a_full_disk_signing_in_gets_a_message_not_an_error_page()
    {
        await using var disk = await SmallDisk.MountAsync(24);
        await using var server = await AppServer.StartInAsync(disk.Folder);
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var page = await NewPageAsync(server);
        await CheckpointAsync(Path.Combine(disk.Folder, "ventanilla.db"));
        disk.Fill();

        // A wrong password writes nothing (no account is locked), so it is simply refused.
        await SignInAsync(page, "rosa", "Equivocada123");
        await Expect(page.Locator(".account-alert, [role=alert]").First).ToContainTextAsync("usuario o contraseña incorrectos");
        // The right one starts a session, which is written: the full disk is said, not an error page.
        await SignInAsync(page, "rosa", "Segura123");
        await Expect(page.Locator(".account-alert, [role=alert]").First).ToContainTextAsync("disco");
        Assert.Contains("Account/Login", page.Url);
        disk.Free();
        await SignInAsync(page, "rosa", "Segura123");
        await page.WaitForURLAsync(url => !url.Contains("Account/Login"), UrlWait);
    }

    [Fact]
    public async Task Starting_on_a_full_disk_says_so_in_Spanish()
    {
        await using var disk = await SmallDisk.MountAsync(2);
        disk.Fill();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await VentanillaCli.RunAsync(["backup", Path.Combine(TestApp.NewFolder(), "copia.db")], builder =>
        {
            foreach (var (key, value) in TestApp.Settings(disk.Folder)) builder.Configuration[key] = value;
        }, output, error);

        Assert.Equal(1, code);
        Assert.Contains("el disco está lleno", error.ToString());
    }
}

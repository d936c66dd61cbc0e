using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Ventanilla.Cli;
using Ventanilla.Features.Server;

namespace Ventanilla.Tests.Cli;

/// <summary>The verbs run in-process against a real database file, as <c>dotnet run -- VERB</c> would.</summary>
public class CliTests : CliTestBase
{
    [Fact]
    public async Task User_add_prints_a_generated_password_that_works()
    {
        var result = await RunAsync("user", "add", "lucia", "--role", "Área", "recepcion", "--area", "Padrón de Usuarios", "--full-name", "Lucía Gómez");

        Assert.Equal(0, result.Code);
        Assert.Contains("Usuario 'lucia' creado.", result.Output);
        var password = result.Output.Split('\n').Single(l => l.StartsWith("Contraseña generada: ")).Trim()["Contraseña generada: ".Length..];
        await using var app = await OpenAsync();
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync("lucia");
        Assert.True(await users.CheckPasswordAsync(user!, password));
        Assert.Equal([Roles.Area, Roles.Recepcion], (await users.GetRolesAsync(user!)).Order());
    }

    [Fact]
    public async Task User_add_with_a_given_password_prints_none()
    {
        var result = await RunAsync("user", "add", "admin", "--role", "Administrador", "--password", "Segura123");
        Assert.Equal(0, result.Code);
        Assert.DoesNotContain("Contraseña generada", result.Output);
    }

    [Theory]
    [InlineData(new[] { "user", "add", "x", "--role", "Gerente" }, "Rol desconocido: 'Gerente'")]
    [InlineData(new[] { "user", "add", "x", "--role", "Area", "--area", "Bodega" }, "Área desconocida o inactiva: 'Bodega'")]
    [InlineData(new[] { "user", "add", "x", "--role", "Recepcion", "--password", "corta" }, "al menos 8 caracteres")]
    [InlineData(new[] { "user", "reset-password", "nadie" }, "No existe el usuario 'nadie'.")]
    public async Task Bad_input_gets_a_Spanish_message_and_exit_code_1(string[] args, string message)
    {
        var result = await RunAsync(args);
        Assert.Equal(1, result.Code);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task A_duplicate_user_is_refused()
    {
        Assert.Equal(0, (await RunAsync("user", "add", "ana", "--role", "Recepcion")).Code);
        var again = await RunAsync("user", "add", "ana", "--role", "Pantalla");
        Assert.Equal(1, again.Code);
        Assert.Contains("Ya existe un usuario con el nombre 'ana'", again.Error);
    }

    [Fact]
    public async Task A_missing_role_option_is_a_usage_error()
    {
        var result = await RunAsync("user", "add", "ana");
        Assert.NotEqual(0, result.Code);
        Assert.Contains("--role", result.Error);
    }

    [Fact]
    public async Task Reset_password_prints_the_new_one()
    {
        await RunAsync("user", "add", "ana", "--role", "Recepcion", "--password", "Segura123");
        var result = await RunAsync("user", "reset-password", "ana");
        Assert.Equal(0, result.Code);
        Assert.Contains("Contraseña de 'ana' restablecida.", result.Output);
        Assert.Contains("Contraseña generada: ", result.Output);
    }

    [Fact]
    public async Task Backup_writes_a_copy_and_refuses_to_overwrite()
    {
        var file = Path.Combine(Folder, "copia.db");
        var first = await RunAsync("backup", file);
        Assert.Equal(0, first.Code);
        Assert.Contains("Respaldo escrito en", first.Output);
        Assert.True(new FileInfo(file).Length > 0);

        var second = await RunAsync("backup", file);
        Assert.Equal(1, second.Code);
        Assert.Contains("ya existe", second.Error);
    }

    [Fact]
    public async Task Help_lists_the_verbs_and_the_role_keys()
    {
        var root = await RunAsync("--help");
        Assert.Equal(0, root.Code);
        Assert.Contains("user", root.Output);
        Assert.Contains("backup", root.Output);
        var add = await RunAsync("user", "add", "--help");
        foreach (var role in Roles.All) Assert.Contains(role.Key, add.Output);
    }

    [Fact]
    public void Only_no_arguments_or_the_hosts_own_switches_start_the_server()
    {
        Assert.True(VentanillaCli.Handles(["user", "add"]));
        Assert.True(VentanillaCli.Handles(["--help"]));
        Assert.True(VentanillaCli.Handles(["imprt", "control.csv"]));
        Assert.False(VentanillaCli.Handles([]));
        Assert.False(VentanillaCli.Handles(["--urls", "http://0.0.0.0:5000"]));
        Assert.False(VentanillaCli.Handles(["--Backup:Hour=3"]));
        Assert.False(VentanillaCli.Handles(["/environment", "Production"]));
        Assert.False(VentanillaCli.Handles(["Backup:Hour=3"]));
    }

    [Fact]
    public async Task The_verbs_are_listed_once_and_each_builds_the_command_of_its_name()
    {
        var help = await RunAsync("--help");

        foreach (var (name, _) in VentanillaCli.Verbs) Assert.Contains($"  {name}", help.Output);
    }

    [Fact]
    public async Task A_mistyped_verb_is_told_with_the_closest_one_and_starts_nothing()
    {
        var folder = TestApp.NewFolder();
        try
        {
            var run = await AppProcess.RunAsync(["imprt", "control.csv"], AppProcess.On(folder), timeout: TimeSpan.FromSeconds(60));

            Assert.Equal(1, run.ExitCode);
            Assert.Equal("Error: verbo desconocido «imprt». ¿Quiso decir «import»? Los verbos son: user, backup, restore, cert, deadline, calendar, " +
                "export, import, demo, migrate-to-postgres, access-log, padron, token. Sin verbo se inicia la aplicación web; «--help» explica cada verbo.", run.Output.Trim());
            Assert.False(File.Exists(Path.Combine(folder, "ventanilla.db")));
            Assert.Equal("Error: verbo desconocido «servidor». Los verbos son: user, backup, restore, cert, deadline, calendar, export, import, demo, " +
                "migrate-to-postgres, access-log, padron, token. Sin verbo se inicia la aplicación web; «--help» explica cada verbo.", VentanillaCli.UnknownVerb("servidor"));
            // A verb in capitals is still the verb.
            Assert.Equal(0, (await RunAsync("DEADLINE", "2026-11-13")).Code);
        }
        finally
        {
            TestApp.TryDelete(folder);
        }
    }

    private async Task<TestAppHandle> OpenAsync()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { Args = [] });
        foreach (var (key, value) in TestApp.Settings(Folder)) builder.Configuration[key] = value;
        builder.AddVentanilla();
        var app = builder.Build();
        await DatabaseInitializer.InitializeAsync(app.Services);
        return new TestAppHandle(app);
    }

    private sealed class TestAppHandle(Microsoft.AspNetCore.Builder.WebApplication app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}

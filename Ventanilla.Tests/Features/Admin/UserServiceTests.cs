using Ventanilla.Features.Shared;
using Microsoft.AspNetCore.Identity;

using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
namespace Ventanilla.Tests.Features.Admin;

public class UserServiceTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private UserService Users => _app.Get<UserService>();

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Creates_a_user_with_roles_and_areas_and_a_generated_password_that_signs_in()
    {
        var created = await Users.CreateAsync(Actor.System, new UserInput("lucia", "Lucía Pérez", ["Área", "recepcion"], ["padron de usuarios", "JURÍDICO"]));

        Assert.NotNull(created.GeneratedPassword);
        var summary = Assert.Single(await Users.ListAsync(), u => u.UserName == "lucia");
        Assert.Equal("Lucía Pérez", summary.FullName);
        Assert.Equal([Roles.Area, Roles.Recepcion], summary.Roles);
        Assert.Equal(["Jurídico", "Padrón de Usuarios"], summary.AreaNames);

        using var scope = _app.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await manager.FindByNameAsync("lucia");
        Assert.True(await manager.CheckPasswordAsync(user!, created.GeneratedPassword!));
    }

    [Fact]
    public async Task Refuses_a_duplicate_user_name()
    {
        await Users.CreateAsync(Actor.System, new UserInput("pedro", "", [Roles.Recepcion], [], "Segura123"));
        var ex = await Assert.ThrowsAsync<RuleException>(() => Users.CreateAsync(Actor.System, new UserInput("pedro", "", [Roles.Pantalla], [], "Segura123")));
        Assert.Contains("Ya existe un usuario con el nombre 'pedro'", ex.Message);
    }

    [Fact]
    public async Task Refuses_an_unknown_role_and_lists_the_valid_ones()
    {
        var ex = await Assert.ThrowsAsync<RuleException>(() => Users.CreateAsync(Actor.System, new UserInput("x", "", ["Gerente"], [])));
        Assert.Contains("Rol desconocido: 'Gerente'", ex.Message);
        Assert.Contains("AtencionUsuarios", ex.Message);
        Assert.Empty(await Users.ListAsync());
    }

    [Fact]
    public async Task Refuses_an_unknown_area_and_an_area_user_without_areas()
    {
        var unknown = await Assert.ThrowsAsync<RuleException>(() => Users.CreateAsync(Actor.System, new UserInput("x", "", [Roles.Area], ["Bodega"])));
        Assert.Contains("Área desconocida o inactiva: 'Bodega'", unknown.Message);
        var none = await Assert.ThrowsAsync<RuleException>(() => Users.CreateAsync(Actor.System, new UserInput("x", "", [Roles.Area], [])));
        Assert.Contains("debe pertenecer al menos a un área", none.Message);
    }

    [Fact]
    public async Task A_weak_password_is_refused_in_Spanish_and_nothing_is_written()
    {
        var ex = await Assert.ThrowsAsync<RuleException>(() => Users.CreateAsync(Actor.System, new UserInput("debil", "", [Roles.Recepcion], [], "abc")));
        Assert.Contains("al menos 8 caracteres", ex.Message);
        Assert.Contains("mayúscula", ex.Message);
        await using var db = _app.CreateDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "debil"));
    }

    [Fact]
    public async Task First_administrator_needs_the_setup_code_and_then_the_code_is_retired()
    {
        var code = _app.Get<SetupCode>().Issue();
        var wrong = await Assert.ThrowsAsync<RuleException>(() => Users.CreateFirstAdministratorAsync("0000-0000", "admin", "Admin", "Segura123"));
        Assert.Contains("código de configuración no es correcto", wrong.Message);
        Assert.False(await Users.HasAdministratorAsync());

        await Users.CreateFirstAdministratorAsync($" {code} ", "admin", "Admin", "Segura123");

        Assert.True(await Users.HasAdministratorAsync());
        Assert.Null(_app.Get<SetupCode>().Current);
        var again = await Assert.ThrowsAsync<RuleException>(() => Users.CreateFirstAdministratorAsync(code, "otro", "", "Segura123"));
        Assert.Contains("ya tiene un administrador", again.Message);
    }

    [Fact]
    public async Task Reset_password_sets_a_new_one_and_lifts_the_lockout()
    {
        await Users.CreateAsync(Actor.System, new UserInput("ana", "", [Roles.AtencionUsuarios], [], "Segura123"));
        using (var scope = _app.Services.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await manager.FindByNameAsync("ana");
            await manager.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue);
        }
        Assert.True(Assert.Single(await Users.ListAsync()).IsLockedOut);

        var password = await Users.ResetPasswordAsync(Actor.System, "ana");

        var summary = Assert.Single(await Users.ListAsync());
        Assert.False(summary.IsLockedOut);
        using var check = _app.Services.CreateScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("ana"))!, password));
    }

    [Fact]
    public async Task Reset_password_of_an_unknown_user_says_so()
    {
        var ex = await Assert.ThrowsAsync<RuleException>(() => Users.ResetPasswordAsync(Actor.System, "nadie"));
        Assert.Equal("No existe el usuario 'nadie'.", ex.Message);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_deactivated_or_demoted()
    {
        var admin = await Users.CreateAsync(Actor.System, new UserInput("admin", "", [Roles.Administrador], [], "Segura123"));
        var clerk = await Users.CreateAsync(Actor.System, new UserInput("clerk", "", [Roles.Administrador], [], "Segura123"));

        var acting = await _app.Get<Actors>().ForUserAsync(admin.Id);
        var self = await Assert.ThrowsAsync<RuleException>(() => Users.SetActiveAsync(acting, admin.Id, false));
        Assert.Contains("propia cuenta", self.Message);

        await Users.SetActiveAsync(await _app.Get<Actors>().ForUserAsync(admin.Id), clerk.Id, false);
        var last = await Assert.ThrowsAsync<RuleException>(() => Users.UpdateAsync(Actor.System, admin.Id, "", [Roles.Recepcion], []));
        Assert.Contains("al menos un administrador activo", last.Message);
        Assert.Contains(Roles.Administrador, (await Users.ListAsync()).Single(u => u.UserName == "admin").Roles);
    }

    [Fact]
    public async Task Update_replaces_roles_and_areas_in_one_go()
    {
        var created = await Users.CreateAsync(Actor.System, new UserInput("enlace", "", [Roles.Area], ["Operación"], "Segura123"));
        await Users.UpdateAsync(Actor.System, created.Id, "Enlace de Jurídico", [Roles.Area, Roles.AtencionUsuarios], ["Jurídico"]);
        var summary = Assert.Single(await Users.ListAsync());
        Assert.Equal("Enlace de Jurídico", summary.FullName);
        Assert.Equal([Roles.Area, Roles.AtencionUsuarios], summary.Roles);
        Assert.Equal(["Jurídico"], summary.AreaNames);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in()
    {
        var admin = await Users.CreateAsync(Actor.System, new UserInput("admin", "", [Roles.Administrador], [], "Segura123"));
        var clerk = await Users.CreateAsync(Actor.System, new UserInput("clerk", "", [Roles.AtencionUsuarios], [], "Segura123"));
        await Users.SetActiveAsync(await _app.Get<Actors>().ForUserAsync(admin.Id), clerk.Id, false);

        using var scope = _app.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync("clerk");
        Assert.False(await signIn.CanSignInAsync(user!));
    }

    [Fact]
    public async Task A_bad_user_name_is_reported_as_the_user_names_problem_not_the_passwords()
    {
        var error = await Assert.ThrowsAsync<RuleException>(() => _app.Get<UserService>().CreateAsync(Actor.System,
            new UserInput("ana maría", "Ana María", [Roles.AtencionUsuarios], [], "Segura123")));

        Assert.StartsWith("Nombre de usuario: El nombre de usuario 'ana maría' no es válido", error.Message);
        Assert.DoesNotContain("Contraseña", error.Message);
    }

    [Fact]
    public void Generated_passwords_meet_the_policy()
    {
        for (var i = 0; i < 200; i++)
        {
            var p = UserService.GeneratePassword();
            Assert.Equal(14, p.Length);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.DoesNotContain(p, c => "0O1lI".Contains(c));
        }
    }
}

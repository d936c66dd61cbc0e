namespace Ventanilla.Tests.Features.Shared;

public class TextFoldTests
{
    [Theory]
    [InlineData("  Padrón de   Usuarios ", "padron de usuarios")]
    [InlineData("ÁREA TURNADA", "area turnada")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fold_removes_case_accents_and_extra_spaces(string? input, string expected)
        => Assert.Equal(expected, TextFold.Fold(input));

    [Theory]
    [InlineData("No. de Folio", "nodefolio")]
    [InlineData("¿Tercero?", "tercero")]
    [InlineData("Número de cuenta", "numerodecuenta")]
    public void Key_keeps_only_letters_and_digits(string input, string expected)
        => Assert.Equal(expected, TextFold.Key(input));

    [Theory]
    [InlineData("Recepción", Roles.Recepcion)]
    [InlineData("recepcion", Roles.Recepcion)]
    [InlineData("ATENCIONUSUARIOS", Roles.AtencionUsuarios)]
    [InlineData("Atención a Usuarios", Roles.AtencionUsuarios)]
    [InlineData("área", Roles.Area)]
    [InlineData("oficialiapartes", Roles.OficialiaPartes)]
    [InlineData("Dirección Comercial", Roles.DireccionComercial)]
    public void Roles_match_ignoring_case_and_accents(string typed, string key) => Assert.Equal(key, Roles.Match(typed));

    [Theory]
    [InlineData("Gerente")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_roles_do_not_match(string? typed) => Assert.Null(Roles.Match(typed));
}

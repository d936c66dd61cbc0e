using Ventanilla.Features.Import;

namespace Ventanilla.Tests.Features.Import;

public class LegacyValuesTests
{
    [Theory]
    [InlineData("05/03/2024", "2024-03-05", null)]
    [InlineData("5/3/2024", "2024-03-05", null)]
    [InlineData("05/03/24", "2024-03-05", null)]
    [InlineData("2024-03-05", "2024-03-05", null)]
    [InlineData("05/03/2024 17:30", "2024-03-05", "17:30")]
    [InlineData("2024-03-05 09:05:40", "2024-03-05", "09:05:40")]
    [InlineData(" 31/12/2025 ", "2025-12-31", null)]
    public void Dates_in_every_format_the_offices_use(string text, string expected, string? time)
    {
        Assert.True(LegacyValues.TryDate(text, out var date, out var at));
        Assert.Equal(DateOnly.Parse(expected), date);
        Assert.Equal(time is null ? null : TimeOnly.Parse(time), at);
    }

    [Theory]
    [InlineData("31/02/2024")]
    [InlineData("2024-13-01")]
    [InlineData("03/05/2024 25:00")]
    [InlineData("ayer")]
    [InlineData("05-03-2024")]
    public void Impossible_or_unknown_dates_are_refused(string text) => Assert.False(LegacyValues.TryDate(text, out _, out _));

    [Theory]
    [InlineData("Sí", true)]
    [InlineData("SI", true)]
    [InlineData("s", true)]
    [InlineData("X", true)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("No", false)]
    [InlineData("N", false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("FALSE", false)]
    [InlineData("Quizá", null)]
    public void Yes_and_no(string text, bool? expected) => Assert.Equal(expected, LegacyValues.YesNo(text));

    [Theory]
    [InlineData("En trámite", true, PetitionStatus.Turnada)]
    [InlineData("PENDIENTE", false, PetitionStatus.Registrada)]
    [InlineData("Turnado", true, PetitionStatus.Turnada)]
    [InlineData("en proceso", false, PetitionStatus.Registrada)]
    [InlineData("Concluido", true, PetitionStatus.Cerrada)]
    [InlineData("Atendido", false, PetitionStatus.Cerrada)]
    [InlineData("Contestado", false, PetitionStatus.Cerrada)]
    [InlineData("Cerrado", false, PetitionStatus.Cerrada)]
    [InlineData("Entregado", false, PetitionStatus.Cerrada)]
    [InlineData("Cancelado", false, PetitionStatus.Cancelada)]
    [InlineData("Sin acreditación", false, PetitionStatus.CerradaSinAcreditacion)]
    [InlineData("No acreditó", false, PetitionStatus.CerradaSinAcreditacion)]
    [InlineData("Esperando al usuario", false, PetitionStatus.EsperandoUsuario)]
    [InlineData("En revisión", false, PetitionStatus.EnRevision)]
    [InlineData("Entregada", false, PetitionStatus.Entregada)]
    [InlineData("Cerrada sin acreditación", false, PetitionStatus.CerradaSinAcreditacion)]
    [InlineData("Archivado", false, null)]
    public void Statuses_of_the_old_spreadsheets_and_of_the_export(string text, bool hasAreas, PetitionStatus? expected)
        => Assert.Equal(expected, LegacyValues.Status(text, hasAreas));

    [Fact]
    public void Areas_are_separated_by_comma_semicolon_slash_or_bar()
        => Assert.Equal(["Jurídico", "Operación", "Padrón", "Facturación"], LegacyValues.Areas(" Jurídico, Operación;Padrón / Facturación |  "));

    [Theory]
    [InlineData("No. de Folio", ImportField.Folio)]
    [InlineData("NÚMERO DE FOLIO", ImportField.Folio)]
    [InlineData("Fecha de ingreso", ImportField.FechaRecepcion)]
    [InlineData("Peticionario", ImportField.Solicitante)]
    [InlineData("¿Tercero?", ImportField.EsTercero)]
    [InlineData("Contrato", ImportField.NumeroCuenta)]
    [InlineData("Tel", ImportField.Telefono)]
    [InlineData("Dirección", ImportField.Domicilio)]
    [InlineData("Trámite", ImportField.TipoPeticion)]
    [InlineData("Descripción", ImportField.Asunto)]
    [InlineData("Turnado a", ImportField.AreasTurnadas)]
    [InlineData("Situación", ImportField.Estatus)]
    [InlineData("Forma de ingreso", ImportField.Canal)]
    [InlineData("Fecha de contestación", ImportField.FechaRespuesta)]
    [InlineData("Cierre", ImportField.FechaCierre)]
    [InlineData("Comentarios", ImportField.Observaciones)]
    [InlineData("FechaLimiteAcreditacion", ImportField.FechaLimiteAcreditacion)]
    [InlineData("Semaforo", ImportField.Semaforo)]
    [InlineData("Color favorito", null)]
    public void Headers_are_matched_by_alias_ignoring_case_accents_and_punctuation(string header, ImportField? expected)
        => Assert.Equal(expected, ImportColumns.Match(header));
}

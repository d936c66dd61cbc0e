using System.Text;

namespace Ventanilla.Tests.Features.Shared;

public class CsvFilesTests
{
    [Theory]
    [InlineData("Agua", "Agua")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+52 55 1234", "'+52 55 1234")]
    [InlineData("-1+A1", "'-1+A1")]
    [InlineData("-A1", "'-A1")]
    // A plain number is a number to Excel, never a formula: days overdue stay «-6».
    [InlineData("-6", "-6")]
    [InlineData("+3", "+3")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("@SUMA(A1)", "'@SUMA(A1)")]
    [InlineData("Pérez, Juan", "\"Pérez, Juan\"")]
    [InlineData("dos\nrenglones", "\"dos\nrenglones\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData(null, "")]
    public void Cells_are_quoted_and_formulas_defused(string? value, string expected)
        => Assert.Equal(expected, CsvFiles.Cell(value));

    [Fact]
    public async Task Files_start_with_the_BOM_and_use_CRLF()
    {
        var bytes = await CsvFiles.ToBytesAsync(["Fecha", "Descripción"], [["2026-12-07", "Aniversario"]]);
        Assert.Equal("\uFEFFFecha,Descripción\r\n2026-12-07,Aniversario\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Reading_detects_the_delimiter_and_keeps_line_numbers()
    {
        var records = CsvFiles.Read("Fecha;Descripcion\n\n2026-12-07;\"Uno; dos\"\n2026-12-08;Tres\n");
        Assert.Equal([1, 3, 4], records.Select(r => r.Line));
        Assert.Equal(["2026-12-07", "Uno; dos"], records[1].Fields);
    }

    [Fact]
    public void Strict_UTF8_names_the_first_bad_line()
    {
        var bytes = Encoding.UTF8.GetBytes("a\nb\n").Concat(new byte[] { 0x44, 0xED, 0x61, 0x0A }).ToArray();
        var error = Assert.Throws<RuleException>(() => CsvFiles.DecodeUtf8(bytes));
        Assert.StartsWith("Línea 3:", error.Message);
    }
}

using System.Text;
using Ventanilla.Features.Import;

namespace Ventanilla.Tests.Reliability;

/// <summary>
/// A file with one quote never closed must not be read as one huge row: the check names the line where the quote
/// opened, counts the rows the file really has, and nothing is imported. Every field has the form's limit.
/// </summary>
public class ImportQuotingTests : AppServiceTest
{
    private const string Header = "Folio,Fecha de recepción,Solicitante,Asunto,Estatus,Observaciones";

    private string Write(string content)
    {
        var path = Path.Combine(App.Folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static string Rows(int count, int first = 1)
        => string.Concat(Enumerable.Range(first, count).Select(i => $"GAU-2024-{i:00000},03/02/2024,Persona {Letters(i)},Aclaración,Concluido,\n"));

    private static string Letters(int i) => new([.. i.ToString().Select(d => (char)('a' + d - '0'))]);

    private Task<ImportReport> CheckAsync(string path, bool dryRun = true)
        => App.Get<LegacyImport>().RunAsync(() => File.OpenRead(path), "archivo.csv", new ImportOptions(DryRun: dryRun));

    private async Task<int> PetitionsAsync()
    {
        await using var db = App.CreateDb();
        return await db.Petitions.CountAsync();
    }

    [Fact]
    public async Task An_unclosed_quote_on_line_2_of_a_5002_line_file_is_an_error_at_line_2_not_one_giant_row()
    {
        var path = Write(Header + "\n" + "GAU-2024-00001,03/02/2024,\"Persona sin cierre,Aclaración,Concluido,\n" + Rows(5_000, 2));

        var check = await CheckAsync(path);

        Assert.False(check.IsValid);
        var error = Assert.Single(check.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("comillas", error.Reason);
        Assert.Contains("no se cierran", error.Reason);
        var import = await CheckAsync(path, dryRun: false);
        Assert.False(import.Written);
        Assert.Equal(0, await PetitionsAsync());
    }

    [Fact]
    public async Task A_quote_that_swallows_a_few_rows_is_caught_by_their_shape_and_names_its_line()
    {
        // Line 4 opens a quote in Observaciones that closes only at line 8: four rows would vanish into one note.
        var rows = Rows(2) + "GAU-2024-00003,03/02/2024,Persona c,Aclaración,Concluido,\"Nota sin cierre\n" + Rows(4, 4).TrimEnd('\n') + "\"\n" + Rows(2, 8);
        var path = Write(Header + "\n" + rows);

        var check = await CheckAsync(path);

        var error = Assert.Single(check.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("abiertas en la línea 4", error.Reason);
        Assert.Contains("con la forma de una fila entera", error.Reason);
    }

    [Fact]
    public async Task Legitimate_multi_line_notes_are_kept_and_the_row_count_is_the_files_records()
    {
        var note = "\"Primera línea, con coma\nsegunda línea\ntercera \"\"entre comillas\"\"\"";
        var path = Write(Header + "\n" + Rows(3) + $"GAU-2024-00004,03/02/2024,Persona d,Aclaración,Concluido,{note}\n" + Rows(2, 5));

        var check = await CheckAsync(path);

        Assert.True(check.IsValid, check.ToText());
        Assert.Equal((6, 6), (check.RowsRead, check.ToAdd));
        var import = await CheckAsync(path, dryRun: false);
        Assert.True(import.Written);
        await using var db = App.CreateDb();
        Assert.Equal("Primera línea, con coma\nsegunda línea\ntercera \"entre comillas\"", (await db.Petitions.SingleAsync(p => p.Folio == "GAU-2024-00004")).Notes);
    }

    [Theory]
    [InlineData("Solicitante", 2, PetitionLimits.Petitioner)]
    [InlineData("Asunto", 3, PetitionLimits.Subject)]
    [InlineData("Observaciones", 5, PetitionLimits.Notes)]
    public async Task Every_field_has_the_forms_limit(string label, int column, int max)
    {
        string Row(int length)
        {
            var cells = new[] { "GAU-2024-00001", "03/02/2024", "Persona a", "Aclaración", "Concluido", "" };
            cells[column] = new string('x', length);
            return string.Join(',', cells);
        }

        var atLimit = await CheckAsync(Write(Header + "\n" + Row(max) + "\n"));
        var over = await CheckAsync(Write(Header + "\n" + Row(max + 1) + "\n"));

        Assert.True(atLimit.IsValid, atLimit.ToText());
        var error = Assert.Single(over.Errors);
        Assert.StartsWith($"{label}: tiene {max + 1:N0} caracteres; admite a lo más {max:N0}", error.Reason);
    }
}

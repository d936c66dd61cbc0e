using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Ventanilla.Features.Import;
using Ventanilla.Features.Import.Pages;

namespace Ventanilla.Tests.Components.Import;

public class ImportPageTests() : AppPageTest(Roles.Administrador)
{
    private IRenderedComponent<ImportPage> Upload(string name, string content)
    {
        var page = RenderPage<ImportPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(content, name));
        return page;
    }

    [Fact]
    public async Task A_file_is_checked_shown_as_mapped_and_then_imported()
    {
        var page = Upload("control.csv", "No. de Folio;Fecha de ingreso;Peticionario;Situación;Turnado a\nGAU-2024-00001;05/03/2024;Begoña Núñez;Concluido;Operación\nGAU-2024-00002;06/03/2024;Luis Gil;En trámite;Cultura del Agua\n");

        page.WaitForAssertion(() => Assert.Contains("Por importar: 2", page.Find("[data-testid=to-add]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("UTF-8, separado por punto y coma", page.Find("[data-testid=file-name]").TextContent);
        Assert.Equal(5, page.FindAll("[data-testid=mapping] tr[data-header]").Count);
        Assert.Contains("Begoña Núñez", page.Find("[data-testid=preview]").TextContent);
        Assert.Contains("Cultura del Agua", page.Find("[data-testid=new-areas]").TextContent);
        await using (var db = App.CreateDb()) Assert.Equal(0, await db.Petitions.CountAsync());

        page.Find("[data-testid=import]").Click();
        page.WaitForAssertion(() => Assert.Contains("Se importaron 2 peticiones de control.csv", page.Find("[data-testid=import-result]").TextContent), TimeSpan.FromSeconds(10));
        await using (var db = App.CreateDb()) Assert.Equal(2, await db.Petitions.CountAsync());
        // The history keeps the check and the import, each with its report.
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=history] tr[data-run]").Count));
        Assert.Equal(["Importado", "Válido"], page.FindAll("[data-testid=run-result]").Select(c => c.TextContent));
    }

    [Fact]
    public async Task Errors_are_listed_by_line_and_the_import_button_stays_off()
    {
        var page = Upload("malo.csv", "Folio,Fecha,Nombre\nA-1,31/02/2024,Ana\nA-2,01/03/2024,\n");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=errors] tr[data-line]").Count), TimeSpan.FromSeconds(10));
        Assert.Equal(["2", "3"], page.FindAll("[data-testid=errors] tr[data-line]").Select(r => r.GetAttribute("data-line")));
        Assert.Contains("«31/02/2024» no es una fecha válida", page.Find("[data-testid=errors]").TextContent);
        Assert.True(page.Find("[data-testid=import]").HasAttribute("disabled"));
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.Petitions.CountAsync());
    }

    [Fact]
    public void Missing_columns_count_as_errors_and_the_page_speaks_of_fields_by_their_Spanish_names()
    {
        var page = Upload("sin-fecha.csv", "Folio,Nombre,Tercero\nA-1,Ana,No\n");

        page.WaitForAssertion(() => Assert.Contains("Falta la columna obligatoria Fecha de recepción", page.Find("[data-testid=file-error]").TextContent), TimeSpan.FromSeconds(10));
        var errors = page.Find("[data-testid=error-count]");
        Assert.Equal("Errores: 1", errors.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", errors.ClassList);
        Assert.Equal("Es tercero", page.Find("tr[data-header=Tercero] input").GetAttribute("value"));
        // Internal names appear only where they are header names a file may use (Ventanilla's own export's).
        Assert.DoesNotContain("EsTercero", page.Markup);
    }

    [Fact]
    public void The_import_button_counts_its_petitions_in_good_Spanish()
    {
        var page = Upload("una.csv", "Folio,Fecha,Nombre\nA-1,01/03/2024,Ana\n");

        page.WaitForAssertion(() => Assert.Contains("Importar 1 petición", page.Find("[data-testid=import]").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_unrecognised_header_is_mapped_by_hand_and_the_file_checked_again()
    {
        var page = Upload("expedientes.csv", "Expediente,Fecha,Nombre\nEXP-9,01/03/2024,Ana\n");
        page.WaitForAssertion(() => Assert.Contains("Falta la columna obligatoria Folio", page.Find("[data-testid=file-error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("unmapped", page.Find("tr[data-header=Expediente]").ClassList);

        var select = page.FindComponents<MudSelect<ImportField?>>()[0];
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(ImportField.Folio));
        page.Find("[data-testid=recheck]").Click();

        page.WaitForAssertion(() => Assert.Contains("Por importar: 1", page.Find("[data-testid=to-add]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=file-error]"));
        page.Find("[data-testid=import]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=import-result]")), TimeSpan.FromSeconds(10));
        await using var db = App.CreateDb();
        Assert.Equal("EXP-9", (await db.Petitions.SingleAsync()).Folio);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_the_limit()
    {
        var page = RenderPage<ImportPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[51 * 1024 * 1024], "enorme.csv"));
        page.WaitForAssertion(() => Assert.Contains("el límite es 50 MB", page.Find("[data-testid=import-error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=review]"));
    }
}

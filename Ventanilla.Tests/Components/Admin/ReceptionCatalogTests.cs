using Ventanilla.Features.Admin.Pages;

namespace Ventanilla.Tests.Components.Admin;

public class ReceptionCatalogTests() : AppPageTest(Roles.Administrador)
{
    [Fact]
    public void A_category_is_added_and_a_repeated_letter_is_refused()
    {
        var editor = RenderPage<CategoryEditor>();
        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-category-row=nueva]")));
        editor.Find("[data-category-row=nueva] input[data-testid=category-letter]").Change("f");
        editor.Find("[data-category-row=nueva] input[data-testid=category-name]").Change("Factibilidades");
        editor.Find("[data-category-row=nueva] [data-testid=category-save]").Click();
        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-category-row=F]")));

        editor.Find("[data-category-row=nueva] input[data-testid=category-letter]").Change("A");
        editor.Find("[data-category-row=nueva] input[data-testid=category-name]").Change("Otra");
        editor.Find("[data-category-row=nueva] [data-testid=category-save]").Click();
        editor.WaitForAssertion(() => Assert.Equal("Letra: ya hay otra categoría con la letra A.", editor.Find("[data-testid=category-error]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_desk_is_added_serving_the_chosen_categories()
    {
        var editor = RenderPage<DeskEditor>();
        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-desk-row=nuevo]")));
        editor.Find("[data-desk-row=nuevo] input[data-desk-category=A]").Change(false);
        editor.Find("[data-desk-row=nuevo] [data-testid=desk-save]").Click();
        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-desk-row='4']")));

        var desk = (await App.Get<ReceptionCatalogService>().ListDesksAsync()).Single(d => d.Number == 4);
        Assert.Equal("Módulo 4", desk.Name);
        Assert.Equal(4, desk.CategoryIds.Count);
    }
}

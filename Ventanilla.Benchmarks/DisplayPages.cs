using Microsoft.Playwright;

namespace Ventanilla.Benchmarks;

/// <summary>What the display benchmarks share: many TV pages of one signed-in browser.</summary>
internal static class DisplayPages
{
    /// <summary>
    /// Signs the TV account ("tv") in once for the context, then opens <paramref name="count"/> pages on
    /// <paramref name="path"/>, each live (its circuit up) and running <paramref name="observer"/>.
    /// </summary>
    public static async Task<List<IPage>> OpenAsync(IBrowserContext context, AppServer server, string path, int count, string observer, bool signIn = true)
    {
        context.SetDefaultTimeout(30_000);
        return signIn ? await SignInAndOpenAsync(context, server, path, count, observer) : await OpenSignedInAsync(context, path, count, observer);
    }

    private static async Task<List<IPage>> SignInAndOpenAsync(IBrowserContext context, AppServer server, string path, int count, string observer)
    {
        var login = await context.NewPageAsync();
        await login.GotoAsync("Account/Login");
        await login.Locator("[id='Input.UserName']").FillAsync("tv");
        await login.Locator("[id='Input.Password']").FillAsync("Segura123");
        await login.Locator("[data-testid=login-submit]").ClickAsync();
        await login.WaitForURLAsync(server.BaseUrl);
        await login.CloseAsync();
        return await OpenSignedInAsync(context, path, count, observer);
    }

    private static async Task<List<IPage>> OpenSignedInAsync(IBrowserContext context, string path, int count, string observer)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.EvaluateAsync(observer);
            pages.Add(page);
        }
        return pages;
    }
}

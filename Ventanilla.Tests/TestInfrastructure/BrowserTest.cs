using Microsoft.Playwright;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>Helpers for tests that use the app as a person would: pages, sign-in, waiting for the live circuit.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>
    /// Reaching an address: when it is committed (what a test checks next, it waits for itself), within the wait a person
    /// gives a page after saving on a loaded two-core CI run (a full «load» of a freshly registered petition's page once
    /// outlasted 15 s there, with the address already reached).
    /// </summary>
    protected static readonly PageWaitForURLOptions UrlWait = new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit };

    private static readonly PageWaitForURLOptions FirstSignInWait = new() { Timeout = 15_000, WaitUntil = WaitUntilState.Commit };

    private readonly List<IBrowserContext> _contexts = [];

    protected async Task<IPage> NewPageAsync(AppServer server)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, Locale = "es-MX" });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A browser on the server's HTTPS address that accepts its certificate, as a tablet that installed the office's local
    /// authority does (Chromium here cannot be given that authority).
    /// </summary>
    protected async Task<IPage> NewHttpsPageAsync(AppServer server)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.HttpsUrl, Locale = "es-MX", IgnoreHTTPSErrors = true });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A citizen's phone: 390 × 844, touch, its own cookies; nobody signed in.</summary>
    protected async Task<IPage> NewPhoneAsync(AppServer server)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, Locale = "es-MX", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Whether anything on the page is wider than the screen (a phone would scroll sideways).</summary>
    protected static Task<bool> OverflowsSidewaysAsync(IPage page)
        => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Closes every browser the test opened. Left open, a page whose server has gone keeps trying to reconnect
    /// (as a real TV should) and the abandoned pages slow down every later test.
    /// </summary>
    public virtual async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            try
            {
                await context.CloseAsync().WaitAsync(CloseTimeout);
            }
            catch (TimeoutException)
            {
                // Chromium once never answered a context close (a page signed out mid-navigation, CI under load), and the
                // whole run waited on it for good: the next tests get a new browser instead.
                await browser.RelaunchAsync();
                break;
            }
        }
        _contexts.Clear();
    }

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A new browser (own cookies and storage) signed in as the user, on <paramref name="path"/>, live.</summary>
    protected async Task<IPage> OpenSignedInAsync(AppServer server, string userName, string path, string? localStorageScript = null)
    {
        var page = await NewPageAsync(server);
        if (localStorageScript is not null) await page.Context.AddInitScriptAsync(localStorageScript);
        var login = $"Account/Login?ReturnUrl=%2F{Uri.EscapeDataString(path)}";
        await SignInAsync(page, userName, "Segura123", login);
        try
        {
            await page.WaitForURLAsync($"**/{path}", FirstSignInWait);
        }
        catch (TimeoutException)
        {
            // Still on the sign-in page: a refusal says so (and fails here, with its words); without one the click was
            // lost while the page was still loading its scripts (seen under CI load), and a person clicks again.
            var said = await page.Locator("[data-testid=status-message]").AllInnerTextsAsync();
            if (said.Count > 0) throw new Xunit.Sdk.XunitException($"«{userName}» no pudo iniciar sesión: {said[0]}");
            await SignInAsync(page, userName, "Segura123", login);
            await page.WaitForURLAsync($"**/{path}", UrlWait);
        }
        await WaitForInteractiveAsync(page);
        return page;
    }

    protected static async Task SignInAsync(IPage page, string userName, string password, string path = "Account/Login")
    {
        await page.GotoAsync(path);
        await page.Locator("[id='Input.UserName']").FillAsync(userName);
        await page.Locator("[id='Input.Password']").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
    }

    /// <summary>Waits until the interactive circuit has rendered, so clicks reach the server.</summary>
    protected static Task WaitForInteractiveAsync(IPage page)
        => page.Locator("[data-interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    protected static string PathOf(IPage page) => new Uri(page.Url).PathAndQuery;

    /// <summary>
    /// Chooses an option of the MudSelect labelled <paramref name="label"/> (the first one when no option is named) as a
    /// person does, and sees it chosen. A select drawn a moment before MudBlazor has wired its popover loses that first
    /// click, so a person (and this helper) chooses again; a choice that still does not take after three tries fails
    /// here, not three steps later with a page that never moves on.
    /// </summary>
    protected static async Task ChooseAsync(IPage page, string label, string? option = null)
    {
        var select = page.Locator(".mud-input-control.mud-select:visible", new() { HasText = label }).First;
        var item = page.Locator(".mud-popover-open .mud-list-item", option is null ? null : new() { HasText = option }).First;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await select.ClickAsync();
                await item.WaitForAsync(new() { Timeout = 3000 });
                var chosen = (await item.InnerTextAsync()).Trim();
                await item.ClickAsync();
                await Microsoft.Playwright.Assertions.Expect(select.Locator("[role=combobox]")).ToHaveTextAsync(chosen, new() { Timeout = 3000 });
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is TimeoutException or PlaywrightException)
            {
                // Close a popover left open before trying again, as a person would.
                if (await page.Locator(".mud-popover-open").CountAsync() > 0) await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    /// <summary>
    /// Waits for the page to reach <paramref name="urlGlob"/>; when the page shows its error alert instead, fails with what
    /// the alert says (a bare navigation timeout would not tell why).
    /// </summary>
    protected static async Task WaitForUrlOrFailOnErrorAsync(IPage page, string urlGlob, string errorSelector)
    {
        // A write and the next page's first render on a loaded CI machine: the wait a person would give it (30 s), the
        // address read again and again (see WaitForAddressAsync).
        var reached = WaitForAddressAsync(page, urlGlob);
        var error = page.Locator(errorSelector).First;
        var shown = error.WaitForAsync(new() { Timeout = 30_000 });
        _ = shown.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        if (await Task.WhenAny(reached, shown) == shown && shown.IsCompletedSuccessfully && !reached.IsCompleted)
        {
            Assert.Fail($"La página mostró un error en lugar de ir a {urlGlob}: {await error.InnerTextAsync()}");
        }
        try
        {
            await reached;
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"La página no llegó a {urlGlob}; se quedó en {page.Url} mostrando: {await WhatThePageSaysAsync(page)}");
        }
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="urlGlob"/> (<c>**</c> for any text) by reading the address
    /// again and again: a live page that moves on by itself (the app's own navigation after saving) reached its address
    /// in a full CI run while Playwright's wait for the navigation event never returned.
    /// </summary>
    protected static Task WaitForAddressAsync(IPage page, string urlGlob, float timeout = 30_000)
        => Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(AddressPattern(urlGlob), new() { Timeout = timeout });

    private static System.Text.RegularExpressions.Regex AddressPattern(string urlGlob)
        => new("^" + string.Join(".*", urlGlob.Split("**").Select(part => System.Text.RegularExpressions.Regex.Escape(part).Replace("\\*", "[^/]*"))) + "$");

    /// <summary>The alerts, the error bar and the reconnection notice a page shows: why it did not move on.</summary>
    protected static async Task<string> WhatThePageSaysAsync(IPage page)
    {
        var alerts = await page.Locator(".mud-alert:visible, #blazor-error-ui:visible, #components-reconnect-modal:visible, .validation-message:visible")
            .AllInnerTextsAsync();
        return alerts.Count == 0 ? "(sin avisos)" : string.Join(" | ", alerts.Select(a => a.Trim()));
    }

    /// <summary>
    /// Chooses a file in a Blazor InputFile once the component has hooked the input (right after the page turns live
    /// it may not have yet, and a file chosen then is not seen), as a person choosing a file a moment later would.
    /// </summary>
    protected static async Task ChooseFileAsync(ILocator input, string path)
    {
        await input.EvaluateAsync("e => new Promise(ready => { const check = () => e._blazorInputFileNextFileId !== undefined ? ready() : setTimeout(check, 20); check(); })");
        await input.SetInputFilesAsync(path);
    }
}

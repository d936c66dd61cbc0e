using Microsoft.Playwright;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// One headless Chromium for the whole run (Debian's package: Playwright's own download does not work here).
/// When it is missing and we run as root, it is installed with apt-get; otherwise the run fails saying how
/// to install it. Browser tests are never skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(Playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

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

    /// <summary>
    /// A new Chromium for the tests still to run, when the current one stopped answering. The old one is asked to close
    /// without waiting for it; the Playwright driver ends it with the run in any case.
    /// </summary>
    public async Task RelaunchAsync()
    {
        var stuck = Browser;
        Browser = await Chromium.LaunchAsync(Playwright);
        _ = stuck.CloseAsync().ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Browser.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Ended with the driver below.
        }
        Playwright.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

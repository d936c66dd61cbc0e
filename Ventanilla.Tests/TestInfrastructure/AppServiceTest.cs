namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>A test of the app's real services over a fresh test database (see <see cref="TestApp"/>).</summary>
public abstract class AppServiceTest : IAsyncLifetime
{
    protected TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TestApp.CreateAsync(configure: Configure, postgres: OnPostgres);
        await SeedAsync();
    }

    /// <summary>True in the subclasses that run the same tests on the test PostgreSQL server.</summary>
    protected virtual bool OnPostgres => false;

    /// <summary>Settings of the test host beyond <see cref="TestApp.Settings"/>.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// <summary>Data every test of the class needs.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

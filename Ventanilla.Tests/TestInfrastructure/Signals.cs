namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>Waiting on something the code under test says happened, instead of a fixed sleep.</summary>
public static class Signals
{
    /// <summary>Polls <paramref name="condition"/> until it holds (fails after <paramref name="timeout"/>, 10 s by default).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"No ocurrió a tiempo: {what}.");
            await Task.Delay(5);
        }
    }
}

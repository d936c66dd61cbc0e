using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Data.Sqlite;
using Ventanilla.Components.Shared;

namespace Ventanilla.Tests.Components.Shared;

/// <summary>The net under every page: an unexpected failure shows a Spanish notice and the live connection stays.</summary>
public class FaultBoundaryTests : VentanillaBunitContext
{
    /// <summary>A page whose button's service call fails the first <see cref="Failures"/> times.</summary>
    private sealed class Flaky : ComponentBase
    {
        public static int Failures;
        public static Exception Error = new InvalidOperationException("defecto");
        private int clicks;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "act");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () =>
            {
                if (Failures-- > 0) throw Error;
                clicks++;
            }));
            builder.AddContent(3, $"Hecho {clicks}");
            builder.CloseElement();
        }
    }

    public FaultBoundaryTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddLogging();
    }

    [Fact]
    public void An_unexpected_error_shows_a_notice_and_trying_again_brings_the_page_back()
    {
        (Flaky.Failures, Flaky.Error) = (1, new InvalidOperationException("defecto"));
        var page = Render<FaultBoundary>(p => p.AddChildContent<Flaky>());

        page.Find("[data-testid=act]").Click();

        Assert.Contains("Ocurrió un error inesperado", page.Find("[data-testid=fault-message]").TextContent);
        Assert.DoesNotContain("defecto", page.Markup);
        page.Find("[data-testid=fault-retry]").Click();
        page.Find("[data-testid=act]").Click();
        Assert.Equal("Hecho 1", page.Find("[data-testid=act]").TextContent);
    }

    [Fact]
    public void A_storage_fault_says_what_happened_and_an_unattended_screen_tries_again_by_itself()
    {
        (Flaky.Failures, Flaky.Error) = (1, new SqliteException("database or disk is full", 13));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        Services.AddSingleton<TimeProvider>(time);
        var page = Render<FaultBoundary>(p => p.Add(b => b.Unattended, true).AddChildContent<Flaky>());

        page.Find("[data-testid=act]").Click();

        Assert.Equal(Faults.Storage(Flaky.Error), page.Find("[data-testid=fault-message]").TextContent);
        time.Advance(FaultBoundary.RetryAfter);
        page.WaitForAssertion(() => Assert.Equal("Hecho 0", page.Find("[data-testid=act]").TextContent));
    }
}

using Ventanilla.Features.Shared;

namespace Ventanilla.Tests.Features.Shared;

/// <summary>The one way a page runs what a person clicked: once at a time, its fault told in Spanish, never left busy.</summary>
public class PageActionTests
{
    [Fact]
    public async Task A_second_click_while_the_first_runs_is_dropped_and_the_button_is_free_again_afterwards()
    {
        var action = new PageAction();
        var release = new TaskCompletionSource();
        var runs = 0;
        var first = action.RunAsync(async () =>
        {
            runs++;
            await release.Task;
        });
        Assert.True(action.Busy);
        Assert.False(await action.RunAsync(() => { runs++; return Task.CompletedTask; }));
        release.SetResult();
        Assert.True(await first);
        Assert.Equal(1, runs);
        Assert.False(action.Busy);
        Assert.Null(action.Error);
    }

    [Fact]
    public async Task A_broken_rule_becomes_the_message_and_the_next_run_clears_it()
    {
        var action = new PageAction();
        Assert.False(await action.RunAsync(() => throw new RuleException("Nombre: escríbalo.")));
        Assert.Equal("Nombre: escríbalo.", action.Error);
        Assert.False(action.Busy);
        Assert.True(await action.RunAsync(() => Task.CompletedTask));
        Assert.Null(action.Error);
    }

    [Fact]
    public async Task A_defect_is_not_swallowed_but_the_page_is_not_left_busy()
    {
        var action = new PageAction();
        await Assert.ThrowsAsync<InvalidOperationException>(() => action.RunAsync(() => throw new InvalidOperationException("defecto")));
        Assert.False(action.Busy);
        Assert.Null(await PageAction.Attempt(() => Task.CompletedTask));
        Assert.Equal("Fecha: inválida.", await PageAction.Attempt(() => throw new RuleException("Fecha: inválida.")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => PageAction.Attempt(() => throw new InvalidOperationException("defecto")));
    }
}

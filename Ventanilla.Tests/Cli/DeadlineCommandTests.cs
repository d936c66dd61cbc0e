
namespace Ventanilla.Tests.Cli;

public class DeadlineCommandTests : CliTestBase
{
    [Fact]
    public async Task Prints_the_due_date_alone_on_the_last_line_and_follows_a_new_organismo_day()
    {
        var first = await RunAsync("deadline", "2026-11-13");
        Assert.Equal(0, first.Code);
        Assert.Equal("2026-12-07", first.Lines[^1]);

        await ExecuteSqlAsync("INSERT INTO NonWorkingDays (StartDate, EndDate, Description, CreatedAtUtc, Version) VALUES ('2026-12-07', '2026-12-07', 'Día del organismo', '2026-11-27 00:00:00', 1);");

        var second = await RunAsync("deadline", "2026-11-13");
        Assert.Equal("2026-12-08", second.Lines[^1]);
    }

    [Theory]
    [InlineData(new[] { "deadline", "2026-11-13 17:00" }, "2026-12-08")]
    [InlineData(new[] { "deadline", "2026-11-13", "17:00" }, "2026-12-08")]
    [InlineData(new[] { "deadline", "2026-11-13 16:59" }, "2026-12-07")]
    [InlineData(new[] { "deadline", "2026-11-13", "--days", "3" }, "2026-11-19")]
    public async Task Takes_a_time_of_day_and_a_term(string[] args, string due)
    {
        var result = await RunAsync(args);
        Assert.Equal(0, result.Code);
        Assert.Equal(due, result.Lines[^1]);
    }

    [Fact]
    public async Task Explain_lists_the_days_counted_and_skipped()
    {
        var result = await RunAsync("deadline", "2026-11-13", "--explain");
        Assert.Contains(result.Lines, l => l.Contains("2026-11-16") && l.Contains("Día de la Revolución"));
        Assert.Equal(15, result.Lines.Count(l => l.Contains(" cuenta ") && !l.Contains("no cuenta")));
        Assert.Equal("2026-12-07", result.Lines[^1]);
    }

    [Theory]
    [InlineData(new[] { "deadline", "2026-02-30" }, "no válida")]
    [InlineData(new[] { "deadline", "13/11/2026" }, "use yyyy-MM-dd")]
    [InlineData(new[] { "deadline", "2026-11-13", "--days", "0" }, "debe ser de 1 a 365 días hábiles")]
    [InlineData(new[] { "deadline", "2026-11-13", "--days", "-2" }, "debe ser de 1 a 365 días hábiles")]
    public async Task Bad_input_gets_a_Spanish_message_and_exit_code_1(string[] args, string message)
    {
        var result = await RunAsync(args);
        Assert.Equal(1, result.Code);
        Assert.Contains(message, result.Error);
    }
}

namespace Ventanilla.Tests.Features.Shared;

public class HtmlInputsTests
{
    [Theory]
    [InlineData("2026-11-26T10:00")]
    [InlineData("2026-11-26T10:00:00")]
    [InlineData("2026-11-26T10:00:00.000")]
    [InlineData(" 2026-11-26T10:00 ")]
    public void A_datetime_local_value_is_read_with_or_without_seconds(string text)
    {
        Assert.True(HtmlInputs.TryParseLocalDateTime(text, out var local));
        Assert.Equal(new DateTime(2026, 11, 26, 10, 0, 0), local);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("26/11/2026 10:00")]
    [InlineData("2026-02-30T10:00")]
    [InlineData("2026-11-26")]
    public void Anything_else_is_not_a_date_and_time(string? text) => Assert.False(HtmlInputs.TryParseLocalDateTime(text, out _));

    [Fact]
    public void The_input_is_given_minutes_only() => Assert.Equal("2026-11-26T09:05", HtmlInputs.LocalDateTime(new DateTime(2026, 11, 26, 9, 5, 42)));
}

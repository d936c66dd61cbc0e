using System.Globalization;
using Ventanilla.Features.Import;
using Ventanilla.Features.Import.Demo;
using Ventanilla.Features.Indicators;

namespace Ventanilla.Tests.Features.Indicators;

/// <summary>The indicators over the office's real-looking history: the legacy sample, imported as the demo does.</summary>
public class IndicatorsOverImportTests : AppServiceTest
{
    protected override async Task SeedAsync()
    {
        var report = await App.Get<LegacyImport>().RunAsync(() => File.OpenRead(DemoFiles.LegacySample), "muestra.csv", new ImportOptions());
        Assert.True(report.Written);
    }

    [Fact]
    public async Task Each_month_counts_what_the_file_says_was_received_and_answered_that_month()
    {
        // Read straight from the file: reception date (column 2) and response date (column 14), dd/MM/yyyy.
        var rows = CsvFiles.Read(CsvFiles.DecodeUtf8(await File.ReadAllBytesAsync(DemoFiles.LegacySample))).Skip(1).ToList();
        static DateOnly? Date(string text) => DateOnly.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var received = rows.GroupBy(r => Month(Date(r.Fields[1])!.Value)).ToDictionary(g => g.Key, g => g.Count());
        var answered = rows.Select(r => Date(r.Fields[13])).OfType<DateOnly>().GroupBy(Month).ToDictionary(g => g.Key, g => g.Count());

        var indicators = App.Get<IndicatorService>();
        var december = await indicators.GetMonthAsync(new DateOnly(2025, 12, 1));
        foreach (var month in december.Trend)
        {
            Assert.Equal(received.GetValueOrDefault(month.Month), month.Received);
            Assert.Equal(answered.GetValueOrDefault(month.Month), month.Closed);
        }
        // The month's own page agrees with its line in a later month's comparison.
        var june = await indicators.GetMonthAsync(new DateOnly(2025, 6, 1));
        Assert.Equal(december.Trend.Single(t => t.Month == new DateOnly(2025, 6, 1)).Received, june.Petitions.Received);
        Assert.Equal(june.Petitions.Received, june.ByType.Sum(t => t.Received));
        Assert.True(june.Petitions.Closed == 0 || june.Petitions.AverageDays > 0);
        Assert.Equal(june.Petitions.ClosedOnTime, june.ByType.Sum(t => t.ClosedOnTime));
    }

    private static DateOnly Month(DateOnly date) => new(date.Year, date.Month, 1);
}

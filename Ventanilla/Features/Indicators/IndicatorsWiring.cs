namespace Ventanilla.Features.Indicators;

public static class IndicatorsWiring
{
    /// <summary>The month's analysis.</summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services)
        => services.AddSingleton<IndicatorService>().AddSingleton<ClosedVisitDays>();
}

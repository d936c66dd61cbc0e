namespace Ventanilla.Features.Deadlines;

public static class DeadlinesWiring
{
    /// <summary>The business calendar and the follow-up wall board.</summary>
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddSingleton<CalendarService>();
        services.AddSingleton<FollowUpWallBoard>();
        return services;
    }
}

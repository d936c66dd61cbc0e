namespace Ventanilla.Features.Deadlines;

public static class DeadlinesWiring
{
    /// <summary>The business calendar, the follow-up wall board and the staged escalation with its in-app notices.</summary>
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddSingleton<CalendarService>();
        services.AddSingleton<FollowUpWallBoard>();
        services.AddSingleton<Escalation>();
        services.AddHostedService(sp => sp.GetRequiredService<Escalation>());
        services.AddSingleton<StaffNotices>();
        return services;
    }
}

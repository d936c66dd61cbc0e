namespace Ventanilla.Features.Citizen;

public static class CitizenWiring
{
    /// <summary>The citizen's own channel: status by folio, the turn on the phone, the survey and the e-mail notices.</summary>
    public static IServiceCollection AddCitizen(this IServiceCollection services)
    {
        services.AddSingleton<FolioLookup>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<TurnTracker>();
        services.AddSingleton<SurveyService>();
        services.AddSingleton<CitizenNotices>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<NoticeLog>();
        services.AddSingleton<NoticeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeSender>());
        return services;
    }
}

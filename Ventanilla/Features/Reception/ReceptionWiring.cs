namespace Ventanilla.Features.Reception;

public static class ReceptionWiring
{
    /// <summary>The queue, its boards, the visits' register, the reception's catalogs and the visitors as customers.</summary>
    public static IServiceCollection AddReception(this IServiceCollection services)
    {
        services.AddSingleton<QueueService>();
        services.AddSingleton<QueueBoards>();
        services.AddSingleton<CustomerService>();
        services.AddSingleton<VisitRegisterService>();
        services.AddSingleton<ReceptionCatalogService>();
        return services;
    }
}

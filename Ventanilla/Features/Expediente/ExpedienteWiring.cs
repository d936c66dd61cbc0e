namespace Ventanilla.Features.Expediente;

public static class ExpedienteWiring
{
    /// <summary>The petition's documents: where they are kept and the rules to add, open and withdraw them.</summary>
    public static IServiceCollection AddExpediente(this IServiceCollection services)
    {
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentService>();
        services.AddOptions<AttachmentOptions>().BindConfiguration("Attachments");
        return services;
    }
}

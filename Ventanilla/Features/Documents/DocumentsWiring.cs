namespace Ventanilla.Features.Documents;

public static class DocumentsWiring
{
    /// <summary>The documents of record: the response as a signed PDF, the signers' certificates, and /verificar.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration("Documentos");
        services.AddSingleton<SigningCertificates>();
        services.AddSingleton<ResponseDocuments>();
        services.AddSingleton<DocumentVerification>();
        return services;
    }
}

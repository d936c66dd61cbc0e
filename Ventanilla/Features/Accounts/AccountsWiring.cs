namespace Ventanilla.Features.Accounts;

public static class AccountsWiring
{
    /// <summary>
    /// The staff's accounts: the first administrator's setup code and the accounts service. Sign-in, sessions and
    /// their limits are wired with Identity (<c>Components/Account/IdentityWiring</c>).
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<SetupCode>();
        services.AddSingleton<UserService>();
        // Directory sign-in (off while Ldap:Url is empty) and its hourly review of the accounts it created.
        services.AddOptions<Directory.DirectoryOptions>().BindConfiguration("Ldap");
        services.AddSingleton<Directory.DirectoryClient>();
        services.AddSingleton<Directory.DirectorySignIn>();
        services.AddSingleton<Directory.DirectorySync>();
        services.AddHostedService(sp => sp.GetRequiredService<Directory.DirectorySync>());
        return services;
    }
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Serilog;
using Serilog.Extensions.Logging;

namespace Ventanilla.Features.Server;

/// <summary>
/// Running as the office's server: a Windows service or a systemd unit (each a no-op outside its service manager), logs
/// written to <c>data/logs</c> with daily rotation beside the console, and HTTPS on the local network when a certificate
/// is configured (<c>Https:Certificate</c>, <c>Https:CertificatePassword</c>): plain HTTP then redirects to HTTPS and
/// the cookies are marked Secure.
/// </summary>
public static class ServerHosting
{
    public const int DefaultRetainedLogFiles = 31;
    public const long LogFileBytes = 20 * 1024 * 1024;

    public static bool HttpsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Https:Certificate"]);

    public static WebApplicationBuilder AddServerHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddWindowsService(options => options.ServiceName = "Ventanilla");
        services.AddSystemd();

        // A provider among the others (the same filters apply: a public code never reaches the file either), made when
        // the logger factory is, so that the data folder comes from the final configuration.
        services.AddSingleton<ILoggerProvider>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            if (!configuration.GetValue("Logging:File:Enabled", true)) return new QuietLoggerProvider(new SerilogLoggerProvider(new LoggerConfiguration().CreateLogger(), dispose: true));
            var folder = Path.Combine(DatabaseLocation.DataFolder(configuration), "logs");
            var logger = new LoggerConfiguration()
                .MinimumLevel.Verbose() // the app's own Logging:LogLevel decides what is written
                .WriteTo.File(Path.Combine(folder, "ventanilla-.log"), rollingInterval: RollingInterval.Day, rollOnFileSizeLimit: true,
                    fileSizeLimitBytes: LogFileBytes, retainedFileCountLimit: Math.Max(1, configuration.GetValue("Logging:File:RetainedFiles", DefaultRetainedLogFiles)),
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
                .CreateLogger();
            return new QuietLoggerProvider(new SerilogLoggerProvider(logger, dispose: true));
        });

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var configuration = kestrel.ApplicationServices.GetRequiredService<IConfiguration>();
            if (!HttpsConfigured(configuration)) return;
            var path = Path.GetFullPath(Path.Combine(DatabaseLocation.BaseFolder(), configuration["Https:Certificate"]!));
            var certificate = ServerCertificates.Load(path, configuration["Https:CertificatePassword"]);
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
        });
        services.AddHttpsRedirection(_ => { });
        services.AddOptions<Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionOptions>().Configure<IConfiguration>((options, configuration) =>
            options.HttpsPort = configuration.GetValue<int?>("Https:Port"));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IConfiguration>((options, configuration) =>
        {
            if (HttpsConfigured(configuration)) options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.AddOptions<AntiforgeryOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (HttpsConfigured(configuration)) options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        return builder;
    }

    /// <summary>
    /// The log file must never stop the app: writes that fail (a full disk) are already dropped by Serilog, and the last
    /// flush when the app stops is dropped here, so a full disk cannot turn a clean shutdown into a crash.
    /// </summary>
    private sealed class QuietLoggerProvider(ILoggerProvider inner) : ILoggerProvider
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            catch (IOException)
            {
                // Nothing more can be written; there is nowhere to say so.
            }
        }
    }

    /// <summary>With a certificate, every plain-HTTP request is sent to the same address over HTTPS (on a host it names).</summary>
    public static WebApplication UseServerHosting(this WebApplication app)
    {
        if (HttpsConfigured(app.Configuration))
        {
            var configuration = app.Configuration;
            var path = Path.GetFullPath(Path.Combine(DatabaseLocation.BaseFolder(), configuration["Https:Certificate"]!));
            app.UseCertificateHosts(ServerCertificates.Load(path, configuration["Https:CertificatePassword"]));
            app.UseHttpsRedirection();
        }
        return app;
    }
}

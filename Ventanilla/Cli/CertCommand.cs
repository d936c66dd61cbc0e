using System.CommandLine;
using Ventanilla.Features.Server;

namespace Ventanilla.Cli;

/// <summary><c>cert create</c>: the HTTPS certificate for the office's network.</summary>
public static class CertCommand
{
    public static Command Build(CliContext cli)
    {
        var cert = new Command("cert", "Certificado HTTPS para la red de la oficina.");
        var names = new Argument<string[]>("NOMBRES")
        {
            Description = "Nombres y direcciones IP con que las tabletas abren el servidor (por ejemplo servidor-ventanilla 192.168.1.10).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var folder = new Option<string?>("--out", "-o") { Description = "Carpeta donde escribirlo (predeterminada: data/certs)." };
        var password = new Option<string?>("--password", "-p") { Description = "Contraseña del archivo .pfx; si se omite se genera y se imprime una." };
        var create = new Command("create", "Crea (o renueva) el certificado del servidor, firmado por una autoridad local que cada tableta confía una vez.")
        {
            names, folder, password,
        };
        create.SetAction((parse, ct) => cli.RunAsync(async _ =>
        {
            var target = parse.GetValue(folder) is { Length: > 0 } given
                ? Path.GetFullPath(given)
                : Path.Combine(DatabaseLocation.DataFolder(cli.Get<IConfiguration>()), "certs");
            var result = ServerCertificates.Create(target, parse.GetValue(names) ?? [], parse.GetValue(password), cli.Get<TimeProvider>().GetUtcNow());
            var output = cli.Output;
            await output.WriteLineAsync($"Certificado del servidor: {result.ServerPfx}");
            await output.WriteLineAsync($"  válido hasta el {result.NotAfter:dd/MM/yyyy} para: {string.Join(", ", result.Names)}");
            await output.WriteLineAsync($"  huella SHA-1: {result.Thumbprint}");
            await output.WriteLineAsync(result.NewAuthority
                ? $"Autoridad local nueva: {result.AuthorityCertificate} — instálela una vez en cada tableta y equipo (vea el README, «HTTPS en la red de la oficina»)."
                : $"Firmado con la autoridad local que ya existía ({result.AuthorityCertificate}): las tabletas que ya la confían no necesitan nada.");
            if (result.PasswordGenerated) await output.WriteLineAsync($"Contraseña generada del archivo .pfx: {result.Password}");
            await output.WriteLineAsync("Configure la aplicación (appsettings.json o variables de entorno) y escuche también en HTTPS:");
            await output.WriteLineAsync($"  Https__Certificate={result.ServerPfx}");
            await output.WriteLineAsync($"  Https__CertificatePassword={result.Password}");
            await output.WriteLineAsync("  --urls \"http://0.0.0.0:5028;https://0.0.0.0:5029\"");
            return 0;
        }, ct, prepareDatabase: false));
        cert.Subcommands.Add(create);
        return cert;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// The online intake (issue 28), against the real app and a real SMTP server (netDumbster) on loopback:
/// <list type="bullet">
/// <item>submitting <c>/tramite</c> with two 5 MB photos, as the phone's browser posts the form: p95 ≤ 1 s;</item>
/// <item>from the moment the confirmation's page answers to the moment the citizen's mail with folio and code is in
/// the SMTP server: p95 ≤ 5 s over 50.</item>
/// </list>
/// </summary>
public static class IntakeBenchmark
{
    public const double SubmitBudgetMs = 1000;
    public const double MailBudgetMs = 5000;

    public static async Task<bool> RunAsync(int rounds = 50, int photoMegabytes = 5)
    {
        using var smtp = TestSmtp.Start();
        await using var app = await AppServer.StartAsync(s => s["Tramite:RequestsPerClientPerDay"] = "100000");
        await smtp.ServeAppAsync(app.Services);
        int type;
        await using (var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var first = await db.PetitionTypes.OrderBy(t => t.SortOrder).FirstAsync();
            type = first.Id;
            await app.Get<CatalogService>().SaveOnlineTypeAsync(Actor.System, type, first.Version, true, "Identificación oficial");
        }

        var submits = new List<double>();
        var mails = new List<double>();
        for (var i = 0; i <= rounds; i++)
        {
            var email = $"ciudadano{i}@example.com";
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
            var form = PetitionsBenchmark.HiddenFields(await http.GetStringAsync($"tramite?tipo={type}"));
            using var content = new MultipartFormDataContent();
            foreach (var (name, value) in form.Where(f => f.Key != "_handler")) content.Add(new StringContent(value), name);
            content.Add(new StringContent("tramite"), "_handler");
            foreach (var (name, value) in new Dictionary<string, string>
            {
                ["Form.Nombre"] = "María López", ["Form.Tercero"] = "false", ["Form.Cuenta"] = $"01-{i:000}-0000", ["Form.Domicilio"] = "Av. Juárez 10",
                ["Form.Telefono"] = "5512345678", ["Form.Correo"] = email, ["Form.Descripcion"] = $"Cobro doble en el recibo ({i}).", ["Form.Aviso"] = "true",
            })
            {
                content.Add(new StringContent(value), name);
            }
            content.Add(Photo(photoMegabytes), "Identificacion", "ine.jpg");
            content.Add(Photo(photoMegabytes), "Documentos", "recibo.jpg");

            var watch = Stopwatch.StartNew();
            using var submitted = await http.PostAsync("tramite", content);
            var page = await submitted.Content.ReadAsStringAsync();
            var submitMs = watch.Elapsed.TotalMilliseconds;
            if (submitted.StatusCode != HttpStatusCode.OK || !page.Contains("data-testid=\"intake-code-sent\""))
            {
                var said = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"intake-error\">([^<]*)<").Groups[1].Value;
                throw new InvalidOperationException($"/tramite no aceptó la solicitud ({submitted.StatusCode}): {WebUtility.HtmlDecode(said)}");
            }

            var code = (await WaitForMailAsync(smtp, m => m.Subject!.StartsWith("Su código", StringComparison.Ordinal) && To(m, email))).Subject![^6..];
            var fields = PetitionsBenchmark.HiddenFields(page);
            using var confirm = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = fields["__RequestVerificationToken"], ["_handler"] = "confirmar", ["Solicitud"] = fields["Solicitud"], ["Codigo"] = code,
            });
            using var confirmed = await http.PostAsync("tramite", confirm);
            var done = await confirmed.Content.ReadAsStringAsync();
            var answeredAt = Stopwatch.GetTimestamp();
            if (!done.Contains("data-testid=\"intake-folio\"")) throw new InvalidOperationException("La confirmación no registró la petición.");
            await WaitForMailAsync(smtp, m => m.Subject!.StartsWith("Su petición quedó registrada", StringComparison.Ordinal) && To(m, email));
            var mailMs = Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds;
            if (i == 0) continue; // the first warms up
            submits.Add(submitMs);
            mails.Add(mailMs);
        }
        return Timings.Report("Trámite en línea:", [
            ($"enviar /tramite con dos fotos de {photoMegabytes} MB por la red local ({rounds} veces)", Timings.Of(submits), SubmitBudgetMs),
            ("de la confirmación al correo con folio y código en el servidor SMTP", Timings.Of(mails), MailBudgetMs),
        ]);
    }

    /// <summary>A different photo each time (the store keeps identical content once), with a JPEG's first bytes.</summary>
    private static ByteArrayContent Photo(int megabytes)
    {
        var bytes = new byte[megabytes * 1024 * 1024];
        RandomNumberGenerator.Fill(bytes);
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }.CopyTo(bytes, 0);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    private static bool To(MimeKit.MimeMessage message, string email) => message.To.Mailboxes.Any(b => b.Address == email);

    private static async Task<MimeKit.MimeMessage> WaitForMailAsync(netDumbster.smtp.SimpleSmtpServer smtp, Func<MimeKit.MimeMessage, bool> match)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            // Every message received is parsed again (a hundred small ones at most): the server keeps them in no set order.
            if (smtp.Messages().FirstOrDefault(match) is { } found) return found;
            await Task.Delay(10);
        }
        throw new InvalidOperationException("El correo esperado no llegó al servidor SMTP en un minuto.");
    }
}

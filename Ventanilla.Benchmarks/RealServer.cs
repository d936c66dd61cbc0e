using System.Diagnostics;
using System.Net;

namespace Ventanilla.Benchmarks;

/// <summary>
/// The app as an office installs it: published for this machine (ReadyToRun, README «Publicar») into the temp
/// folder, and its own executable started on a free port.
/// </summary>
internal sealed class RealServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _failures;

    private RealServer(Process process, string baseUrl, double startSeconds, System.Collections.Concurrent.ConcurrentQueue<string> failures)
        => (_process, BaseUrl, StartSeconds, _failures) = (process, baseUrl, startSeconds, failures);

    public string BaseUrl { get; }
    public double StartSeconds { get; }

    /// <summary>What the server logged as an error («fail:» or «crit:») since it started.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>The server process's resident memory, threads and open handles (files, sockets) right now, from /proc.</summary>
    public ProcessSample Sample()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        long Kb(string key) => long.Parse(status.First(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0]);
        var handles = Directory.GetFiles($"/proc/{_process.Id}/fd");
        var targets = handles.Select(h => { try { return new FileInfo(h).LinkTarget ?? ""; } catch (IOException) { return ""; } }).ToList();
        return new ProcessSample(DateTime.UtcNow, Kb("VmRSS") / 1024.0, (int)Kb("Threads"), handles.Length,
            targets.Count(t => t.StartsWith("socket:", StringComparison.Ordinal)), targets.Count(t => t.Contains("ventanilla.db", StringComparison.Ordinal)));
    }

    public static async Task<RealServer> StartAsync(Dictionary<string, string> settings)
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var published = await PublishAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = published,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(published, "Ventanilla.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Backup__Enabled"] = "false";
        start.Environment["Auth__SignInAttemptsPerMinute"] = "100000";
        // Every phone and browser of a benchmark comes from 127.0.0.1: the per-device limits would count them as one.
        start.Environment["Citizen__TurnRequestsPerMinute"] = "100000";
        start.Environment["Citizen__LookupsPerMinute"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // The console logger writes «fail: Category[id]» and the message on the next line: both are kept (one watcher per stream).
        Action<string?> Watcher()
        {
            string? header = null;
            return line =>
            {
                if (line is null) return;
                if (header is not null)
                {
                    failures.Enqueue($"{header} {line.Trim()}");
                    header = null;
                }
                else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                {
                    header = line;
                }
            };
        }
        var watchOut = Watcher();
        var watchError = Watcher();
        process.OutputDataReceived += (_, e) => watchOut(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            watchError(e.Data);
            if (e.Data is not null) Console.Error.WriteLine($"    [servidor] {e.Data}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Ready when it answers: /health is not one of the pages measured.
        var url = $"http://127.0.0.1:{port}/";
        using var http = new HttpClient();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                if ((await http.GetAsync(url + "health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited) throw new InvalidOperationException($"El servidor terminó al arrancar (código {process.ExitCode}).");
            await Task.Delay(100);
        }
        return new RealServer(process, url, watch.Elapsed.TotalSeconds, failures);
    }

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "ventanilla-bench", "publicado");
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var publish = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Ventanilla.Data.DatabaseLocation.BaseFolder(), "Ventanilla"),
            "-c", "Release", "-r", rid, "--self-contained", "false", "-o", output]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(publish)!;
        var log = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"No se pudo publicar la aplicación para medirla:\n{log}");
        return output;
    }

    public async Task<HttpClient> SignInAsync(string user, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        var form = await http.GetStringAsync("Account/Login");
        var fields = PetitionsBenchmark.HiddenFields(form);
        fields["Input.UserName"] = user;
        fields["Input.Password"] = password;
        var response = await http.PostAsync("Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"No se pudo iniciar sesión como {user}: {response.StatusCode}");
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

/// <summary>One reading of the server process (memory in MB).</summary>
internal sealed record ProcessSample(DateTime AtUtc, double ResidentMegabytes, int Threads, int Handles, int Sockets, int DatabaseHandles);

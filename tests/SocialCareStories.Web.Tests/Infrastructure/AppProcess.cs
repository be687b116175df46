using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SocialCareStories.TestSupport;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// The built portal (<c>dotnet SocialCareStories.Web.dll</c>) run as its own process on a given store file, in
/// Production, logging one JSON object a line, so a test can read what it acknowledged, then kill it (SIGKILL),
/// stop it (SIGTERM) or let it finish. Disposing kills it if it still runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<JsonElement> _events = [];

    private AppProcess(Process process, Uri? baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public static string AppPath => Path.Combine(AppContext.BaseDirectory, "SocialCareStories.Web.dll");

    /// <summary>The environment that points a process at a portal's store, on whichever engine the portal uses.</summary>
    public static Dictionary<string, string> StoreOf(PortalFactory portal, bool onPostgres) => onPostgres
        ? new() { ["Storage__Provider"] = "Postgres", ["ConnectionStrings__StoriesPostgres"] = portal.PostgresConnectionString }
        : new() { ["ConnectionStrings__Stories"] = $"Data Source={portal.DatabasePath}" };

    /// <summary>Runs a command as an operator does, in Production, and returns its exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Where the portal answers, when it was started to serve.</summary>
    public Uri? BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line written so far to stdout and stderr.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join(Environment.NewLine, Lines);

    /// <summary>The log events written so far (the lines that are JSON objects).</summary>
    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (_lines)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The events logged with the named EventId (the app's <c>new EventId(n, "Name")</c>).</summary>
    public IReadOnlyList<JsonElement> EventsNamed(string name) =>
        [.. Events.Where(e => e.TryGetProperty("EventId", out var id) && id.TryGetProperty("Name", out var n) && n.GetString() == name)];

    /// <summary>Runs a command (<c>import …</c>, <c>backup …</c>) on the store without waiting for it.</summary>
    public static AppProcess StartCommand(string storePath, params string[] args) => Start(storePath, null, new Dictionary<string, string>(), args);

    /// <summary>Runs a command on the store to the end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string storePath, params string[] args)
    {
        await using var command = StartCommand(storePath, args);
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (exitCode, command.Output);
    }

    /// <summary>Starts the portal serving the store on a free loopback port and waits until /health/ready answers.</summary>
    public static async Task<AppProcess> StartPortalAsync(string storePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Urls"] = baseAddress.GetLeftPart(UriPartial.Authority),
        };
        environment.TryAdd("Store__SeedOnStart", "false");
        var portal = Start(storePath, baseAddress, environment, []);
        try
        {
            await portal.WaitUntilReadyAsync();
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }

        return portal;
    }

    public HttpClient CreateClient() =>
        new() { BaseAddress = BaseAddress ?? throw new InvalidOperationException("This process was not started to serve."), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Waits until at least <paramref name="count"/> events with the EventId name have been logged.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(string name, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var events = EventsNamed(name);
            if (events.Count >= count)
            {
                return events;
            }

            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Expected {count} {name} event(s), saw {events.Count} (exited: {_process.HasExited}).{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to clean up, as on a power cut or an OOM kill.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGTERM: what a service manager or container runtime sends to stop the process.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {timeout}.{Environment.NewLine}{Tail()}");
        }

        // WaitForExitAsync returns once the exit is seen; the redirected output may still be draining.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    public string Tail(int lines = 40) => string.Join(Environment.NewLine, Lines.TakeLast(lines));

    private static AppProcess Start(string storePath, Uri? baseAddress, IReadOnlyDictionary<string, string> settings, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(storePath)!,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ConnectionStrings__Stories"] = $"Data Source={storePath}";
        start.Environment["Import__SeedsFolder"] = RepositoryFolders.Seeds;
        start.Environment["Logging__Json"] = "true";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {_process.ExitCode} before it was ready.{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The portal was not ready at {BaseAddress} within 90 s.{Environment.NewLine}{Tail()}");
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            var parsed = ParseEvent(line);
            lock (_lines)
            {
                _lines.Add(line);
                if (parsed is { } logEvent)
                {
                    _events.Add(logEvent);
                }
            }
        }
    }

    private static JsonElement? ParseEvent(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

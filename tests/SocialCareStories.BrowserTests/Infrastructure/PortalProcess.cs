using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using SocialCareStories.TestSupport;

namespace SocialCareStories.BrowserTests.Infrastructure;

/// <summary>
/// The real portal, started as its own process exactly as it is deployed: <c>dotnet SocialCareStories.Web.dll</c>
/// in Production, on a free loopback port, from a fresh working folder, so it creates, migrates and seeds its own
/// <c>App_Data/socialcarestories.db</c>. Disposing stops the whole process tree and removes the folder.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int OutputLimit = 200;

    private readonly Process _process;
    private readonly string _workingFolder;
    private readonly IReadOnlyDictionary<string, string> _storeEnvironment;
    private readonly Queue<string> _output = new();

    private PortalProcess(Process process, string workingFolder, Uri baseAddress, IReadOnlyDictionary<string, string> storeEnvironment)
    {
        _process = process;
        _workingFolder = workingFolder;
        _storeEnvironment = storeEnvironment;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the portal answers, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The last lines the portal wrote to stdout and stderr, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Starts a portal; <paramref name="options"/> make it one of several instances on a shared store.</summary>
    public static async Task<PortalProcess> StartAsync(PortalProcessOptions? options = null)
    {
        options ??= new PortalProcessOptions();
        var appPath = AppPath();
        var port = LoopbackPort.Free();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var workingFolder = Directory.CreateTempSubdirectory("scs-browser-").FullName;

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(appPath);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        // Every browser test signs in from 127.0.0.1; the per-address sign-in limit is tested elsewhere.
        startInfo.Environment["Accounts__SignInAttemptsPerMinute"] = "10000";
        startInfo.Environment["Search__RequestsPerClientPerTenSeconds"] = "10000";
        startInfo.Environment.Remove("ConnectionStrings__Stories");
        var storeEnvironment = options.StoreEnvironment();
        foreach (var (name, value) in storeEnvironment.Concat(options.InstanceEnvironment(workingFolder)))
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var portal = new PortalProcess(process, workingFolder, baseAddress, storeEnvironment);
        process.OutputDataReceived += (_, e) => portal.Record(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Record(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start dotnet {appPath}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await portal.WaitUntilHomePageAnswersAsync();
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }

        return portal;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (InvalidOperationException)
        {
            // The process never started or has already gone.
        }
        catch (OperationCanceledException)
        {
            // Killed but not yet reaped; the folder clean-up below is best effort either way.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_workingFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task WaitUntilHomePageAnswersAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The portal exited with code {_process.ExitCode} before answering.{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"/ answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException e)
            {
                lastProblem = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"The portal did not answer 200 at {BaseAddress} within {StartTimeout.TotalSeconds:N0}s ({lastProblem}).{Environment.NewLine}{RecentOutput}");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLimit)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The web project's own build output, recorded in this assembly when it was built.</summary>
    /// <summary>
    /// Adds a staff account the way an operator would: the app's own <c>users add</c> command, run in the portal's
    /// working folder against its store, with the password on standard input.
    /// </summary>
    public async Task AddUserAsync(string email, string role, string password)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { AppPath(), "users", "add", "--email", email, "--role", role })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment.Remove("ConnectionStrings__Stories");
        foreach (var (name, value) in _storeEnvironment)
        {
            startInfo.Environment[name] = value;
        }

        using var command = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the users command.");
        await command.StandardInput.WriteLineAsync(password);
        command.StandardInput.Close();
        var output = command.StandardOutput.ReadToEndAsync();
        var errors = command.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await command.WaitForExitAsync(wait.Token);
        if (command.ExitCode != 0)
        {
            throw new InvalidOperationException($"users add {email} exited with {command.ExitCode}: {await output}{await errors}");
        }
    }

    private static string AppPath()
    {
        var recorded = typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "PortalAppPath")?.Value;
        if (string.IsNullOrEmpty(recorded) || !File.Exists(recorded))
        {
            throw new FileNotFoundException(
                $"SocialCareStories.Web.dll was not found at '{recorded}'. Build the solution first (dotnet test builds it).");
        }

        return recorded;
    }
}

/// <summary>
/// How a portal process starts when it is one of several: the store they share, the Redis they share, and its
/// own settings (as environment variables, e.g. <c>Stories__Editing__SchedulerInterval</c>).
/// </summary>
public sealed record PortalProcessOptions
{
    /// <summary>The shared store; null gives the process its own SQLite file in its fresh working folder.</summary>
    public SharedStoreSettings? Store { get; init; }

    /// <summary>The StackExchange.Redis configuration string for the output cache; null keeps it in memory.</summary>
    public string? RedisConfiguration { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>What the app and its commands need to open the shared store.</summary>
    internal Dictionary<string, string> StoreEnvironment() => Store is null
        ? []
        : new() { ["Storage__Provider"] = Store.Provider, ["ConnectionStrings__Stories"] = Store.ConnectionString };

    internal Dictionary<string, string> InstanceEnvironment(string workingFolder)
    {
        var environment = new Dictionary<string, string>(Settings);
        if (RedisConfiguration is not null)
        {
            environment["Redis__Configuration"] = RedisConfiguration;
        }

        if (Store is not null)
        {
            // Each instance as if on its own machine: a home folder of its own, so nothing (Data Protection's
            // default key folder included) is shared except through the store and Redis.
            environment["HOME"] = workingFolder;
        }

        return environment;
    }
}

/// <summary>
/// The store several portal processes share, as <c>Storage:Provider</c> and <c>ConnectionStrings:Stories</c>.
/// SQLite today; another provider (PostgreSQL) is another value of this record, and the tests stay the same.
/// </summary>
public sealed record SharedStoreSettings(string Provider, string ConnectionString)
{
    public static SharedStoreSettings SqliteFile(string path) => new("Sqlite", $"Data Source={path}");
}

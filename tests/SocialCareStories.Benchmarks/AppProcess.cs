using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SocialCareStories.TestSupport;

namespace SocialCareStories.Benchmarks;

/// <summary>The published app as a child process on a loopback port; disposing it kills the whole process tree.</summary>
internal sealed partial class AppProcess : IDisposable
{
    private const int KeptLines = 40;
    /// <summary>The app's Information line after each rebuild of the story facets (StoryFacets), which the benchmark reads.</summary>
    private const string FacetsLogger = "SocialCareStories.Web.Features.Stories.Browsing.StoryFacets";
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<double> _facetRebuilds = [];

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The app's own process (<c>dotnet app.dll</c> runs the app in the host process), for reading its memory.</summary>
    public int ProcessId => _process.Id;

    public static Task<AppProcess> StartAsync(string appFolder, AppStore store, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(appFolder, "SocialCareStories.Web.dll") }, WorkingDirectory = appFolder };
        store.ApplyTo(start);
        start.Environment["Store__SeedOnStart"] = "false";
        // The benchmark searches from one address far faster than any reader; the search limit is tested elsewhere.
        start.Environment["Search__RequestsPerClientPerTenSeconds"] = "100000000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // The shipped logging configuration (appsettings.json, Information): the benchmark measures what users run,
        // request lines included (fast successes are Debug, so they cost next to nothing; see ADR-015).
        return StartAsync(start, TimeSpan.FromMinutes(2), cancellationToken);
    }

    /// <summary>
    /// Any command that starts the app (a published build, or <c>dotnet run</c>, which builds first: hence
    /// <paramref name="readyWithin"/>), given <c>--urls</c> with a free loopback port and ready once <c>/stories</c> answers.
    /// </summary>
    public static async Task<AppProcess> StartAsync(ProcessStartInfo start, TimeSpan readyWithin, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"), address);
        app._process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(readyWithin, cancellationToken);
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    /// <summary>How long each rebuild of the story facets took so far, in milliseconds, in the order the app logged them.</summary>
    public IReadOnlyList<double> FacetRebuildMilliseconds()
    {
        lock (_facetRebuilds)
        {
            return [.. _facetRebuilds];
        }
    }

    /// <summary>The app's user + system CPU time so far (<c>/proc/PID/stat</c>), or null where there is no /proc.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            // After the command name in parentheses (which may hold spaces): field 14 utime, 15 stime, in clock ticks.
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            // Linux's USER_HZ is 100 on every architecture .NET runs on.
            return TimeSpan.FromMilliseconds(ticks * 10.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The app's last lines of output, for a failure message.</summary>
    public string RecentOutput()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(FacetsLogger, StringComparison.Ordinal) && FacetRebuild().Match(line) is { Success: true } match
            && double.TryParse(match.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            lock (_facetRebuilds)
            {
                _facetRebuilds.Add(milliseconds);
            }
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan readyWithin, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < readyWithin)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/stories"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first request on a busy machine; try again.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The app did not answer within {readyWithin.TotalMinutes:F0} minutes:{Environment.NewLine}{RecentOutput()}");
    }

    [GeneratedRegex(@"Rebuilt the story facets: .* in ([0-9]+(?:\.[0-9]+)?) ms")]
    private static partial Regex FacetRebuild();
}

using System.Diagnostics;
using System.Text.Json;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>Latencies as wrk measures them (from sending a request to reading its whole response), in microseconds.</summary>
internal sealed record WrkLatency(double Mean, long P50, long P90, long P95, long P99, long Max);

/// <summary>What wrk's done() in readers.lua reports: every request it completed, errors by kind, and how many of each page kind it sent.</summary>
internal sealed record WrkResult(
    long Requests,
    long DurationMicroseconds,
    long Bytes,
    long ConnectErrors,
    long ReadErrors,
    long WriteErrors,
    long StatusErrors,
    long Timeouts,
    WrkLatency LatencyMicroseconds,
    IReadOnlyDictionary<string, long> Sent)
{
    public double RequestsPerSecond => Requests / (DurationMicroseconds / 1e6);

    /// <summary>Socket errors (connect, read, write, timeout) and answers other than 2xx/3xx (wrk counts status ≥ 400).</summary>
    public long Errors => ConnectErrors + ReadErrors + WriteErrors + StatusErrors + Timeouts;
}

/// <summary>Runs Debian's wrk with readers.lua against the app on loopback, installing the package first when it is missing.</summary>
internal static class Wrk
{
    private const string Executable = "/usr/bin/wrk";
    private const string ResultPrefix = "WRK-RESULT ";
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Load", "readers.lua");

    /// <summary>As ./test.sh does for chromium: installs Debian's wrk package if /usr/bin/wrk is not there.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Executable))
        {
            await DebianPackages.InstallAsync("wrk", cancellationToken);
        }
    }

    /// <summary>
    /// <paramref name="connections"/> keep-alive connections over <paramref name="threads"/> threads for <paramref name="duration"/>;
    /// <paramref name="requestsPerSecond"/> 0 sends as fast as the connections allow, above 0 paces the whole run to that rate.
    /// </summary>
    public static async Task<WrkResult> RunAsync(Uri address, string addressFile, int threads, int connections, TimeSpan duration, double requestsPerSecond, CancellationToken cancellationToken)
    {
        var perThread = requestsPerSecond / threads;
        var arguments = new List<string>
        {
            "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--connections", connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--duration", $"{(int)Math.Ceiling(duration.TotalSeconds)}s",
            "--timeout", "10s",
            "--script", Script,
            address.ToString().TrimEnd('/'),
            "--", addressFile, perThread.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
        var output = await ChildProcess.RunToEndAsync(Executable, arguments, new Dictionary<string, string>(), workingDirectory: null, cancellationToken);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:{Environment.NewLine}{output}");
        return JsonSerializer.Deserialize<WrkResult>(line[ResultPrefix.Length..], Json)
            ?? throw new InvalidOperationException($"wrk's result could not be read: {line}");
    }
}

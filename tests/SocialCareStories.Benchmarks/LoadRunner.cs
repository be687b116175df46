using System.Diagnostics;
using System.Net;

namespace SocialCareStories.Benchmarks;

/// <summary>One timed run: how many requests completed, how many failed, over how long.</summary>
internal sealed record ThroughputRun(long Requests, long Errors, TimeSpan Elapsed, long Bytes)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>The app process's CPU time (user + system) over the run, when it could be read.</summary>
    public TimeSpan? AppCpu { get; init; }

    /// <summary>The app's CPU milliseconds per answered request (NaN when not read).</summary>
    public double CpuPerRequestMs => AppCpu is { } cpu && Requests > 0 ? cpu.TotalMilliseconds / Requests : double.NaN;
}

/// <summary>Sequential request latencies; <see cref="Available"/> is false when the app answered 404 (no such page on this build).</summary>
internal sealed record LatencyRun(bool Available, IReadOnlyList<double> Milliseconds, long Errors)
{
    public double Median => Percentile(0.50);
    public double P95 => Percentile(0.95);

    private double Percentile(double p)
    {
        if (Milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Milliseconds.Order().ToArray();
        // Nearest rank: the smallest value with at least p of the samples at or below it.
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Drives the app over loopback with one HTTP client for every scenario, so the static baseline and the pages
/// pay the same client-side costs and the ratio between them says something about the server.
/// </summary>
internal sealed class LoadRunner : IDisposable
{
    private readonly HttpClient _client;

    public LoadRunner(Uri address, int workers)
    {
        var handler = new SocketsHttpHandler
        {
            // Keep-alive: one pooled connection per worker, reused for the whole run.
            MaxConnectionsPerServer = workers,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        _client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Workers = workers;
    }

    public int Workers { get; }

    /// <summary>
    /// A GET of the path. A path with a <c>b=</c> parameter is meant to miss the output cache; the cache ignores
    /// parameters a page does not read, so such a request carries an Authorization header instead, which the public
    /// page cache never answers (the app's cookie sign-in ignores it: the page renders as for any reader).
    /// </summary>
    private static HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (path.Contains("?b=", StringComparison.Ordinal) || path.Contains("&b=", StringComparison.Ordinal))
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Benchmark uncached");
        }

        return request;
    }

    public async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(path);
        using var response = await _client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary><see cref="Workers"/> concurrent loops, each requesting <paramref name="nextPath"/>'s address and reading the whole body, for <paramref name="duration"/>.</summary>
    public async Task<ThroughputRun> RunAsync(Func<string> nextPath, TimeSpan duration, CancellationToken cancellationToken)
    {
        long requests = 0, errors = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[81920];
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var (ok, read) = await GetAsync(nextPath(), buffer, cancellationToken);
                Interlocked.Increment(ref requests);
                Interlocked.Add(ref bytes, read);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(loops);
        clock.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        // Every request counted finished within the run (the last ones may end just after the deadline), so divide by the real elapsed time.
        return new ThroughputRun(requests - errors, errors, clock.Elapsed, bytes);
    }

    /// <summary>One request at a time, <paramref name="count"/> times (or until <paramref name="budget"/> runs out); 404 on the first means "not available".</summary>
    public async Task<LatencyRun> MeasureLatencyAsync(Func<int, string> pathFor, int warmUp, int count, TimeSpan budget, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        using (var probeRequest = Request(pathFor(-1)))
        using (var probe = await _client.SendAsync(probeRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
        {
            if (probe.StatusCode == HttpStatusCode.NotFound)
            {
                return new LatencyRun(Available: false, [], 0);
            }
        }

        for (var i = 0; i < warmUp; i++)
        {
            await GetAsync(pathFor(-2 - i), buffer, cancellationToken);
        }

        var samples = new List<double>(count);
        long errors = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count && total.Elapsed < budget; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (ok, _) = await GetAsync(pathFor(i), buffer, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (ok)
            {
                samples.Add(elapsed);
            }
            else
            {
                errors++;
            }
        }

        return new LatencyRun(Available: true, samples, errors);
    }

    public void Dispose() => _client.Dispose();

    private async Task<(bool Ok, long Bytes)> GetAsync(string path, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            using var request = Request(path);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            long read = 0;
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                read += n;
            }

            return (response.StatusCode == HttpStatusCode.OK, read);
        }
        catch (HttpRequestException)
        {
            return (false, 0);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's timeout, not Ctrl+C: a failed request.
            return (false, 0);
        }
    }
}

namespace SocialCareStories.Benchmarks;

/// <summary>A throughput scenario's rounds; the median is what the ratios use, so one noisy round cannot decide them.</summary>
internal sealed record Scenario(string Name, string Path, IReadOnlyList<ThroughputRun> Rounds)
{
    public double MedianRequestsPerSecond => Median(Rounds.Select(r => r.RequestsPerSecond));
    public long Errors => Rounds.Sum(r => r.Errors);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal sealed record SearchResult(SearchWord Word, LatencyRun Latency);

internal sealed record MeasurementResult(
    string StorySlug,
    int PageBytes,
    Scenario Static,
    Scenario Cached,
    Scenario Uncached,
    IReadOnlyList<SearchResult> Search,
    DateTimeOffset At)
{
    public long Errors => Static.Errors + Cached.Errors + Uncached.Errors + Search.Sum(s => s.Latency.Errors);
}

/// <summary>The scenarios, side by side in one run against one app process: static file, cached page, uncached pages, then search.</summary>
internal static class Measurement
{
    public const string StaticPath = "/benchmark/story.html";
    private const int SearchRequests = 200;
    private const int SearchWarmUp = 50;
    private const int WarmUpRequests = 2_000;
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(30);

    public static async Task<MeasurementResult> RunAsync(LoadRunner runner, Corpus corpus, string appFolder, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        // The baseline is the very page under test, byte for byte, served by the same app through UseStaticFiles,
        // which reads wwwroot at request time: writing the file while the app runs is enough.
        var slug = corpus.Slugs[corpus.Slugs.Count / 2];
        var storyPath = $"/stories/{slug}";
        var page = await runner.GetBytesAsync(storyPath, cancellationToken);
        var staticFile = Path.Combine(appFolder, "wwwroot", "benchmark", "story.html");
        Directory.CreateDirectory(Path.GetDirectoryName(staticFile)!);
        await File.WriteAllBytesAsync(staticFile, page, cancellationToken);
        var served = await runner.GetBytesAsync(StaticPath, cancellationToken);
        if (served.Length != page.Length)
        {
            throw new InvalidOperationException($"{StaticPath} came back with {served.Length} bytes, not the page's {page.Length}");
        }

        Console.WriteLine($"  page under test {storyPath}: {page.Length:N0} bytes; static copy at {StaticPath}");

        // Uncached: every request a different story, walking the corpus in order. Only if the runs outlast
        // the corpus (small corpora, fast machines) does a query string make a repeat slug a cache miss too.
        var next = 0L;
        string UncachedPath()
        {
            var n = Interlocked.Increment(ref next) - 1;
            var story = corpus.Slugs[(int)(n % corpus.Slugs.Count)];
            var pass = n / corpus.Slugs.Count;
            return pass == 0 ? $"/stories/{story}" : $"/stories/{story}?b={pass}";
        }

        var scenarios = new (string Name, string Path, Func<string> Next)[]
        {
            ("static file", StaticPath, () => StaticPath),
            ("cached story page", storyPath, () => storyPath),
            ("uncached story pages", "/stories/{a different slug each request}", UncachedPath),
        };
        var rounds = scenarios.Select(_ => new List<ThroughputRun>()).ToArray();
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var warmUp = TimeSpan.FromSeconds(Math.Max(1, options.Seconds / 3));

        // At least WarmUpRequests per scenario as well as the time: .NET compiles a method first quickly (tier 0) and
        // again optimised after about 30 calls, in the background, so a slow scenario (an uncached page at ~200 a
        // second) was otherwise partly measured in unoptimised code, and on a busy machine mostly.
        Console.WriteLine($"Warming up ({warmUp.TotalSeconds:F0} s and at least {WarmUpRequests:N0} requests per scenario, at most {MaxWarmUp.TotalSeconds:F0} s)…");
        foreach (var scenario in scenarios)
        {
            var warmed = 0L;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                warmed += (await runner.RunAsync(scenario.Next, warmUp, cancellationToken)).Requests;
            }
            while (warmed < WarmUpRequests && clock.Elapsed < MaxWarmUp);
        }

        // Interleaved so that a burst of load from elsewhere on a shared machine hits every scenario, not one.
        for (var round = 1; round <= options.Rounds; round++)
        {
            for (var s = 0; s < scenarios.Length; s++)
            {
                var run = await runner.RunAsync(scenarios[s].Next, duration, cancellationToken);
                rounds[s].Add(run);
                Console.WriteLine($"  round {round}, {scenarios[s].Name}: {run.RequestsPerSecond:N0} requests/s ({run.Requests:N0} ok, {run.Errors} errors, {run.Bytes / Math.Max(1, run.Requests + run.Errors):N0} bytes each)");
            }
        }

        Console.WriteLine("Search latency (one request at a time)…");
        var search = new List<SearchResult>();
        foreach (var word in corpus.SearchWords)
        {
            // A unique b= each time: the output cache varies by query string, so every measured search is a miss.
            var nonce = Random.Shared.Next(1_000_000);
            var latency = await runner.MeasureLatencyAsync(
                i => $"/search?q={Uri.EscapeDataString(word.Word)}&b={nonce}-{i + 1000}",
                SearchWarmUp, SearchRequests, budget: TimeSpan.FromSeconds(Math.Max(30, options.Seconds * 6)), cancellationToken);
            search.Add(new SearchResult(word, latency));
            Console.WriteLine(latency.Available
                ? $"  {word.Word}: median {latency.Median:F1} ms, p95 {latency.P95:F1} ms ({latency.Milliseconds.Count} requests, {latency.Errors} errors)"
                : $"  {word.Word}: search not available (GET /search answered 404)");
            if (!latency.Available)
            {
                break;
            }
        }

        return new MeasurementResult(slug, page.Length,
            new Scenario(scenarios[0].Name, scenarios[0].Path, rounds[0]),
            new Scenario(scenarios[1].Name, scenarios[1].Path, rounds[1]),
            new Scenario(scenarios[2].Name, scenarios[2].Path, rounds[2]),
            search, DateTimeOffset.UtcNow);
    }
}

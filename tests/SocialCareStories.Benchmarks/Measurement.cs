namespace SocialCareStories.Benchmarks;

/// <summary>A throughput scenario's rounds; the median is what the ratios use, so one noisy round cannot decide them.</summary>
internal sealed record Scenario(string Name, string Path, IReadOnlyList<ThroughputRun> Rounds)
{
    public double MedianRequestsPerSecond => Median(Rounds.Select(r => r.RequestsPerSecond));
    public double MedianCpuPerRequestMs => Rounds.Any(r => double.IsNaN(r.CpuPerRequestMs)) ? double.NaN : Median(Rounds.Select(r => r.CpuPerRequestMs));
    public long Errors => Rounds.Sum(r => r.Errors);

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal sealed record SearchResult(SearchWord Word, LatencyRun Latency);

/// <summary>A page served from the story facets (filtered listing, home, categories): its throughput rounds and its latency one request at a time.</summary>
internal sealed record FacetPageResult(Scenario Throughput, LatencyRun Latency, string Example);

internal sealed record MeasurementResult(
    string StorySlug,
    int PageBytes,
    Scenario Static,
    Scenario Cached,
    Scenario Uncached,
    IReadOnlyList<FacetPageResult> FacetPages,
    IReadOnlyList<double> FacetRebuildMilliseconds,
    IReadOnlyList<SearchResult> Search,
    DateTimeOffset At,
    string LoadAverageAtStart,
    string LoadAverageAtEnd)
{
    public long Errors => Static.Errors + Cached.Errors + Uncached.Errors
        + FacetPages.Sum(p => p.Throughput.Errors + p.Latency.Errors) + Search.Sum(s => s.Latency.Errors);
}

/// <summary>
/// The scenarios, side by side in one run against one app process: static file, cached page, uncached story pages,
/// and the pages served from the story facets (a filtered listing with counts, the home page, /categories), all
/// uncached; then the facet pages' and search's latency one request at a time.
/// </summary>
internal static class Measurement
{
    public const string StaticPath = "/benchmark/story.html";
    private const int SearchRequests = 200;
    private const int SearchWarmUp = 50;
    private const int WarmUpRequests = 2_000;
    private const int FacetPageRequests = 200;
    private const int FacetPageWarmUp = 50;
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(30);

    public static async Task<MeasurementResult> RunAsync(LoadRunner runner, AppProcess app, Corpus corpus, string appFolder, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var loadAtStart = LoadAverage();
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

        // The facet pages: every request carries a b= no earlier request had, which LoadRunner sends past the output
        // cache (a parameter the page does not read no longer varies the cache), so each one runs the page. The filtered listing also walks the
        // corpus's sector/theme/year combinations, so consecutive requests ask for different selections.
        var unique = 0L;
        long Unique() => Interlocked.Increment(ref unique);
        string ListingPath(long n) => $"/stories?{corpus.ListingFilters[(int)(n % corpus.ListingFilters.Count)]}&b={n}";
        string HomePath(long n) => $"/?b={n}";
        string CategoriesPath(long n) => $"/categories?b={n}";
        var facetPages = new (string Name, string Path, Func<long, string> For)[]
        {
            ("uncached filtered listing", "/stories?sector=…&theme=…&year=…&b=N", ListingPath),
            ("uncached home page", "/?b=N", HomePath),
            ("uncached /categories", "/categories?b=N", CategoriesPath),
        };

        var scenarios = new (string Name, string Path, Func<string> Next)[]
        {
            ("static file", StaticPath, () => StaticPath),
            ("cached story page", storyPath, () => storyPath),
            ("uncached story pages", "/stories/{a different slug each request}", UncachedPath),
        }.Concat(facetPages.Select(p => (Name: p.Name, Path: p.Path, Next: (Func<string>)(() => p.For(Unique()))))).ToArray();
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
                var cpuBefore = app.CpuTime();
                var run = await runner.RunAsync(scenarios[s].Next, duration, cancellationToken);
                run = run with { AppCpu = app.CpuTime() - cpuBefore };
                rounds[s].Add(run);
                Console.WriteLine($"  round {round}, {scenarios[s].Name}: {run.RequestsPerSecond:N0} requests/s ({run.Requests:N0} ok, {run.Errors} errors, {run.Bytes / Math.Max(1, run.Requests + run.Errors):N0} bytes each, app CPU {run.CpuPerRequestMs:F2} ms each)");
            }
        }

        Console.WriteLine("Facet pages' latency (one request at a time, uncached)…");
        var facetResults = new List<FacetPageResult>();
        for (var p = 0; p < facetPages.Length; p++)
        {
            var facetPage = facetPages[p];
            var latency = await runner.MeasureLatencyAsync(
                _ => facetPage.For(Unique()), FacetPageWarmUp, FacetPageRequests, budget: TimeSpan.FromSeconds(Math.Max(30, options.Seconds * 6)), cancellationToken);
            Console.WriteLine($"  {facetPage.Name}: median {latency.Median:F1} ms, p95 {latency.P95:F1} ms ({latency.Milliseconds.Count} requests, {latency.Errors} errors)");
            facetResults.Add(new FacetPageResult(new Scenario(facetPage.Name, facetPage.Path, rounds[3 + p]), latency, facetPage.For(0)));
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
            facetResults, app.FacetRebuildMilliseconds(),
            search, DateTimeOffset.UtcNow, loadAtStart, LoadAverage());
    }

    /// <summary>The machine's load average over 1, 5 and 15 minutes (<c>/proc/loadavg</c>), or "not known".</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "not known";
        }
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SocialCareStories.Benchmarks;

/// <summary>The Markdown report, printed and written between markers in docs/performance.md so reruns replace it.</summary>
internal static class Report
{
    public const string StartMarker = "<!-- benchmark:start -->";
    public const string EndMarker = "<!-- benchmark:end -->";
    private const double CachedTarget = 0.50;
    private const double UncachedTarget = 0.10;
    private const double SearchP95TargetMs = 20;
    private const double FacetPageP95TargetMs = 50;
    private const int TargetCorpus = 100_000;

    public static string Render(MeasurementResult result, Corpus corpus, BenchmarkOptions options, string[] args)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line(StartMarker);
        Line($"### Latest run: {result.At.ToString("yyyy-MM-dd HH:mm", culture)} UTC");
        Line();
        Line("| | |");
        Line("| --- | --- |");
        Line($"| machine | {Environment.ProcessorCount} cores, {OperatingSystemName()}, {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}) |");
        Line($"| corpus | {corpus.Stories.ToString("N0", culture)} published stories, generated in {corpus.GenerationTime.TotalSeconds.ToString("F1", culture)} s; database {(corpus.DatabaseBytes / 1_048_576.0).ToString("F0", culture)} MB |");
        Line($"| page under test | `/stories/{result.StorySlug}`, {result.PageBytes.ToString("N0", culture)} bytes; its static copy `{Measurement.StaticPath}` |");
        Line($"| load | {options.Workers} concurrent keep-alive workers on one client, {options.Rounds} interleaved rounds × {options.Seconds} s per scenario, after a warm-up; loopback, client and app on the same machine |");
        Line($"| machine's load average | {result.LoadAverageAtStart} at the start of the measurement, {result.LoadAverageAtEnd} at the end (1, 5, 15 min; the machine is shared, so compare ratios, not absolute figures, with other runs) |");
        Line();
        Line("Throughput, requests per second (the ratios use the medians), and the app's CPU time per request (user + system from `/proc`, median of the rounds):");
        Line();
        var roundHeaders = string.Concat(Enumerable.Range(1, options.Rounds).Select(r => $" round {r} |"));
        Line($"| scenario |{roundHeaders} median | app CPU ms per request | failed requests |");
        Line($"| --- |{string.Concat(Enumerable.Repeat(" ---: |", options.Rounds))} ---: | ---: | ---: |");
        foreach (var scenario in new[] { result.Static, result.Cached, result.Uncached }.Concat(result.FacetPages.Select(p => p.Throughput)))
        {
            var cells = string.Concat(scenario.Rounds.Select(r => $" {r.RequestsPerSecond.ToString("N0", culture)} |"));
            var cpu = double.IsNaN(scenario.MedianCpuPerRequestMs) ? "–" : scenario.MedianCpuPerRequestMs.ToString("F2", culture);
            Line($"| {scenario.Name} (`{scenario.Path}`) |{cells} **{scenario.MedianRequestsPerSecond.ToString("N0", culture)}** | {cpu} | {scenario.Errors} |");
        }

        Line();
        var staticRate = result.Static.MedianRequestsPerSecond;
        Line("| ratio | measured | target | result |");
        Line("| --- | ---: | ---: | --- |");
        RatioLine(Line, "cached page / static file", result.Cached.MedianRequestsPerSecond / staticRate, CachedTarget);
        RatioLine(Line, "uncached pages / static file", result.Uncached.MedianRequestsPerSecond / staticRate, UncachedTarget);
        foreach (var page in result.FacetPages)
        {
            Line($"| {page.Throughput.Name} / static file | {(page.Throughput.MedianRequestsPerSecond / staticRate).ToString("P2", culture)} | – (its target is latency, below) | |");
        }

        Line();
        var firstPage = result.FacetPages.Count > 0 ? result.FacetPages[0] : null;
        Line($"The pages served from the story facets, uncached, one request at a time ({firstPage?.Latency.Milliseconds.Count ?? 0} requests each after a warm-up; each asks with a `b=` no earlier request had, so the output cache never answers; the listing also walks every sector/theme/year combination, e.g. `{firstPage?.Example}`). Steady state: the facet snapshot is built, and rebuilt in the background when 30 s old while readers keep the previous one:");
        Line();
        Line($"| page | requests | median ms | p95 ms | p95 < {FacetPageP95TargetMs.ToString(culture)} ms |");
        Line("| --- | ---: | ---: | ---: | --- |");
        foreach (var page in result.FacetPages)
        {
            var latency = page.Latency;
            var verdict = latency.Milliseconds.Count == 0 ? "no data" : latency.P95 < FacetPageP95TargetMs ? "pass" : "**fail**";
            Line($"| {page.Throughput.Name} | {latency.Milliseconds.Count} | {latency.Median.ToString("F1", culture)} | {latency.P95.ToString("F1", culture)} | {verdict} |");
        }

        Line();
        var rebuilds = result.FacetRebuildMilliseconds;
        if (rebuilds.Count == 0)
        {
            Line("Story facet rebuilds: **none logged** (this build logs no \"Rebuilt the story facets\" line).");
        }
        else
        {
            var later = rebuilds.Skip(1).ToList();
            var laterText = later.Count == 0
                ? "no later rebuild in the run"
                : $"{later.Count} later rebuild(s) in the background while the run went on: median {Scenario.Median(later).ToString("F0", culture)} ms, fastest {later.Min().ToString("F0", culture)} ms, slowest {later.Max().ToString("F0", culture)} ms";
            Line($"Story facet rebuilds (the app's own log line, wall-clock time to read every published story's facets from the store and build the snapshot): the first, at start (cold: the first request, code not yet optimised), **{rebuilds[0].ToString("F0", culture)} ms**; {laterText}.");
        }

        Line();

        Line("Search latency, `GET /search?q=WORD&b=N` one request at a time, a unique `b` so the output cache never answers:");
        Line();
        if (result.Search.Count == 0 || !result.Search[0].Latency.Available)
        {
            var words = string.Join(", ", corpus.SearchWords.Select(w => $"`{w.Word}` ({w.Label}, {(w.Label == "rare" ? "" : "≈ ")}{w.StoriesContaining.ToString("N0", culture)} stories)"));
            Line($"**Search not available on this build**: `GET /search` answered 404, so no search figures were measured. The words prepared were {words}.");
        }
        else
        {
            Line($"| word | stories containing it | requests | median ms | p95 ms | p95 < {SearchP95TargetMs.ToString(culture)} ms |");
            Line("| --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var (word, latency) in result.Search)
            {
                var verdict = latency.Milliseconds.Count == 0 ? "no data" : latency.P95 < SearchP95TargetMs ? "pass" : "**fail**";
                var estimate = word.Label == "rare" ? "" : "≈ ";
                Line($"| `{word.Word}` ({word.Label}) | {estimate}{word.StoriesContaining.ToString("N0", culture)} | {latency.Milliseconds.Count} | {latency.Median.ToString("F1", culture)} | {latency.P95.ToString("F1", culture)} | {verdict} |");
            }
        }

        Line();
        if (corpus.Stories != TargetCorpus)
        {
            Line($"The targets are set for {TargetCorpus.ToString("N0", culture)} stories; this run had {corpus.Stories.ToString("N0", culture)}, so its pass or fail says little about them.");
            Line();
        }

        if (result.Errors > 0)
        {
            Line($"**{result.Errors} requests failed** (not 200, or no answer): treat these figures with suspicion.");
            Line();
        }

        Line("Command:");
        Line();
        Line("```bash");
        Line($"dotnet run -c Release --project tests/SocialCareStories.Benchmarks{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}");
        Line("```");
        Line(EndMarker);
        return text.ToString();
    }

    /// <summary>Replaces the marked section of <paramref name="path"/>, appends one if it has none, or creates the file.</summary>
    public static void WriteSection(string path, string section) => WriteSection(path, section, StartMarker, EndMarker);

    /// <summary>Replaces the section between <paramref name="startMarker"/> and <paramref name="endMarker"/> (which <paramref name="section"/> holds too), appends one, or creates the file.</summary>
    public static void WriteSection(string path, string section, string startMarker, string endMarker)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, $"# Performance\n\nFigures written by the benchmark in `tests/SocialCareStories.Benchmarks`.\n\n{section}");
            return;
        }

        var existing = File.ReadAllText(path);
        var start = existing.IndexOf(startMarker, StringComparison.Ordinal);
        var end = start < 0 ? -1 : existing.IndexOf(endMarker, start, StringComparison.Ordinal);
        var updated = start >= 0 && end >= 0
            ? string.Concat(existing.AsSpan(0, start), section.TrimEnd('\n'), existing.AsSpan(end + endMarker.Length))
            : existing.TrimEnd('\n') + "\n\n" + section;
        File.WriteAllText(path, updated);
    }

    private static void RatioLine(Action<string> line, string name, double ratio, double target) =>
        line($"| {name} | {ratio.ToString("P2", CultureInfo.InvariantCulture)} | ≥ {target.ToString("P0", CultureInfo.InvariantCulture)} | {(ratio >= target ? "pass" : "**fail**")} |");

    private static string OperatingSystemName()
    {
        // /etc/os-release names the distribution ("Debian GNU/Linux 12"); OSDescription alone gives only the kernel.
        const string osRelease = "/etc/os-release";
        if (File.Exists(osRelease))
        {
            var pretty = File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null)
            {
                return $"{pretty["PRETTY_NAME=".Length..].Trim('"')}, kernel {Environment.OSVersion.Version}";
            }
        }

        return RuntimeInformation.OSDescription;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace SocialCareStories.Benchmarks.Lighthouse;

/// <summary>
/// <c>lighthouse [--out docs/performance.md] [--runs 1]</c>: Lighthouse (npm, installed on first use beside the
/// benchmark's corpora) in Debian's Chromium, mobile profile, against the five reader pages that matter most, under the
/// README's run command (<c>dotnet run</c>) and under a published Release build, both on the seeded store. Prints the
/// four scores, the bytes transferred without images and the console errors, and writes them between the
/// <c>lighthouse:start</c>/<c>lighthouse:end</c> markers.
/// </summary>
internal static partial class LighthouseCommand
{
    public const string Name = "lighthouse";
    private const string StartMarker = "<!-- lighthouse:start -->";
    private const string EndMarker = "<!-- lighthouse:end -->";
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] Categories = ["performance", "accessibility", "best-practices", "seo"];

    public static async Task<int> RunAsync(string[] args)
    {
        var outPath = "docs/performance.md";
        var runs = 1;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0: runs = n; i++; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/SocialCareStories.Benchmarks -- lighthouse [--out docs/performance.md] [--runs 1]");
                    return 2;
            }
        }

        var root = Workspace.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("socialcarestories-lighthouse-").FullName;
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var token = cancellation.Token;
        try
        {
            var lighthouse = await InstallAsync(token);
            var results = new List<PageResult>();

            Console.WriteLine("Under the README's run command (dotnet run)…");
            var runFolder = Directory.CreateDirectory(Path.Combine(work, "run")).FullName;
            // From an empty folder, as a newcomer would: it builds, creates its store and seeds it.
            using (var app = await AppProcess.StartAsync(new ProcessStartInfo("dotnet") { ArgumentList = { "run", "--project", Path.Combine(root, "src", "SocialCareStories.Web"), "--" }, WorkingDirectory = runFolder }, TimeSpan.FromMinutes(5), token))
            {
                Console.WriteLine($"  listening on {app.Address}");
                results.AddRange(await MeasureAsync(lighthouse, "dotnet run", app.Address, runs, work, token));
            }

            Console.WriteLine("Publishing the app (Release)…");
            var appFolder = Path.Combine(work, "app");
            await Workspace.PublishAsync(root, appFolder, token);
            var publishedFolder = Directory.CreateDirectory(Path.Combine(work, "published")).FullName;
            using (var app = await AppProcess.StartAsync(new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(appFolder, "SocialCareStories.Web.dll") }, WorkingDirectory = publishedFolder }, TimeSpan.FromMinutes(2), token))
            {
                Console.WriteLine($"  listening on {app.Address}");
                results.AddRange(await MeasureAsync(lighthouse, "published", app.Address, runs, work, token));
            }

            var report = Render(results, runs, args);
            Console.WriteLine();
            Console.WriteLine(report);
            var outFile = Path.IsPathRooted(outPath) ? outPath : Path.Combine(root, outPath);
            Report.WriteSection(outFile, report, StartMarker, EndMarker);
            Console.WriteLine($"Written to {outFile}");
            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or JsonException)
        {
            Console.Error.WriteLine($"Lighthouse failed: {e.Message}");
            return 1;
        }
        finally
        {
            Workspace.TryDelete(work);
        }
    }

    /// <summary>npm's lighthouse, installed once into a folder of its own beside the kept corpora; the path of its CLI.</summary>
    private static async Task<string> InstallAsync(CancellationToken cancellationToken)
    {
        var tools = Path.Combine(Path.GetTempPath(), "socialcarestories-benchmark-tools");
        var cli = Path.Combine(tools, "node_modules", "lighthouse", "cli", "index.js");
        if (!File.Exists(cli))
        {
            Console.WriteLine($"Installing lighthouse (npm) into {tools}…");
            Directory.CreateDirectory(tools);
            await ChildProcess.RunToEndAsync("npm", ["install", "--prefix", tools, "--no-audit", "--no-fund", "lighthouse"], new Dictionary<string, string>(), tools, cancellationToken);
        }

        return cli;
    }

    private static async Task<List<PageResult>> MeasureAsync(string cli, string build, Uri address, int runs, string work, CancellationToken cancellationToken)
    {
        var pages = new List<(string Name, string Path)> { ("home", "/"), ("story", await FirstStoryAsync(address, cancellationToken)), ("stories", "/stories"), ("search", "/search?q=care"), ("awards", "/awards") };
        var results = new List<PageResult>();
        foreach (var (name, path) in pages)
        {
            // Warm the output cache and the JIT first: Lighthouse measures a reader's visit, not the app's first request.
            using (var client = new HttpClient())
            {
                await client.GetStringAsync(new Uri(address, path), cancellationToken);
            }

            var measured = new List<PageResult>();
            for (var run = 0; run < runs; run++)
            {
                var output = Path.Combine(work, $"{build.Replace(' ', '-')}-{name}-{run}.json");
                await ChildProcess.RunToEndAsync(
                    "node",
                    [cli, new Uri(address, path).ToString(), "--output=json", $"--output-path={output}", "--quiet",
                     $"--only-categories={string.Join(',', Categories)}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                    new Dictionary<string, string> { ["CHROME_PATH"] = Chromium }, work, cancellationToken);
                measured.Add(Read(build, name, path, output));
            }

            // The median run by performance score, as Lighthouse's own guidance suggests for a few runs.
            var median = measured.OrderBy(r => r.Scores["performance"]).ElementAt(measured.Count / 2);
            Console.WriteLine($"  {build,-10} {name,-8} perf {median.Scores["performance"],3} a11y {median.Scores["accessibility"],3} bp {median.Scores["best-practices"],3} seo {median.Scores["seo"],3}  {median.KibWithoutImages,6:F1} KiB  {median.ConsoleErrors} console errors");
            results.Add(median);
        }

        return results;
    }

    private static async Task<string> FirstStoryAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var list = await client.GetStringAsync(new Uri(address, "/stories"), cancellationToken);
        return StoryLink().Match(list) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("/stories lists no story");
    }

    private static PageResult Read(string build, string name, string path, string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = json.RootElement;
        var scores = Categories.ToDictionary(c => c, c => root.GetProperty("categories").GetProperty(c).GetProperty("score") is { ValueKind: JsonValueKind.Number } score
            ? (int)Math.Round(score.GetDouble() * 100) : -1);
        var audits = root.GetProperty("audits");
        long bytes = 0;
        foreach (var request in audits.GetProperty("network-requests").GetProperty("details").GetProperty("items").EnumerateArray())
        {
            if (request.TryGetProperty("resourceType", out var type) && type.GetString() == "Image")
            {
                continue;
            }

            bytes += request.TryGetProperty("transferSize", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : 0;
        }

        var errors = audits.GetProperty("errors-in-console").TryGetProperty("details", out var details) && details.TryGetProperty("items", out var items)
            ? items.GetArrayLength() : 0;
        var failed = Categories.Where(c => scores[c] < 100 && c != "performance" || c == "performance" && scores[c] < 90)
            .SelectMany(c => root.GetProperty("categories").GetProperty(c).GetProperty("auditRefs").EnumerateArray()
                .Select(a => a.GetProperty("id").GetString()!)
                .Where(id => audits.GetProperty(id) is var audit && audit.GetProperty("score") is { ValueKind: JsonValueKind.Number } s && s.GetDouble() < 0.9
                    && audit.GetProperty("scoreDisplayMode").GetString() is "binary" or "numeric" or "metricSavings"))
            .Distinct().ToList();
        var fcp = audits.GetProperty("first-contentful-paint").GetProperty("numericValue").GetDouble();
        var lcp = audits.GetProperty("largest-contentful-paint").GetProperty("numericValue").GetDouble();
        return new PageResult(build, name, path, scores, bytes / 1024.0, errors, fcp, lcp, failed);
    }

    private static string Render(IReadOnlyList<PageResult> results, int runs, string[] args)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        Line(StartMarker);
        Line("### Lighthouse: the reader pages on a phone");
        Line();
        Line(Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project tests/SocialCareStories.Benchmarks -- lighthouse{(args.Length > 0 ? " " + string.Join(' ', args) : "")}`: Lighthouse's mobile profile (simulated slow 4G, 4× CPU slowdown) in Debian's Chromium, {(runs == 1 ? "one run" : $"the median of {runs} runs")} per page, on the seeded store, each page requested once before so the output cache holds it. Targets: performance ≥ 90, accessibility 100, best practices ≥ 95, SEO 100, at most 150 KiB transferred without images, no console errors."));
        Line();
        Line("| run | page | performance | accessibility | best practices | SEO | KiB without images | FCP | LCP | console errors |");
        Line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Line(Invariant($"| {r.Build} | {r.Name} (`{r.Path}`) | {Mark(r.Scores["performance"], 90)} | {Mark(r.Scores["accessibility"], 100)} | {Mark(r.Scores["best-practices"], 95)} | {Mark(r.Scores["seo"], 100)} | {(r.KibWithoutImages <= 150 ? r.KibWithoutImages.ToString("F1", CultureInfo.InvariantCulture) : $"**{r.KibWithoutImages:F1}**")} | {r.FirstContentfulPaintMs / 1000:F1} s | {r.LargestContentfulPaintMs / 1000:F1} s | {(r.ConsoleErrors == 0 ? "0" : $"**{r.ConsoleErrors}**")} |"));
        }

        var missed = results.Where(r => r.Failed.Count > 0).Select(r => $"{r.Build} {r.Name}: {string.Join(", ", r.Failed)}").ToList();
        if (missed.Count > 0)
        {
            Line();
            Line("Audits below 0.9 on pages under a target: " + string.Join("; ", missed) + ".");
        }

        Line(EndMarker);
        return text.ToString();
    }

    private static string Mark(int score, int target) => score >= target ? score.ToString(CultureInfo.InvariantCulture) : $"**{score}**";

    [GeneratedRegex("href=\"(/stories/[a-z0-9-]+)\"")]
    private static partial Regex StoryLink();

    private sealed record PageResult(
        string Build, string Name, string Path, Dictionary<string, int> Scores, double KibWithoutImages, int ConsoleErrors,
        double FirstContentfulPaintMs, double LargestContentfulPaintMs, IReadOnlyList<string> Failed);
}

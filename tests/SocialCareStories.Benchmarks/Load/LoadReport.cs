using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>The Markdown sections of docs/performance.md that <c>load</c>, <c>soak</c> and <c>circuits</c> replace, each between its own markers.</summary>
internal static class LoadReport
{
    private const double Megabyte = 1_048_576.0;
    private const double Gigabyte = 1024 * Megabyte;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>
    /// The first half of a soak is not judged: JIT, pools and above all the output cache finding their size (pages
    /// are kept 10 minutes, up to the cache's 100 MB default limit, which at these rates fills within minutes).
    /// </summary>
    public static TimeSpan SoakWarmUp(TimeSpan duration) => duration / 2;

    public static LoadSection Load(LoadContext context, IReadOnlyList<ReaderRun> runs)
    {
        var options = context.Options;
        var text = Start(context, out var end);
        Line(text, $"| readers | wrk {options.Threads} threads, {options.Connections} keep-alive connections, as fast as they are answered; {options.Rounds} round(s) of {options.Seconds} s readers only, then {options.Rounds} with the editors (not interleaved: a publish evicts cached pages), after filling the cache with every non-story address and a 30 s warm-up. Mix: 50% story pages, 15% category and tag pages, 10% home and story list pages, 15% searches, 10% feeds, from {Addresses(context)} |");
        Line(text, $"| editors | {options.Editors} Playwright sessions in Debian's Chromium, signed in as Editor (accounts from `users add`), each on its own stories: open the editor, change the body, **save**, change it again, **publish**, check the public page shows the new words; {options.PauseMilliseconds} ms pause between steps |");
        Line(text);
        Line(text, "| run | round | requests/s | p50 ms | p95 ms | p99 ms | max ms | reader errors | saves | publishes | editor errors | working set max MB | GC heap max MB |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            var r = run.Readers;
            var editing = run.Editing.Editors == 0 ? "| – | – | – " : $"| {run.Editing.Saves} | {run.Editing.Publishes} | {run.Editing.Errors} ";
            Line(text, $"| {run.Name} | {run.Round} | {r.RequestsPerSecond.ToString("N0", Culture)} | {Ms(r.LatencyMicroseconds.P50)} | {Ms(r.LatencyMicroseconds.P95)} | {Ms(r.LatencyMicroseconds.P99)} | {Ms(r.LatencyMicroseconds.Max)} | {r.Errors} {editing}| {MaxMb(run.Memory, s => s.WorkingSetBytes)} | {MaxMb(run.Memory, s => s.GcHeapBytes)} |");
        }

        Line(text);
        var alone = runs.Where(r => r.Editing.Editors == 0).ToList();
        var edited = runs.Where(r => r.Editing.Editors > 0).ToList();
        Line(text, "With the editors against readers only (medians of the rounds; above 100% means more, or slower, with the editors):");
        Line(text);
        Line(text, "| measure | readers only | readers + editors | ratio |");
        Line(text, "| --- | ---: | ---: | ---: |");
        RatioLine(text, "requests/s", alone, edited, r => r.Readers.RequestsPerSecond, v => v.ToString("N0", Culture));
        RatioLine(text, "p50 latency ms", alone, edited, r => r.Readers.LatencyMicroseconds.P50 / 1000.0, v => v.ToString("F1", Culture));
        RatioLine(text, "p95 latency ms", alone, edited, r => r.Readers.LatencyMicroseconds.P95 / 1000.0, v => v.ToString("F1", Culture));
        RatioLine(text, "p99 latency ms", alone, edited, r => r.Readers.LatencyMicroseconds.P99 / 1000.0, v => v.ToString("F1", Culture));
        RatioLine(text, "working set max MB", alone, edited, r => r.Memory.Count == 0 ? double.NaN : r.Memory.Max(s => s.WorkingSetBytes) / Megabyte, v => v.ToString("F0", Culture));
        Line(text);

        var saves = new LatencyRun(true, [.. edited.SelectMany(r => r.Editing.SaveMilliseconds)], 0);
        var publishes = new LatencyRun(true, [.. edited.SelectMany(r => r.Editing.PublishMilliseconds)], 0);
        Line(text, $"Editors, all rounds: {edited.Sum(r => r.Editing.Saves)} saves (click to \"Saved\": median {saves.Median.ToString("F0", Culture)} ms, p95 {saves.P95.ToString("F0", Culture)} ms), "
            + $"{edited.Sum(r => r.Editing.Publishes)} publishes (median {publishes.Median.ToString("F0", Culture)} ms, p95 {publishes.P95.ToString("F0", Culture)} ms), {edited.Sum(r => r.Editing.Errors)} errors.");
        foreach (var problem in edited.SelectMany(r => r.Editing.FirstErrors).Take(5))
        {
            Line(text, $"- {problem}");
        }

        Line(text);
        var readerErrors = runs.Sum(r => r.Readers.Errors);
        Line(text, readerErrors == 0
            ? "Reader errors: **none** (no answer outside 2xx/3xx, no connect, read, write or timeout error)."
            : $"Reader errors: **{readerErrors}** ({string.Join(", ", runs.Where(r => r.Readers.Errors > 0).Select(r => $"{r.Name} round {r.Round}: {r.Readers.StatusErrors} status, {r.Readers.ConnectErrors + r.Readers.ReadErrors + r.Readers.WriteErrors} socket, {r.Readers.Timeouts} timeouts"))}).");
        Line(text, $"Requests sent by kind over all runs: {string.Join(", ", runs.SelectMany(r => r.Readers.Sent).GroupBy(s => s.Key).Select(g => $"{g.Key} {g.Sum(s => s.Value).ToString("N0", Culture)}"))}.");
        return Finish(text, context, end);
    }

    public static LoadSection Soak(LoadContext context, WrkResult result, IReadOnlyList<MemorySample> samples, IReadOnlyList<SoakPoint> points)
    {
        var options = context.Options;
        var duration = TimeSpan.FromMinutes(options.Minutes);
        var warmUp = SoakWarmUp(duration);
        var text = Start(context, out var end);
        Line(text, $"| readers | wrk {options.Threads} threads, {options.Connections} keep-alive connections, paced to **{options.Rate} requests/s** for {options.Minutes} min (after filling the output cache past its 100 MB limit with distinct story pages, and a 30 s warm-up at full speed); the same mix as the load run, from {Addresses(context)} |");
        Line(text, $"| memory | working set (VmRSS) and the `gc-heap-size` counter every {options.SampleSeconds} s ({samples.Count} samples); the live heap after a forced full collection once a minute. The first {warmUp.TotalMinutes.ToString("0.#", Culture)} min are warm-up (the output cache filling) and not judged |");
        Line(text);
        Line(text, $"Sent {result.Requests.ToString("N0", Culture)} requests in {(result.DurationMicroseconds / 60e6).ToString("F1", Culture)} min ({result.RequestsPerSecond.ToString("N1", Culture)}/s); latency p50 {Ms(result.LatencyMicroseconds.P50)} ms, p95 {Ms(result.LatencyMicroseconds.P95)} ms, p99 {Ms(result.LatencyMicroseconds.P99)} ms, max {Ms(result.LatencyMicroseconds.Max)} ms; "
            + (result.Errors == 0 ? "**no errors**." : $"**{result.Errors} errors** ({result.StatusErrors} status, {result.ConnectErrors + result.ReadErrors + result.WriteErrors} socket, {result.Timeouts} timeouts)."));
        Line(text);
        Line(text, "| minute | requests so far | live heap after forced GC, MB | working set MB |");
        Line(text, "| ---: | ---: | ---: | ---: |");
        foreach (var point in points)
        {
            Line(text, $"| {point.Elapsed.TotalMinutes.ToString("F1", Culture)} | {point.RequestsSoFar.ToString("N0", Culture)} | {(point.Heap.Bytes / Megabyte).ToString("F1", Culture)} | {(point.Heap.WorkingSetBytes / Megabyte).ToString("F0", Culture)} |");
        }

        Line(text);
        var rate = result.RequestsPerSecond;
        var judged = points.Where(p => p.Elapsed >= warmUp).ToList();
        var judgedSamples = samples.Where(s => s.Elapsed >= warmUp).ToList();
        var liveSlope = Slope(judged.Select(p => ((double)p.RequestsSoFar, (double)p.Heap.Bytes)));
        var setSlope = Slope(judgedSamples.Select(s => (s.Elapsed.TotalSeconds * rate, (double)s.WorkingSetBytes)));
        var heapSlope = Slope(judgedSamples.Where(s => s.GcHeapBytes is not null).Select(s => (s.Elapsed.TotalSeconds * rate, (double)s.GcHeapBytes!.Value)));
        Line(text, "Growth after the warm-up, least-squares slope against requests served, per 1,000 requests:");
        Line(text);
        Line(text, "| measure | readings | first | last | growth per 1,000 requests |");
        Line(text, "| --- | ---: | ---: | ---: | ---: |");
        if (judged.Count > 0)
        {
            Line(text, $"| live heap after forced GC | {judged.Count} | {(judged[0].Heap.Bytes / Megabyte).ToString("F1", Culture)} MB | {(judged[^1].Heap.Bytes / Megabyte).ToString("F1", Culture)} MB | {Kb(liveSlope)} |");
        }

        if (judgedSamples.Count > 0)
        {
            Line(text, $"| working set | {judgedSamples.Count} | {(judgedSamples[0].WorkingSetBytes / Megabyte).ToString("F0", Culture)} MB | {(judgedSamples[^1].WorkingSetBytes / Megabyte).ToString("F0", Culture)} MB | {Kb(setSlope)} |");
            var heaps = judgedSamples.Where(s => s.GcHeapBytes is not null).ToList();
            if (heaps.Count > 0)
            {
                Line(text, $"| GC heap (counter, between collections) | {heaps.Count} | {(heaps[0].GcHeapBytes!.Value / Megabyte).ToString("F0", Culture)} MB | {(heaps[^1].GcHeapBytes!.Value / Megabyte).ToString("F0", Culture)} MB | {Kb(heapSlope)} |");
            }
        }

        Line(text);
        if (judged.Count >= 2)
        {
            var measured = judged[^1].RequestsSoFar - judged[0].RequestsSoFar;
            var growth = liveSlope * measured;
            var tolerance = Math.Max(2 * Megabyte, 0.05 * judged[0].Heap.Bytes);
            // A leak is growth; a heap that ends smaller (the output cache expiring pages, say) is no leak.
            var verdict = growth >= tolerance ? "**grows**" : growth <= -tolerance ? "**does not grow** (it shrank)" : "is **flat**";
            Line(text, $"Verdict: the live heap {verdict}: {(growth / Megabyte).ToString("+0.0;-0.0", Culture)} MB over the {measured.ToString("N0", Culture)} requests after the warm-up by the slope "
                + "(flat means less than 2 MB or 5% of the heap, whichever is larger, over the judged part).");
        }

        return Finish(text, context, end);
    }

    public static LoadSection Circuits(LoadContext context, IReadOnlyList<CircuitStep> steps, LiveHeap closed)
    {
        var text = Start(context, out var end);
        Line(text, "| circuits | editor pages (`/admin/stories/{id}`, each a different story of ~1.5 KB) open in one signed-in Chromium context, each page its own interactive circuit; memory read after a forced full collection, 5 s after the last page went live |");
        Line(text);
        Line(text, "| open editor circuits | live heap MB | working set MB | live heap per circuit KB | working set per circuit KB | pages disconnected |");
        Line(text, "| ---: | ---: | ---: | ---: | ---: | ---: |");
        var baseline = steps[0].Heap;
        foreach (var step in steps)
        {
            var perHeap = step.Circuits == 0 ? "–" : ((step.Heap.Bytes - baseline.Bytes) / 1024.0 / step.Circuits).ToString("N0", Culture);
            var perSet = step.Circuits == 0 ? "–" : ((step.Heap.WorkingSetBytes - baseline.WorkingSetBytes) / 1024.0 / step.Circuits).ToString("N0", Culture);
            Line(text, $"| {step.Circuits} | {(step.Heap.Bytes / Megabyte).ToString("F1", Culture)} | {(step.Heap.WorkingSetBytes / Megabyte).ToString("F0", Culture)} | {perHeap} | {perSet} | {step.Disconnected} |");
        }

        Line(text, $"| 0 (all pages closed, 10 s later) | {(closed.Bytes / Megabyte).ToString("F1", Culture)} | {(closed.WorkingSetBytes / Megabyte).ToString("F0", Culture)} | | | |");
        Line(text);
        var last = steps[^1];
        if (last.Circuits > 0)
        {
            var heapPer = (last.Heap.Bytes - baseline.Bytes) / (double)last.Circuits;
            var setPer = (last.Heap.WorkingSetBytes - baseline.WorkingSetBytes) / (double)last.Circuits;
            // Between the two largest counts: the cost of one more circuit once the app is holding many.
            var previous = steps.Count > 2 ? steps[^2] : steps[0];
            var marginal = (last.Heap.Bytes - previous.Heap.Bytes) / (double)(last.Circuits - previous.Circuits);
            Line(text, $"Per circuit, with {last.Circuits} open: **{(heapPer / 1024).ToString("N0", Culture)} KB of live managed heap** ({(marginal / 1024).ToString("N0", Culture)} KB between {previous.Circuits} and {last.Circuits}) and {(setPer / 1024).ToString("N0", Culture)} KB of working set.");
            Line(text, $"In 1 GB: about **{(Gigabyte / heapPer).ToString("N0", Culture)} circuits** counting the managed heap alone; about {((Gigabyte - baseline.WorkingSetBytes) / Math.Max(setPer, heapPer)).ToString("N0", Culture)} counting the working set the process needs beside its {(baseline.WorkingSetBytes / Megabyte).ToString("F0", Culture)} MB without circuits (the working set grows in steps as the GC commits memory, so the live heap is the steadier figure).");
        }

        Line(text);
        // The app configures none of these (PortalUi sets only the hub's MaximumReceiveMessageSize), so the defaults apply.
        var defaults = new Microsoft.AspNetCore.Components.Server.CircuitOptions();
        var settings = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).GetProperties()
            .Where(p => p.PropertyType.IsPrimitive || p.PropertyType == typeof(TimeSpan) || Nullable.GetUnderlyingType(p.PropertyType) is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"`{p.Name}` = {Convert.ToString(p.GetValue(defaults), Culture) ?? "not set"}");
        Line(text, $"Circuit options in force (this framework's defaults; the app sets none): {string.Join(", ", settings)}.");
        return Finish(text, context, end);
    }

    private static StringBuilder Start(LoadContext context, out string endMarker)
    {
        var name = context.Options.SectionName;
        var text = new StringBuilder();
        endMarker = $"<!-- {name}:end -->";
        Line(text, $"<!-- {name}:start -->");
        var engine = context.Options.Store == LoadStore.Postgres ? " on PostgreSQL" : "";
        Line(text, $"### Latest {context.Options.Command} run{engine}: {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", Culture)} UTC");
        Line(text);
        Line(text, "| | |");
        Line(text, "| --- | --- |");
        Line(text, $"| machine | {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; **shared** with other builds (load average {LoadAverage()} when this was written), so compare the ratios, not the absolute figures, with other runs; wrk, Chromium and the app on the same cores, over loopback |");
        Line(text, $"| corpus | {context.Corpus.Stories.ToString("N0", Culture)} published stories |");
        Line(text, $"| store | {context.Store.Description} |");
        return text;
    }

    private static LoadSection Finish(StringBuilder text, LoadContext context, string endMarker)
    {
        Line(text);
        Line(text, "Command:");
        Line(text);
        Line(text, "```bash");
        Line(text, $"dotnet run -c Release --project tests/SocialCareStories.Benchmarks -- {context.Options.Command}{CommandOptions(context.Options)}");
        Line(text, "```");
        Line(text, endMarker);
        return new LoadSection($"<!-- {context.Options.SectionName}:start -->", endMarker, text.ToString());
    }

    private static string CommandOptions(LoadOptions options)
    {
        var defaults = LoadOptions.Parse(options.Command, [], out _)!;
        var parts = new List<string>();
        void Add(bool changed, string part)
        {
            if (changed)
            {
                parts.Add(part);
            }
        }

        Add(options.Stories != defaults.Stories, $"--stories {options.Stories}");
        Add(options.Store != defaults.Store, "--store postgres");
        Add(options.Seconds != defaults.Seconds && options.Command == "load", $"--seconds {options.Seconds}");
        Add(options.Rounds != defaults.Rounds && options.Command == "load", $"--rounds {options.Rounds}");
        Add(options.Connections != defaults.Connections && options.Command != "circuits", $"--connections {options.Connections}");
        Add(options.Threads != defaults.Threads && options.Command != "circuits", $"--threads {options.Threads}");
        Add(options.Editors != defaults.Editors && options.Command == "load", $"--editors {options.Editors}");
        Add(options.PauseMilliseconds != defaults.PauseMilliseconds && options.Command == "load", $"--pause-ms {options.PauseMilliseconds}");
        Add(options.Minutes != defaults.Minutes && options.Command == "soak", $"--minutes {options.Minutes}");
        Add(options.Rate != defaults.Rate && options.Command == "soak", $"--rate {options.Rate}");
        Add(options.SampleSeconds != defaults.SampleSeconds && options.Command == "soak", $"--sample-seconds {options.SampleSeconds}");
        Add(!options.Circuits.SequenceEqual(defaults.Circuits) && options.Command == "circuits", $"--circuits {string.Join(',', options.Circuits)}");
        return parts.Count == 0 ? "" : " " + string.Join(' ', parts);
    }

    private static string Addresses(LoadContext context) =>
        string.Join(", ", context.Addresses.Counts.Select(c => $"{c.Value.ToString("N0", Culture)} {c.Key}")) + " addresses";

    private static void RatioLine(StringBuilder text, string name, List<ReaderRun> alone, List<ReaderRun> edited, Func<ReaderRun, double> measure, Func<double, string> format)
    {
        var a = Median(alone.Select(measure));
        var b = Median(edited.Select(measure));
        Line(text, $"| {name} | {format(a)} | {format(b)} | {(b / a).ToString("P0", Culture)} |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Least-squares slope of y against x; NaN with fewer than two distinct x.</summary>
    private static double Slope(IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        if (list.Count < 2)
        {
            return double.NaN;
        }

        var meanX = list.Average(p => p.X);
        var meanY = list.Average(p => p.Y);
        var spread = list.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? double.NaN : list.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }

    private static string Kb(double bytesPerRequest) =>
        double.IsNaN(bytesPerRequest) ? "–" : $"{(bytesPerRequest * 1000 / 1024).ToString("+0.0;-0.0", Culture)} KB";

    private static string Ms(double microseconds) => (microseconds / 1000).ToString("F1", Culture);

    private static string MaxMb(IReadOnlyList<MemorySample> samples, Func<MemorySample, long?> value)
    {
        var values = samples.Select(value).Where(v => v is not null).ToList();
        return values.Count == 0 ? "–" : (values.Max()!.Value / Megabyte).ToString("F0", Culture);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}

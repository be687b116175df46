using System.Diagnostics;
using Microsoft.Playwright;
using SocialCareStories.TestSupport;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>One wrk run and the app's memory during it; <see cref="EditorTally"/> says what the editors did meanwhile, if any.</summary>
internal sealed record ReaderRun(string Name, int Round, WrkResult Readers, IReadOnlyList<MemorySample> Memory, EditorTally Editing);

/// <summary>The memory after a forced full collection with <see cref="Circuits"/> editor pages open.</summary>
internal sealed record CircuitStep(int Circuits, LiveHeap Heap, int Disconnected);

/// <summary>A forced-collection reading taken during the soak, with how many requests had been sent by then.</summary>
internal sealed record SoakPoint(TimeSpan Elapsed, long RequestsSoFar, LiveHeap Heap);

/// <summary>
/// The <c>load</c>, <c>soak</c> and <c>circuits</c> commands: the same published app, corpus and loopback process as
/// the page benchmark, then readers from wrk (Debian's package) and editors in Debian's Chromium (Playwright).
/// Each writes its own marked section of docs/performance.md.
/// </summary>
internal static class LoadCommand
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "load", "soak", "circuits" };
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);
    private const int PrimingConnections = 4;

    public static async Task<int> RunAsync(string command, string[] args)
    {
        var options = LoadOptions.Parse(command, args, out var usageError);
        if (options is null)
        {
            Console.Error.WriteLine(usageError);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        var root = Workspace.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory($"socialcarestories-{command}-").FullName;
        using var cancellation = new CancellationTokenSource();
        AppProcess? app = null;
        LocalPostgresCluster? postgres = null;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            app?.Dispose();
            postgres?.Dispose();
        };
        try
        {
            var token = cancellation.Token;
            if (command != "circuits")
            {
                await Wrk.EnsureInstalledAsync(token);
            }

            Console.WriteLine($"{command}: {options.Stories:N0} stories; working in {work}");
            var appFolder = Path.Combine(work, "app");
            Console.WriteLine("Publishing the app (Release)…");
            await Workspace.PublishAsync(root, appFolder, token);
            Console.WriteLine("Generating the corpus…");
            var databasePath = Path.Combine(work, "store.db");
            var corpus = await CorpusStore.GetAsync(Path.Combine(root, "seeds"), databasePath, options.Stories, options.CorpusFolder, options.Fresh, token);
            var addresses = await ReaderAddresses.WriteAsync(databasePath, corpus, Path.Combine(work, "addresses.txt"), token);
            Console.WriteLine($"  {corpus.Stories:N0} stories; reader addresses: {string.Join(", ", addresses.Counts.Select(c => $"{c.Value:N0} {c.Key}"))}");

            var store = AppStore.Sqlite(databasePath);
            if (options.Store == LoadStore.Postgres)
            {
                Console.WriteLine("Starting PostgreSQL and copying the corpus into it…");
                postgres = await PostgresCorpus.StartClusterAsync(token);
                store = await PostgresCorpus.CopyAsync(postgres, appFolder, databasePath, token);
            }

            Console.WriteLine($"Starting the app on {store.Description}…");
            app = await AppProcess.StartAsync(appFolder, store, token);
            Console.WriteLine($"  listening on {app.Address}, process {app.ProcessId}");

            var context = new LoadContext(options, app, appFolder, store, corpus, addresses);
            var (section, failed) = command switch
            {
                "load" => await LoadAsync(context, token),
                "soak" => await SoakAsync(context, token),
                _ => await CircuitsAsync(context, token),
            };
            Console.WriteLine();
            Console.WriteLine(section.Text);
            var outFile = Path.IsPathRooted(options.Out) ? options.Out : Path.Combine(root, options.Out);
            Report.WriteSection(outFile, section.Text, section.StartMarker, section.EndMarker);
            Console.WriteLine($"Written to {outFile}");
            return failed ? 3 : 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or PlaywrightException)
        {
            Console.Error.WriteLine($"{command} failed: {e.Message}");
            if (app is not null)
            {
                Console.Error.WriteLine(app.RecentOutput());
            }

            return 1;
        }
        finally
        {
            app?.Dispose();
            postgres?.Dispose();
            if (!options.Keep)
            {
                Workspace.TryDelete(work);
            }
            else
            {
                Console.WriteLine($"Kept {work}");
            }
        }
    }

    /// <summary>Readers alone, then readers with the editors saving and publishing, on a filled output cache.</summary>
    private static async Task<(LoadSection, bool)> LoadAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var duration = TimeSpan.FromSeconds(options.Seconds);
        await using var editors = await Editors.LaunchAsync(context.App.Address, cancellationToken);
        for (var i = 0; i < options.Editors; i++)
        {
            await editors.SignInNewEditorAsync(context.AppFolder, context.Store, cancellationToken);
        }

        Console.WriteLine($"  {options.Editors} editors signed in");
        await PrimeAsync(context, cancellationToken);
        Console.WriteLine($"Warming up: readers for {WarmUp.TotalSeconds:F0} s…");
        await Wrk.RunAsync(context.App.Address, context.Addresses.File, options.Threads, options.Connections, WarmUp, 0, cancellationToken);

        // Readers alone first, every round, then with the editors: not interleaved, because every publish empties
        // the whole output cache, and refilling it at 100,000 stories takes minutes, so a readers-only run after an
        // editing run would measure a cold cache rather than readers alone.
        var runs = new List<ReaderRun>();
        await using var memory = ServerMemory.Start(context.App.ProcessId, TimeSpan.FromSeconds(2));
        foreach (var withEditors in new[] { false, true })
        {
            if (withEditors)
            {
                // The editor's first page and save compile code; not measured.
                await editors.EditAsync(context.Addresses.StoryIds, TimeSpan.FromSeconds(1), TimeSpan.Zero, cancellationToken);
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                memory.Restart();
                var readers = Wrk.RunAsync(context.App.Address, context.Addresses.File, options.Threads, options.Connections, duration, 0, cancellationToken);
                var editing = withEditors
                    ? editors.EditAsync(context.Addresses.StoryIds, duration, TimeSpan.FromMilliseconds(options.PauseMilliseconds), cancellationToken)
                    : Task.FromResult(EditorTally.None);
                await Task.WhenAll(readers, editing);
                var run = new ReaderRun(withEditors ? "readers + editors" : "readers only", round, await readers, memory.Samples, await editing);
                runs.Add(run);
                Console.WriteLine($"  {run.Name}, round {round}: {run.Readers.RequestsPerSecond:N0} requests/s, p99 {run.Readers.LatencyMicroseconds.P99 / 1000.0:F1} ms, {run.Readers.Errors} errors"
                    + (withEditors ? $"; editors: {run.Editing.Saves} saves, {run.Editing.Publishes} publishes, {run.Editing.Errors} errors" : ""));
                foreach (var problem in run.Editing.FirstErrors)
                {
                    Console.WriteLine($"    {problem}");
                }
            }
        }

        var failed = runs.Any(r => r.Readers.Errors > 0 || r.Editing.Errors > 0);
        return (LoadReport.Load(context, runs), failed);
    }

    /// <summary>
    /// Readers at a steady rate for many minutes, the working set and GC heap sampled every few seconds and the live
    /// heap read after a forced collection once a minute, to see whether memory grows with the requests served.
    /// </summary>
    private static async Task<(LoadSection, bool)> SoakAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        await PrimeAsync(context, cancellationToken);
        await FillWithStoryPagesAsync(context, cancellationToken);
        Console.WriteLine($"Warming up: readers for {WarmUp.TotalSeconds:F0} s at full speed…");
        await Wrk.RunAsync(context.App.Address, context.Addresses.File, options.Threads, options.Connections, WarmUp, 0, cancellationToken);

        var duration = TimeSpan.FromMinutes(options.Minutes);
        Console.WriteLine($"Soak: {options.Rate} requests/s for {options.Minutes} min…");
        var points = new List<SoakPoint> { new(TimeSpan.Zero, 0, await ServerMemory.CollectAndMeasureAsync(context.App.ProcessId, cancellationToken)) };
        await using var memory = ServerMemory.Start(context.App.ProcessId, TimeSpan.FromSeconds(options.SampleSeconds));
        var clock = Stopwatch.StartNew();
        var readers = Wrk.RunAsync(context.App.Address, context.Addresses.File, options.Threads, options.Connections, duration, options.Rate, cancellationToken);
        while (!readers.IsCompleted)
        {
            var next = TimeSpan.FromMinutes(points.Count);
            var wait = next - clock.Elapsed;
            if (await Task.WhenAny(readers, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken)) == readers || next >= duration)
            {
                break;
            }

            var heap = await ServerMemory.CollectAndMeasureAsync(context.App.ProcessId, cancellationToken);
            var elapsed = clock.Elapsed;
            points.Add(new SoakPoint(elapsed, (long)(elapsed.TotalSeconds * options.Rate), heap));
            Console.WriteLine($"  {elapsed.TotalMinutes:F1} min: live heap {heap.Bytes / 1_048_576.0:F1} MB, working set {heap.WorkingSetBytes / 1_048_576.0:F0} MB");
        }

        var result = await readers;
        points.Add(new SoakPoint(clock.Elapsed, result.Requests, await ServerMemory.CollectAndMeasureAsync(context.App.ProcessId, cancellationToken)));
        Console.WriteLine($"  done: {result.Requests:N0} requests, {result.RequestsPerSecond:N1}/s, {result.Errors} errors");
        return (LoadReport.Soak(context, result, memory.Samples, points), result.Errors > 0);
    }

    /// <summary>
    /// Fetches every listing, search and feed address once, a few at a time, as a site that has been up a while has
    /// them in its output cache: at 100,000 stories the first render of the home page, a feed or a category page
    /// takes seconds on a loaded machine, and a cold cache would be measured instead of the site.
    /// </summary>
    private static async Task PrimeAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var listings = context.Addresses.Listings;
        Console.WriteLine($"Filling the output cache: {listings.Count:N0} listing, search and feed addresses, {PrimingConnections} at a time…");
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = context.App.Address, Timeout = TimeSpan.FromMinutes(2) };
        var failed = 0;
        await Parallel.ForEachAsync(listings, new ParallelOptions { MaxDegreeOfParallelism = PrimingConnections, CancellationToken = cancellationToken }, async (path, token) =>
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), token);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
            }
        });
        Console.WriteLine($"  in {clock.Elapsed.TotalSeconds:F0} s; {failed} failed");
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of the reader addresses did not answer 2xx");
        }
    }

    /// <summary>
    /// Half the soak's requests are story pages picked at random from the whole corpus, and almost each one is a new
    /// output-cache entry: the cache grows by about a page per two requests until it reaches its size limit (ASP.NET
    /// Core's default, 100 MB), then stays there. Judged from a part-filled cache, that growth read as a leak. So the
    /// cache is filled past its limit first, with distinct story pages (they expire after ten minutes, as in service),
    /// and the soak then measures the steady state.
    /// </summary>
    private static async Task FillWithStoryPagesAsync(LoadContext context, CancellationToken cancellationToken)
    {
        const long target = 120L * 1024 * 1024;
        Console.WriteLine($"Filling the output cache past its 100 MB limit with story pages, {PrimingConnections} at a time…");
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = context.App.Address, Timeout = TimeSpan.FromMinutes(2) };
        long bytes = 0;
        var pages = 0;
        var slugs = context.Corpus.Slugs;
        // From the end of the corpus, so the readers' random picks that follow mostly miss the cache, as before.
        var next = slugs.Count;
        await Parallel.ForEachAsync(Enumerable.Range(0, PrimingConnections), new ParallelOptions { MaxDegreeOfParallelism = PrimingConnections, CancellationToken = cancellationToken }, async (_, token) =>
        {
            while (Interlocked.Read(ref bytes) < target && Interlocked.Decrement(ref next) is var index and >= 0)
            {
                var body = await client.GetByteArrayAsync(new Uri($"/stories/{slugs[index]}", UriKind.Relative), token);
                Interlocked.Add(ref bytes, body.Length);
                Interlocked.Increment(ref pages);
            }
        });
        Console.WriteLine($"  {pages:N0} story pages, {bytes / 1_048_576.0:F0} MB, in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>Opens editor pages in one signed-in browser and reads the live heap after a forced collection at each count.</summary>
    private static async Task<(LoadSection, bool)> CircuitsAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var pid = context.App.ProcessId;
        await using var editors = await Editors.LaunchAsync(context.App.Address, cancellationToken);
        var browser = await editors.SignInNewEditorAsync(context.AppFolder, context.Store, cancellationToken);
        // The landing page's circuit ends when the page leaves for about:blank; the baseline holds no circuit.
        await browser.Pages[0].GotoAsync("about:blank");
        // Warm the editor once (first render, JIT) in a page that is then closed, so the baseline is not a cold app.
        var warm = await browser.NewPageAsync();
        await Editors.OpenEditorAsync(warm, context.Addresses.StoryIds[0]);
        await warm.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);

        var baseline = await ServerMemory.CollectAndMeasureAsync(pid, cancellationToken);
        Console.WriteLine($"  no circuits: live heap {baseline.Bytes / 1_048_576.0:F1} MB, working set {baseline.WorkingSetBytes / 1_048_576.0:F0} MB");
        var steps = new List<CircuitStep> { new(0, baseline, 0) };
        var pages = new List<IPage>();
        foreach (var target in context.Options.Circuits)
        {
            while (pages.Count < target)
            {
                var page = await browser.NewPageAsync();
                await Editors.OpenEditorAsync(page, context.Addresses.StoryIds[(pages.Count + 1) * 97 % context.Addresses.StoryIds.Count]);
                pages.Add(page);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var heap = await ServerMemory.CollectAndMeasureAsync(pid, cancellationToken);
            var disconnected = 0;
            foreach (var page in pages)
            {
                // Blazor shows its reconnect dialog when a page has lost its circuit; a live editor page has none showing.
                disconnected += await page.EvaluateAsync<bool>("() => !!document.querySelector('#components-reconnect-modal.components-reconnect-show, #components-reconnect-modal[open]')") ? 1 : 0;
            }

            steps.Add(new CircuitStep(target, heap, disconnected));
            Console.WriteLine($"  {target} circuits: live heap {heap.Bytes / 1_048_576.0:F1} MB, working set {heap.WorkingSetBytes / 1_048_576.0:F0} MB, {disconnected} pages disconnected");
        }

        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        var closed = await ServerMemory.CollectAndMeasureAsync(pid, cancellationToken);
        Console.WriteLine($"  pages closed: live heap {closed.Bytes / 1_048_576.0:F1} MB, working set {closed.WorkingSetBytes / 1_048_576.0:F0} MB");
        return (LoadReport.Circuits(context, steps, closed), steps.Any(s => s.Disconnected > 0));
    }
}

/// <summary>What every load command works with.</summary>
internal sealed record LoadContext(LoadOptions Options, AppProcess App, string AppFolder, AppStore Store, Corpus Corpus, ReaderAddressSet Addresses);

/// <summary>A marked section of docs/performance.md: the text holds its own markers.</summary>
internal sealed record LoadSection(string StartMarker, string EndMarker, string Text);

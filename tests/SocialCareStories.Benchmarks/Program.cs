using SocialCareStories.Benchmarks;
using SocialCareStories.Benchmarks.Load;

// `load`, `soak` and `circuits` are their own commands (docs/performance.md, "Load, soak and circuits").
if (args.Length > 0 && LoadCommand.Names.Contains(args[0]))
{
    return await LoadCommand.RunAsync(args[0], args[1..]);
}

// `lighthouse`: the reader pages' Lighthouse scores on a phone (docs/performance.md, "Lighthouse").
if (args is [SocialCareStories.Benchmarks.Lighthouse.LighthouseCommand.Name, ..])
{
    return await SocialCareStories.Benchmarks.Lighthouse.LighthouseCommand.RunAsync(args[1..]);
}

var options = BenchmarkOptions.Parse(args, out var usageError);
if (options is null)
{
    Console.Error.WriteLine(usageError);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var root = Workspace.RepositoryRoot();
var work = Directory.CreateTempSubdirectory("socialcarestories-benchmark-").FullName;
using var cancellation = new CancellationTokenSource();
AppProcess? app = null;
// Ctrl+C and SIGTERM stop the run; the finally block below (and ProcessExit, if it never gets there) kills the app.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => app?.Dispose();

try
{
    var token = cancellation.Token;
    Console.WriteLine($"Benchmark: {options.Stories:N0} stories, {options.Workers} workers, {options.Rounds} rounds of {options.Seconds} s; working in {work}");

    var appFolder = Path.Combine(work, "app");
    Console.WriteLine("Publishing the app (Release)…");
    await Workspace.PublishAsync(root, appFolder, token);

    Console.WriteLine("Generating the corpus…");
    var databasePath = Path.Combine(work, "store.db");
    var seeds = Path.Combine(root, "seeds");
    var corpus = await CorpusStore.GetAsync(seeds, databasePath, options.Stories, options.CorpusFolder, options.Fresh, token);
    Console.WriteLine($"  {corpus.Stories:N0} stories in {corpus.GenerationTime.TotalSeconds:F1} s, database {corpus.DatabaseBytes / 1_048_576.0:F0} MB");

    Console.WriteLine("Starting the app…");
    app = await AppProcess.StartAsync(appFolder, AppStore.Sqlite(databasePath), token);
    Console.WriteLine($"  listening on {app.Address}");

    using var runner = new LoadRunner(app.Address, options.Workers);
    var measurement = await Measurement.RunAsync(runner, app, corpus, appFolder, options, token);

    var report = Report.Render(measurement, corpus, options, args);
    Console.WriteLine();
    Console.WriteLine(report);
    var outFile = Path.IsPathRooted(options.Out) ? options.Out : Path.Combine(root, options.Out);
    Report.WriteSection(outFile, report);
    Console.WriteLine($"Written to {outFile}");
    return measurement.Errors > 0 ? 3 : 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
{
    Console.Error.WriteLine($"Benchmark failed: {e.Message}");
    if (app is not null)
    {
        Console.Error.WriteLine(app.RecentOutput());
    }

    return 1;
}
finally
{
    app?.Dispose();
    if (!options.Keep)
    {
        Workspace.TryDelete(work);
    }
    else
    {
        Console.WriteLine($"Kept {work}");
    }
}

using System.Diagnostics;
using SocialCareStories.Benchmarks;

var options = BenchmarkOptions.Parse(args, out var usageError);
if (options is null)
{
    Console.Error.WriteLine(usageError);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var root = RepositoryRoot();
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
    await PublishAsync(root, appFolder, token);

    Console.WriteLine("Generating the corpus…");
    var databasePath = Path.Combine(work, "store.db");
    var seeds = Path.Combine(root, "seeds");
    var corpus = await CorpusStore.GetAsync(seeds, databasePath, options.Stories, options.CorpusFolder, options.Fresh, token);
    Console.WriteLine($"  {corpus.Stories:N0} stories in {corpus.GenerationTime.TotalSeconds:F1} s, database {corpus.DatabaseBytes / 1_048_576.0:F0} MB");

    Console.WriteLine("Starting the app…");
    app = await AppProcess.StartAsync(appFolder, databasePath, token);
    Console.WriteLine($"  listening on {app.Address}");

    using var runner = new LoadRunner(app.Address, options.Workers);
    var measurement = await Measurement.RunAsync(runner, corpus, appFolder, options, token);

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
        TryDelete(work);
    }
    else
    {
        Console.WriteLine($"Kept {work}");
    }
}

static async Task PublishAsync(string root, string output, CancellationToken cancellationToken)
{
    var start = new ProcessStartInfo("dotnet")
    {
        ArgumentList = { "publish", Path.Combine(root, "src", "SocialCareStories.Web"), "-c", "Release", "-o", output, "--nologo" },
        UseShellExecute = false,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    var clock = Stopwatch.StartNew();
    using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
    var stdout = publish.StandardOutput.ReadToEndAsync(cancellationToken);
    var stderr = publish.StandardError.ReadToEndAsync(cancellationToken);
    try
    {
        await publish.WaitForExitAsync(cancellationToken);
    }
    catch (OperationCanceledException)
    {
        publish.Kill(entireProcessTree: true);
        throw;
    }

    if (publish.ExitCode != 0)
    {
        throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
    }

    Console.WriteLine($"  published to {output} in {clock.Elapsed.TotalSeconds:F0} s");
}

static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SocialCareStories.sln")))
            {
                return folder.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository (SocialCareStories.sln not found).");
}

static void TryDelete(string folder)
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"Could not remove {folder}: {e.Message}");
    }
    catch (UnauthorizedAccessException e)
    {
        Console.Error.WriteLine($"Could not remove {folder}: {e.Message}");
    }
}

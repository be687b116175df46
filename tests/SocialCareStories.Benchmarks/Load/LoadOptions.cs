using System.Globalization;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>Which engine the app under load runs on.</summary>
internal enum LoadStore
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The command line of <c>load</c>, <c>soak</c> and <c>circuits</c>. Every option has a default that measures what
/// docs/performance.md reports, so each command runs as it is.
/// </summary>
internal sealed record LoadOptions(
    string Command,
    int Stories,
    int Seconds,
    int Rounds,
    int Threads,
    int Connections,
    int Editors,
    int PauseMilliseconds,
    int Minutes,
    int Rate,
    int SampleSeconds,
    IReadOnlyList<int> Circuits,
    string Out,
    bool Keep,
    bool Fresh,
    string? CorpusFolder,
    LoadStore Store = LoadStore.Sqlite)
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/SocialCareStories.Benchmarks -- COMMAND [options]
          load      readers (wrk) with and without two editors (Playwright), side by side
                    [--seconds 60] [--rounds 2] [--threads 2] [--connections 16] [--editors 2] [--pause-ms 1000]
          soak      readers at a steady rate, memory sampled throughout
                    [--minutes 10] [--rate 10] [--connections 16] [--sample-seconds 5]
          circuits  memory per open editor (interactive circuit)
                    [--circuits 20,60]
          all:      [--stories 100000] [--out docs/performance.md] [--keep] [--fresh] [--corpora FOLDER|none]
                    [--store sqlite|postgres]  postgres: a throwaway PostgreSQL cluster on loopback, the corpus
                                               copied into it with the app's copy-store command
        """;

    /// <summary>The marked section of docs/performance.md this run writes: one per command and engine.</summary>
    public string SectionName => Store == LoadStore.Sqlite ? Command : $"{Command}-postgres";

    public static LoadOptions? Parse(string command, string[] args, out string? error)
    {
        var options = new LoadOptions(command, Stories: 100_000, Seconds: 60, Rounds: 2, Threads: 2, Connections: 16, Editors: 2, PauseMilliseconds: 1000,
            Minutes: 10, Rate: 10, SampleSeconds: 5, Circuits: [20, 60], Out: "docs/performance.md", Keep: false, Fresh: false, CorpusFolder: CorpusStore.DefaultFolder);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--stories" => options with { Stories = Positive(Value()) },
                    "--seconds" => options with { Seconds = Positive(Value()) },
                    "--rounds" => options with { Rounds = Positive(Value()) },
                    "--threads" => options with { Threads = Positive(Value()) },
                    "--connections" => options with { Connections = Positive(Value()) },
                    "--editors" => options with { Editors = Positive(Value()) },
                    "--pause-ms" => options with { PauseMilliseconds = int.TryParse(Value(), out var pause) && pause >= 0 ? pause : throw new ArgumentException("--pause-ms must be 0 or more") },
                    "--minutes" => options with { Minutes = Positive(Value()) },
                    "--rate" => options with { Rate = Positive(Value()) },
                    "--sample-seconds" => options with { SampleSeconds = Positive(Value()) },
                    "--circuits" => options with { Circuits = [.. Value().Split(',').Select(Positive).Order()] },
                    "--out" => options with { Out = Value() },
                    "--keep" => options with { Keep = true },
                    "--fresh" => options with { Fresh = true },
                    "--store" => options with { Store = StoreNamed(Value()) },
                    "--corpora" => options with { CorpusFolder = Value() is var folder && folder == "none" ? null : Path.GetFullPath(folder) },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return null;
            }
        }

        if (options.Stories < 100)
        {
            error = "--stories must be at least 100";
            return null;
        }

        if (options.Connections < options.Threads)
        {
            error = "--connections must be at least --threads (wrk gives each thread its share)";
            return null;
        }

        return options;
    }

    private static LoadStore StoreNamed(string text) =>
        string.Equals(text, "sqlite", StringComparison.OrdinalIgnoreCase) ? LoadStore.Sqlite
        : string.Equals(text, "postgres", StringComparison.OrdinalIgnoreCase) ? LoadStore.Postgres
        : throw new ArgumentException($"--store must be sqlite or postgres, not '{text}'");

    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new ArgumentException($"'{text}' is not a positive whole number");
}

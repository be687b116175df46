namespace SocialCareStories.Benchmarks;

/// <summary>The command line: <c>[--stories N] [--seconds S] [--out FILE] [--workers W] [--rounds R] [--keep] [--fresh] [--corpora FOLDER|none]</c>.</summary>
internal sealed record BenchmarkOptions(int Stories, int Seconds, string Out, int Workers, int Rounds, bool Keep, bool Fresh, string? CorpusFolder)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/SocialCareStories.Benchmarks -- [--stories 100000] [--seconds 10] [--out docs/performance.md] [--workers 16] [--rounds 3] [--keep] [--fresh] [--corpora FOLDER|none]";

    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        var options = new BenchmarkOptions(Stories: 100_000, Seconds: 10, Out: "docs/performance.md", Workers: 16, Rounds: 3, Keep: false, Fresh: false, CorpusFolder: CorpusStore.DefaultFolder);
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
                    "--out" => options with { Out = Value() },
                    "--workers" => options with { Workers = Positive(Value()) },
                    "--rounds" => options with { Rounds = Positive(Value()) },
                    "--keep" => options with { Keep = true },
                    "--fresh" => options with { Fresh = true },
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

        // The rare word goes into about twenty stories; a corpus much smaller than that has nothing to measure.
        if (options.Stories < 100)
        {
            error = "--stories must be at least 100";
            return null;
        }

        return options;
    }

    private static int Positive(string text) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"'{text}' is not a positive whole number");
}

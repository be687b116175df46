using System.Diagnostics;

namespace SocialCareStories.Benchmarks;

/// <summary>The store the published app runs on, given to each of its processes (the app and its commands) as environment variables.</summary>
/// <param name="Description">For the report: the engine and how the corpus got into it.</param>
internal sealed record AppStore(string Description, IReadOnlyDictionary<string, string> Environment)
{
    public static AppStore Sqlite(string databasePath) =>
        new("SQLite, the app's own file", new Dictionary<string, string> { ["ConnectionStrings__Stories"] = $"Data Source={databasePath}" });

    public static AppStore Postgres(string description, string connectionString) =>
        new(description, new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__StoriesPostgres"] = connectionString,
        });

    public void ApplyTo(ProcessStartInfo start)
    {
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>How many distinct addresses of each kind the readers choose from, and the stories the editors work on.</summary>
/// <param name="Listings">Every address but the story pages: the ones the output cache keeps for all readers, which <see cref="LoadCommand"/> fetches once before measuring.</param>
internal sealed record ReaderAddressSet(string File, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<int> StoryIds, IReadOnlyList<string> Listings);

/// <summary>
/// Writes the addresses readers.lua picks from ("kind&lt;TAB&gt;path" per line), read from the corpus itself so every
/// one exists: every story page; category and tag pages with their first pages of stories; the home page and the
/// story list's pages; searches for words and pairs of words taken from the stories' titles; the site feed and
/// every category's feed. So the output cache answers the popular pages (as it would) but most story pages and
/// searches miss it.
/// </summary>
internal static partial class ReaderAddresses
{
    private const int ListPages = 5;
    private const int SearchWords = 400;
    private const int SearchPairs = 400;

    public static async Task<ReaderAddressSet> WriteAsync(string databasePath, Corpus corpus, string file, CancellationToken cancellationToken)
    {
        var lines = new List<(string Kind, string Path)>();
        lines.AddRange(corpus.Slugs.Select(slug => ("story", $"/stories/{slug}")));

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var categories = await ColumnAsync<string>(connection, "SELECT Slug FROM Categories ORDER BY Id", cancellationToken);
        var tags = await ColumnAsync<string>(connection, "SELECT Slug FROM Tags ORDER BY Id", cancellationToken);
        foreach (var slug in categories)
        {
            lines.AddRange(Enumerable.Range(1, ListPages).Select(page => ("category", page == 1 ? $"/categories/{slug}" : $"/categories/{slug}?page={page}")));
            lines.Add(("feed", $"/categories/{slug}/feed.xml"));
        }

        lines.AddRange(tags.Select(slug => ("category", $"/tags/{slug}")));
        lines.Add(("home", "/"));
        lines.AddRange(Enumerable.Range(1, ListPages).Select(page => ("home", page == 1 ? "/stories" : $"/stories?page={page}")));
        lines.Add(("feed", "/feed.xml"));

        // Words from a sample of titles, so each search finds something and they range from common to rare.
        var titles = await ColumnAsync<string>(connection, "SELECT Title FROM Stories WHERE Id % 97 = 0 ORDER BY Id", cancellationToken);
        var words = titles.SelectMany(t => Word().Matches(t).Select(m => m.Value.ToLowerInvariant())).Distinct().Order(StringComparer.Ordinal).ToList();
        var random = new Random(20261123);
        var chosen = words.OrderBy(_ => random.Next()).Take(SearchWords).ToList();
        lines.AddRange(chosen.Select(w => ("search", $"/search?q={Uri.EscapeDataString(w)}")));
        lines.AddRange(Enumerable.Range(0, SearchPairs).Select(_ => ("search", $"/search?q={Uri.EscapeDataString($"{chosen[random.Next(chosen.Count)]} {chosen[random.Next(chosen.Count)]}")}")));

        await File.WriteAllLinesAsync(file, lines.Select(l => $"{l.Kind}\t{l.Path}"), Encoding.UTF8, cancellationToken);
        var storyIds = await ColumnAsync<long>(connection, "SELECT Id FROM Stories ORDER BY Id", cancellationToken);
        return new ReaderAddressSet(file,
            lines.GroupBy(l => l.Kind).ToDictionary(g => g.Key, g => g.Count()),
            storyIds.Select(id => checked((int)id)).ToList(),
            lines.Where(l => l.Kind != "story").Select(l => l.Path).ToList());
    }

    private static async Task<List<T>> ColumnAsync<T>(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add((T)Convert.ChangeType(reader.GetValue(0), typeof(T), CultureInfo.InvariantCulture));
        }

        return values;
    }

    [GeneratedRegex(@"\p{L}{5,}")]
    private static partial Regex Word();
}

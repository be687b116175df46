using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Search;

/// <summary>A story found by a search, with the HTML-safe passage that matched (only &lt;mark&gt; tags in it).</summary>
public sealed record SearchHit(StorySummary Story, string SnippetHtml);

/// <summary>
/// Full-text search over published stories on SQLite: the FTS5 index (see the StorySearchIndex migration) finds and
/// ranks, and the same filters as /stories narrow. The SQL here is SQLite's by nature and stays in this class.
/// </summary>
/// <remarks>
/// The MATCH runs on its own, never in one WHERE clause with a join (which SQLite can plan very badly). With
/// filters it returns every matching id, best first, and the filters run as the catalogue's LINQ over those
/// ids; without filters (the common case) see <see cref="UnfilteredAsync"/>. Either way a search counts exactly
/// up to <see cref="CountLimit"/> matches and pages through at most that many: beyond it the page says "more
/// than 1,000" and suggests the filters. Summaries and snippets are read for the one page shown.
/// </remarks>
public sealed class SearchService(IDbContextFactory<StoriesDbContext> contextFactory) : IStorySearch
{
    public const int DefaultPageSize = StoryCatalogue.DefaultPageSize;

    /// <summary>
    /// Matches are counted exactly up to this many, and only this many can be paged through; past it the reader
    /// is better served by a filter than by page 51. Counting 99,900 matches of "care" exactly cost ~3 ms of a
    /// 20 ms budget at 100,000 stories, for a figure nobody acts on.
    /// </summary>
    public const int CountLimit = 1000;

    private const string Bm25 = "bm25(StorySearch, 10.0, 4.0, 1.0, 4.0, 4.0)";
    private const string OneWordBm25 = $"{Bm25WithoutIdf.FunctionName}(StorySearch, 10.0, 4.0, 1.0, 4.0, 4.0)";

    // The delimiters are the private-use characters U+E000 and U+E001 (see Snippets); 32 tokens of context.
    private const string BodySnippet = "snippet(StorySearch, 2, char(57344), char(57345), '…', 32) AS Body";
    private const string SummaryAndBestSnippets = "'' AS Body, snippet(StorySearch, 1, char(57344), char(57345), '…', 32) AS Summary, "
        + "snippet(StorySearch, -1, char(57344), char(57345), '…', 32) AS Best";

    public async Task<IReadOnlyList<int>> MatchingIdsAsync(string? query, int limit, CancellationToken cancellationToken = default)
    {
        var match = SearchQuery.ToFts5(query);
        if (match is null)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM StorySearch WHERE StorySearch MATCH {match} ORDER BY rowid DESC LIMIT {limit}")
            .ToListAsync(cancellationToken);
    }

    public async Task<StoryPage<SearchHit>> SearchAsync(string? query, StoryFilter filter, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var match = SearchQuery.ToFts5(query);
        if (match is null)
        {
            return new StoryPage<SearchHit>([], 0, 1, pageSize);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // One connection for the whole search; it must be open to be given the ranking function.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var rank = RankExpression(db, SearchQuery.Terms(query).Count);
        if (filter.IsEmpty)
        {
            return await UnfilteredAsync(db, match, rank, filter.Page, pageSize, cancellationToken);
        }

        // The user's query is only ever a parameter ({0}), never SQL text; the ranking is one of two constants.
#pragma warning disable EF1002
        var ranked = await db.Database.SqlQueryRaw<RankedMatch>($$"""
            SELECT rowid AS Id, {{rank}} AS Score
            FROM StorySearch
            WHERE StorySearch MATCH {0}
            ORDER BY Score, rowid
            """, match).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        if (ranked.Count == 0)
        {
            return new StoryPage<SearchHit>([], 0, 1, pageSize);
        }

        // Status is checked again here, so an index row left behind (say, by a migration that dropped the
        // triggers) can never show a draft.
        var matchedIds = ranked.Select(r => r.Id).ToList();
        var candidates = db.Stories.AsNoTracking().VisibleToReaders().Where(s => matchedIds.Contains(s.Id));
        var kept = (await (await StoryCatalogue.FilterAsync(db, candidates, filter, cancellationToken))
            .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var ids = matchedIds.Where(kept.Contains).ToList();

        var total = Math.Min(ids.Count, CountLimit);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var pageIds = ids.Take(total).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var summaries = await StoryCatalogue.SummariesAsync(db, pageIds, cancellationToken);
        var snippets = await SnippetsAsync(db, match, pageIds, withinWindow: false, cancellationToken);
        var hits = summaries.Select(s => new SearchHit(s, ChooseSnippet(snippets.GetValueOrDefault(s.Id), s))).ToList();
        return new StoryPage<SearchHit>(hits, total, page, pageSize) { TotalCapped = ids.Count > CountLimit };
    }

    /// <summary>
    /// The common case, no filters, kept fast at any size. bm25 must score every match before it can sort,
    /// which for a word in nearly every story costs about 80 ms at 100,000 stories. So the newest
    /// <see cref="CountLimit"/> + 1 matches are read from the index alone, in rowid order (which counts them up to
    /// the limit and finds where the newest <see cref="CountLimit"/> begin), and only those are ranked (see
    /// <see cref="RankExpression"/>): the pages a reader can reach are exactly those. For a rarer word that is
    /// every match, ranked as a whole.
    /// </summary>
    private static async Task<StoryPage<SearchHit>> UnfilteredAsync(StoriesDbContext db, string match, string rank, int requestedPage, int pageSize, CancellationToken cancellationToken)
    {
        var newest = await db.Database.SqlQuery<NewestMatches>($"""
            SELECT count(*) AS Count, coalesce(min(rowid), 0) AS Oldest FROM (
                SELECT rowid FROM StorySearch WHERE StorySearch MATCH {match} ORDER BY rowid DESC LIMIT {CountLimit + 1})
            """).SingleAsync(cancellationToken);
        if (newest.Count == 0)
        {
            return new StoryPage<SearchHit>([], 0, 1, pageSize);
        }

        var capped = newest.Count > CountLimit;
        var total = Math.Min(newest.Count, CountLimit);
        var page = Math.Clamp(requestedPage, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        // Past the limit, the oldest row read is the one beyond the window, so the window starts just after it.
        var firstRanked = capped ? newest.Oldest + 1 : newest.Oldest;
#pragma warning disable EF1002 // the ranking is one of two constants (RankExpression); the rest are parameters
        var pageIds = await db.Database.SqlQueryRaw<int>($$"""
            SELECT rowid AS Value FROM StorySearch
            WHERE StorySearch MATCH {0} AND rowid >= {1}
            ORDER BY {{rank}}, rowid
            LIMIT {2} OFFSET {3}
            """, match, firstRanked, pageSize, (page - 1) * pageSize).ToListAsync(cancellationToken);
#pragma warning restore EF1002

        var summaries = await StoryCatalogue.SummariesAsync(db, pageIds, cancellationToken);
        var snippets = await SnippetsAsync(db, match, pageIds, withinWindow: true, cancellationToken);
        var hits = summaries.Select(s => new SearchHit(s, ChooseSnippet(snippets.GetValueOrDefault(s.Id), s))).ToList();
        return new StoryPage<SearchHit>(hits, total, page, pageSize) { TotalCapped = capped };
    }

    /// <summary>
    /// The ranking, best first when sorted ascending. Weights in column order: title, summary, body, authors,
    /// organisations. A title says what a story is about; the summary and the people and organisations behind it
    /// come next; one mention in a long body counts least. One word is ranked by <see cref="Bm25WithoutIdf"/>,
    /// the same order as bm25 without bm25's pass over every story containing the word.
    /// </summary>
    private static string RankExpression(StoriesDbContext db, int termCount)
    {
        if (termCount != 1)
        {
            return Bm25;
        }

        Bm25WithoutIdf.EnsureAddedTo((SqliteConnection)db.Database.GetDbConnection());
        return OneWordBm25;
    }

    /// <remarks>
    /// snippet() has to run in the query that does the MATCH, restricted by rowid to the page. Rows sought one by
    /// one (<c>rowid IN (…)</c>) cost a seek in every index segment each (~3 ms for a page of "care" at 100,000
    /// stories); when the page lies within the ranked window, reading the window's stretch of the index from the
    /// page's lowest to its highest rowid and keeping the page's rows costs ~0.4 ms. The body's snippet is the one
    /// most often shown, so the summary's and the best column's are made only for rows whose body has no match
    /// (a title match ranks first, so for a word like "honest" that is often a whole page).
    /// </remarks>
    private static async Task<Dictionary<int, SnippetRow>> SnippetsAsync(StoriesDbContext db, string match, List<int> ids, bool withinWindow, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var bodies = await SnippetQueryAsync<BodySnippetRow>(db, BodySnippet, match, ids, withinWindow, cancellationToken);
        var rows = bodies.Where(b => Snippets.HasMatch(b.Body)).ToDictionary(b => b.Id, b => new SnippetRow(b.Id, b.Body, "", ""));

        if (rows.Count < ids.Count)
        {
            var others = ids.Where(id => !rows.ContainsKey(id)).ToList();
            foreach (var row in await SnippetQueryAsync<SnippetRow>(db, SummaryAndBestSnippets, match, others, withinWindow, cancellationToken))
            {
                rows[row.Id] = row;
            }
        }

        return rows;
    }

    /// <summary>The given snippet columns for the rows <paramref name="ids"/> of the match: within the ranked window by one read of its stretch, otherwise row by row.</summary>
    private static Task<List<T>> SnippetQueryAsync<T>(StoriesDbContext db, string columns, string match, List<int> ids, bool withinWindow, CancellationToken cancellationToken)
    {
        var idsJson = JsonSerializer.Serialize(ids);
        // The columns are one of two constants above; the match, the ids and the bounds are parameters.
#pragma warning disable EF1002
        return withinWindow
            ? db.Database.SqlQueryRaw<T>(
                $"SELECT rowid AS Id, {columns} FROM StorySearch WHERE StorySearch MATCH {{0}} AND rowid BETWEEN {{2}} AND {{3}} AND +rowid IN (SELECT value FROM json_each({{1}}))",
                match, idsJson, ids.Min(), ids.Max()).ToListAsync(cancellationToken)
            : db.Database.SqlQueryRaw<T>(
                $"SELECT rowid AS Id, {columns} FROM StorySearch WHERE StorySearch MATCH {{0}} AND rowid IN (SELECT value FROM json_each({{1}}))",
                match, idsJson).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    // The body shows a match in context best, then the summary; a story found by its title, author or
    // organisation alone shows that match, and failing everything its excerpt.
    internal static string ChooseSnippet(SnippetRow? row, StorySummary story) => row switch
    {
        { Body: var body } when Snippets.HasMatch(body) => Snippets.ToHtml(body),
        { Summary: var summary } when Snippets.HasMatch(summary) => Snippets.ToHtml(summary),
        { Best: var best } when Snippets.HasMatch(best) => Snippets.ToHtml(best),
        _ => Snippets.Plain(story.Excerpt),
    };

    private sealed record RankedMatch(int Id, double Score);

    private sealed record NewestMatches(int Count, int Oldest);

    private sealed record BodySnippetRow(int Id, string Body);

    internal sealed record SnippetRow(int Id, string Body, string Summary, string Best);
}

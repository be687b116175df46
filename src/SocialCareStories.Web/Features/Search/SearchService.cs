using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Search;

/// <summary>A story found by a search, with the HTML-safe passage that matched (only &lt;mark&gt; tags in it).</summary>
public sealed record SearchHit(StorySummary Story, string SnippetHtml);

/// <summary>
/// Full-text search over published stories: the FTS5 index (see the StorySearchIndex migration) finds and
/// ranks, and the same filters as /stories narrow. The SQL here is SQLite's by nature and stays in this class.
/// </summary>
/// <remarks>
/// The MATCH runs on its own, never in one WHERE clause with a join (which SQLite can plan very badly). With
/// filters it returns every matching id, best first, and the filters run as the catalogue's LINQ over those
/// ids, so totals stay exact; without filters (the common case) see <see cref="UnfilteredAsync"/>. Summaries
/// and snippets are read for the one page shown.
/// </remarks>
public sealed class SearchService(IDbContextFactory<StoriesDbContext> contextFactory, StoryCatalogue catalogue)
{
    public const int DefaultPageSize = StoryCatalogue.DefaultPageSize;

    /// <summary>How many of the newest matches an unfiltered search ranks by relevance.</summary>
    public const int RankedWindow = 2000;

    public async Task<StoryPage<SearchHit>> SearchAsync(string? query, StoryFilter filter, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var match = SearchQuery.ToFts5(query);
        if (match is null)
        {
            return new StoryPage<SearchHit>([], 0, 1, pageSize);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (filter.Kind is null && filter.Category is null && filter.Tag is null && filter.Year is null)
        {
            return await UnfilteredAsync(db, match, filter.Page, pageSize, cancellationToken);
        }

        // Only the user's query is interpolated, and FormattableString makes it a parameter, never SQL text.
        // bm25 weights in column order: title, summary, body, authors, organisations. A title says what a
        // story is about; the summary and the people and organisations behind it come next; one mention in a
        // long body counts least.
        var ranked = await db.Database.SqlQuery<RankedMatch>($"""
            SELECT rowid AS Id, bm25(StorySearch, 10.0, 4.0, 1.0, 4.0, 4.0) AS Score
            FROM StorySearch
            WHERE StorySearch MATCH {match}
            ORDER BY Score, rowid
            """).ToListAsync(cancellationToken);
        if (ranked.Count == 0)
        {
            return new StoryPage<SearchHit>([], 0, 1, pageSize);
        }

        // Status is checked again here, so an index row left behind (say, by a migration that dropped the
        // triggers) can never show a draft.
        var matchedIds = ranked.Select(r => r.Id).ToList();
        var candidates = db.Stories.AsNoTracking().Where(s => s.Status == StoryStatus.Published && matchedIds.Contains(s.Id));
        var kept = (await (await StoryCatalogue.FilterAsync(db, candidates, filter, cancellationToken))
            .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var ids = matchedIds.Where(kept.Contains).ToList();

        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (ids.Count + pageSize - 1) / pageSize));
        var pageIds = ids.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var summaries = await catalogue.SummariesAsync(pageIds, cancellationToken);
        var snippets = await SnippetsAsync(db, match, pageIds, cancellationToken);
        var hits = summaries.Select(s => new SearchHit(s, ChooseSnippet(snippets.GetValueOrDefault(s.Id), s))).ToList();
        return new StoryPage<SearchHit>(hits, ids.Count, page, pageSize);
    }

    /// <summary>
    /// The common case, no filters, kept fast at any size. bm25 must score every match before it can sort,
    /// which for a word in nearly every story costs about 80 ms at 100,000 stories. So the count comes from
    /// the index alone, and only the newest <see cref="RankedWindow"/> matches are ranked; pages past that
    /// window continue with the older matches, newest first. Nothing is left out, and every figure is exact.
    /// </summary>
    private async Task<StoryPage<SearchHit>> UnfilteredAsync(StoriesDbContext db, string match, int requestedPage, int pageSize, CancellationToken cancellationToken)
    {
        var total = await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM StorySearch WHERE StorySearch MATCH {match}")
            .SingleAsync(cancellationToken);
        if (total == 0)
        {
            return new StoryPage<SearchHit>([], 0, 1, pageSize);
        }

        var page = Math.Clamp(requestedPage, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var offset = (page - 1) * pageSize;
        var window = Math.Min(total, RankedWindow);
        var oldestRanked = total <= RankedWindow
            ? 0
            : await db.Database.SqlQuery<int>($"""
                SELECT rowid AS Value FROM StorySearch WHERE StorySearch MATCH {match}
                ORDER BY rowid DESC LIMIT 1 OFFSET {RankedWindow - 1}
                """).SingleAsync(cancellationToken);

        var pageIds = new List<int>();
        if (offset < window)
        {
            pageIds.AddRange(await db.Database.SqlQuery<int>($"""
                SELECT rowid AS Value FROM StorySearch
                WHERE StorySearch MATCH {match} AND rowid >= {oldestRanked}
                ORDER BY bm25(StorySearch, 10.0, 4.0, 1.0, 4.0, 4.0), rowid
                LIMIT {pageSize} OFFSET {offset}
                """).ToListAsync(cancellationToken));
        }

        if (pageIds.Count < pageSize && total > window)
        {
            pageIds.AddRange(await db.Database.SqlQuery<int>($"""
                SELECT rowid AS Value FROM StorySearch
                WHERE StorySearch MATCH {match} AND rowid < {oldestRanked}
                ORDER BY rowid DESC
                LIMIT {pageSize - pageIds.Count} OFFSET {Math.Max(0, offset - window)}
                """).ToListAsync(cancellationToken));
        }

        var summaries = await catalogue.SummariesAsync(pageIds, cancellationToken);
        var snippets = await SnippetsAsync(db, match, pageIds, cancellationToken);
        var hits = summaries.Select(s => new SearchHit(s, ChooseSnippet(snippets.GetValueOrDefault(s.Id), s))).ToList();
        return new StoryPage<SearchHit>(hits, total, page, pageSize);
    }

    private static async Task<Dictionary<int, SnippetRow>> SnippetsAsync(StoriesDbContext db, string match, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // snippet() has to run in the query that does the MATCH; restricting that query by rowid keeps it to one page.
        var idsJson = JsonSerializer.Serialize(ids);
        // The delimiters are the private-use characters U+E000 and U+E001 (see Snippets); 32 tokens of context.
        var rows = await db.Database.SqlQuery<SnippetRow>($"""
            SELECT rowid AS Id,
                snippet(StorySearch, 2, char(57344), char(57345), '…', 32) AS Body,
                snippet(StorySearch, 1, char(57344), char(57345), '…', 32) AS Summary,
                snippet(StorySearch, -1, char(57344), char(57345), '…', 32) AS Best
            FROM StorySearch
            WHERE StorySearch MATCH {match} AND rowid IN (SELECT value FROM json_each({idsJson}))
            """).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id);
    }

    // The body shows a match in context best, then the summary; a story found by its title, author or
    // organisation alone shows that match, and failing everything its excerpt.
    private static string ChooseSnippet(SnippetRow? row, StorySummary story) => row switch
    {
        { Body: var body } when Snippets.HasMatch(body) => Snippets.ToHtml(body),
        { Summary: var summary } when Snippets.HasMatch(summary) => Snippets.ToHtml(summary),
        { Best: var best } when Snippets.HasMatch(best) => Snippets.ToHtml(best),
        _ => Snippets.Plain(story.Excerpt),
    };

    private sealed record RankedMatch(int Id, double Score);

    private sealed record SnippetRow(int Id, string Body, string Summary, string Best);
}

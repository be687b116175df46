using System.Text.Json;
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
public sealed class SearchService(IDbContextFactory<StoriesDbContext> contextFactory, StoryCatalogue catalogue) : IStorySearch
{
    public const int DefaultPageSize = StoryCatalogue.DefaultPageSize;

    /// <summary>
    /// Matches are counted exactly up to this many, and only this many can be paged through; past it the reader
    /// is better served by a filter than by page 51. Counting 99,900 matches of "care" exactly cost ~3 ms of a
    /// 20 ms budget at 100,000 stories, for a figure nobody acts on.
    /// </summary>
    public const int CountLimit = 1000;

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

        var total = Math.Min(ids.Count, CountLimit);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var pageIds = ids.Take(total).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var summaries = await catalogue.SummariesAsync(pageIds, cancellationToken);
        var snippets = await SnippetsAsync(db, match, pageIds, cancellationToken);
        var hits = summaries.Select(s => new SearchHit(s, ChooseSnippet(snippets.GetValueOrDefault(s.Id), s))).ToList();
        return new StoryPage<SearchHit>(hits, total, page, pageSize) { TotalCapped = ids.Count > CountLimit };
    }

    /// <summary>
    /// The common case, no filters, kept fast at any size. bm25 must score every match before it can sort,
    /// which for a word in nearly every story costs about 80 ms at 100,000 stories. So the newest
    /// <see cref="CountLimit"/> + 1 matches are read from the index alone, in rowid order (which counts them up to
    /// the limit and finds where the newest <see cref="CountLimit"/> begin), and only those are ranked by bm25:
    /// the pages a reader can reach are exactly those. For a rarer word that is every match, ranked as a whole.
    /// </summary>
    private async Task<StoryPage<SearchHit>> UnfilteredAsync(StoriesDbContext db, string match, int requestedPage, int pageSize, CancellationToken cancellationToken)
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
        var pageIds = await db.Database.SqlQuery<int>($"""
            SELECT rowid AS Value FROM StorySearch
            WHERE StorySearch MATCH {match} AND rowid >= {firstRanked}
            ORDER BY bm25(StorySearch, 10.0, 4.0, 1.0, 4.0, 4.0), rowid
            LIMIT {pageSize} OFFSET {(page - 1) * pageSize}
            """).ToListAsync(cancellationToken);

        var summaries = await catalogue.SummariesAsync(pageIds, cancellationToken);
        var snippets = await SnippetsAsync(db, match, pageIds, cancellationToken);
        var hits = summaries.Select(s => new SearchHit(s, ChooseSnippet(snippets.GetValueOrDefault(s.Id), s))).ToList();
        return new StoryPage<SearchHit>(hits, total, page, pageSize) { TotalCapped = capped };
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
    internal static string ChooseSnippet(SnippetRow? row, StorySummary story) => row switch
    {
        { Body: var body } when Snippets.HasMatch(body) => Snippets.ToHtml(body),
        { Summary: var summary } when Snippets.HasMatch(summary) => Snippets.ToHtml(summary),
        { Best: var best } when Snippets.HasMatch(best) => Snippets.ToHtml(best),
        _ => Snippets.Plain(story.Excerpt),
    };

    private sealed record RankedMatch(int Id, double Score);

    private sealed record NewestMatches(int Count, int Oldest);

    internal sealed record SnippetRow(int Id, string Body, string Summary, string Best);
}

using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Search;

/// <summary>
/// Full-text search over published stories on PostgreSQL: the "StorySearch" table's weighted tsvector (see
/// <see cref="PostgresSearchIndex"/>) finds through its GIN index and ts_rank orders; the same filters as /stories
/// narrow; ts_headline marks the snippets with the same delimiters as FTS5's snippet(), so
/// <see cref="Snippets"/> turns them into the same HTML.
/// </summary>
/// <remarks>
/// ts_rank's weights follow bm25's column weights on SQLite (title 10, summary 4, authors and organisations 4,
/// body 1): A = title 1.0, B = summary 0.4, C = authors and organisations 0.4, D = body 0.1. No length
/// normalisation (0): ts_rank already saturates as bm25 does (the n-th mention of a word adds its weight / n², the
/// heaviest mention counting in full), so a body full of passing mentions stays below one mention in a title;
/// dividing by the document's length (1) would instead rank a story that says the word in its title and its
/// summary below one that says it in the title alone, because the summary made it longer. Ties go to the older
/// story (lower id), as on SQLite.
/// </remarks>
public sealed class PostgresSearchService(IDbContextFactory<StoriesDbContext> contextFactory, StoryCatalogue catalogue) : IStorySearch
{
    // ts_headline's parser takes "<…>" for a tag and "&…;" for an entity and leaves them out of the headline, which
    // would hide text a story really holds; so they go in as private-use stand-ins and come back after.
    private const char LessThanStandIn = '\uE002';
    private const char AmpersandStandIn = '\uE003';

    // 32 words of context, as FTS5's snippet() is given 32 tokens.
    private static readonly string HeadlineOptions =
        $"StartSel={Snippets.Open}, StopSel={Snippets.Close}, MaxWords=32, MinWords=16, ShortWord=3, MaxFragments=1, FragmentDelimiter=\" … \"";

    public async Task<IReadOnlyList<int>> MatchingIdsAsync(string? query, int limit, CancellationToken cancellationToken = default)
    {
        var terms = SearchQuery.Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        var words = string.Join(' ', terms);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.SqlQuery<int>($"""
            SELECT "Id" AS "Value" FROM "StorySearch"
            WHERE "Document" @@ plainto_tsquery('stories_english', {words})
            ORDER BY "Id" DESC LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }

    public async Task<StoryPage<SearchHit>> SearchAsync(string? query, StoryFilter filter, int pageSize = IStorySearch.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        // The same words as on SQLite; plainto_tsquery then requires them all and can never see syntax.
        var terms = SearchQuery.Terms(query);
        if (terms.Count == 0)
        {
            return new StoryPage<SearchHit>([], 0, 1, pageSize);
        }

        var words = string.Join(' ', terms);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (filter.IsEmpty)
        {
            // As on SQLite: the newest CountLimit + 1 matches count up to the limit, and only the newest CountLimit
            // are ranked, so a word in nearly every story costs one bounded index read, not a count of all.
            var newest = await db.Database.SqlQuery<int>($"""
                SELECT "Id" AS "Value" FROM "StorySearch"
                WHERE "Document" @@ plainto_tsquery('stories_english', {words})
                ORDER BY "Id" DESC LIMIT {SearchService.CountLimit + 1}
                """).ToListAsync(cancellationToken);
            if (newest.Count == 0)
            {
                return new StoryPage<SearchHit>([], 0, 1, pageSize);
            }

            var total = Math.Min(newest.Count, SearchService.CountLimit);
            var window = newest.Take(total).ToArray();
            var page = ClampPage(filter.Page, total, pageSize);
            var pageIds = await RankedIds(db, words, window, pageSize, (page - 1) * pageSize).ToListAsync(cancellationToken);
            return new StoryPage<SearchHit>(await HitsAsync(db, words, pageIds, cancellationToken), total, page, pageSize)
            {
                TotalCapped = newest.Count > SearchService.CountLimit,
            };
        }

        // Every match, best first, then the catalogue's filters over those ids; the count stops at the limit as
        // above. The status is checked again on the stories themselves, as on SQLite.
        var matchedIds = await RankedIds(db, words, null, int.MaxValue, 0).ToListAsync(cancellationToken);
        var candidates = db.Stories.AsNoTracking().VisibleToReaders().Where(s => matchedIds.Contains(s.Id));
        var kept = (await (await StoryCatalogue.FilterAsync(db, candidates, filter, cancellationToken))
            .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var ids = matchedIds.Where(kept.Contains).ToList();
        var filteredTotal = Math.Min(ids.Count, SearchService.CountLimit);
        var filteredPage = ClampPage(filter.Page, filteredTotal, pageSize);
        var filteredPageIds = ids.Skip((filteredPage - 1) * pageSize).Take(pageSize).ToList();
        return new StoryPage<SearchHit>(await HitsAsync(db, words, filteredPageIds, cancellationToken), filteredTotal, filteredPage, pageSize)
        {
            TotalCapped = ids.Count > SearchService.CountLimit,
        };
    }

    private static string Restore(string headline) =>
        headline.Replace(LessThanStandIn, '<').Replace(AmpersandStandIn, '&');

    private static int ClampPage(int requested, int total, int pageSize) =>
        Math.Clamp(requested, 1, Math.Max(1, (total + pageSize - 1) / pageSize));

    // Only the reader's words and the numbers are interpolated, and FormattableString makes them parameters, never
    // SQL text. The page is cut here, beside its ORDER BY, rather than by composing LINQ over the query.
    private static IQueryable<int> RankedIds(StoriesDbContext db, string words, int[]? within, int limit, int offset) => within is null
        ? db.Database.SqlQuery<int>($"""
            SELECT s."Id" AS "Value"
            FROM "StorySearch" s, plainto_tsquery('stories_english', {words}) q
            WHERE s."Document" @@ q
            ORDER BY ts_rank(ARRAY[0.1, 0.4, 0.4, 1.0]::real[], s."Document", q, 0) DESC, s."Id"
            LIMIT {limit} OFFSET {offset}
            """)
        : db.Database.SqlQuery<int>($"""
            SELECT s."Id" AS "Value"
            FROM "StorySearch" s, plainto_tsquery('stories_english', {words}) q
            WHERE s."Id" = ANY({within}) AND s."Document" @@ q
            ORDER BY ts_rank(ARRAY[0.1, 0.4, 0.4, 1.0]::real[], s."Document", q, 0) DESC, s."Id"
            LIMIT {limit} OFFSET {offset}
            """);

    private async Task<List<SearchHit>> HitsAsync(StoriesDbContext db, string words, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var summaries = await catalogue.SummariesAsync(ids, cancellationToken);
        var idArray = ids.ToArray();
        var standIns = $"{LessThanStandIn}{AmpersandStandIn}";
        var snippets = (await db.Database.SqlQuery<SearchService.SnippetRow>($"""
            SELECT s."Id",
                ts_headline('stories_english', translate(s."Body", '<&', {standIns}), q, {HeadlineOptions}) AS "Body",
                ts_headline('stories_english', translate(s."Summary", '<&', {standIns}), q, {HeadlineOptions}) AS "Summary",
                ts_headline('stories_english', translate(concat_ws(' — ', s."Title", s."Authors", s."Organisations"), '<&', {standIns}),
                    q, {HeadlineOptions}) AS "Best"
            FROM "StorySearch" s, plainto_tsquery('stories_english', {words}) q
            WHERE s."Id" = ANY({idArray})
            """).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, r => r with { Body = Restore(r.Body), Summary = Restore(r.Summary), Best = Restore(r.Best) });
        return summaries.Select(s => new SearchHit(s, SearchService.ChooseSnippet(snippets.GetValueOrDefault(s.Id), s))).ToList();
    }
}

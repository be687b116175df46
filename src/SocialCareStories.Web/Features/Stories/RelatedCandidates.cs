using System.Collections.Concurrent;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// The candidates for a story's related stories: the newest published stories filed under each category and each
/// tag, kept in memory and ranked there. A sector's newest stories are the same list for every one of its
/// ~33,000 stories, so they are read once and shared, rather than gathered, counted and ranked in SQL on every
/// uncached story page (about 40% of such a page at 100,000 stories).
/// </summary>
/// <remarks>
/// What is kept is one short list of story ids per category or tag, nothing about any one story's page. A list is
/// dropped when this instance changes what is listed (<see cref="Forget"/>, called by the content cache with every
/// listings change) and otherwise kept for <see cref="Lifetime"/>, so a change made on another instance of a
/// scaled-out site reaches this one's related lists within that time. A story unpublished meanwhile on another
/// instance is still filtered out: the summaries are read for published stories only.
/// </remarks>
public sealed class RelatedCandidates(TimeProvider clock)
{
    /// <summary>How many of the newest links are ranked: a link in the newest 400 overall is among the newest 400 of its own list.</summary>
    public const int CandidateLinks = 400;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>More lists than a site has categories and tags in use; past it, all are dropped and read again as needed.</summary>
    private const int MaxLists = 20_000;

    private readonly ConcurrentDictionary<ListKey, NewestLinks> _lists = new();
    private long _generation;

    /// <summary>Drops every list: something was published, unpublished or filed differently.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _lists.Clear();
    }

    /// <summary>
    /// The ids of the stories most alike <paramref name="storyId"/>: sharing the most of its categories and tags
    /// among the newest <see cref="CandidateLinks"/> links to them, newest first among equals; at most
    /// <paramref name="count"/>, best first. Lists not in memory are read on <paramref name="read"/>.
    /// </summary>
    public async Task<IReadOnlyList<int>> RankAsync(
        ReadConnection read, int storyId, IReadOnlyCollection<int> categoryIds, IReadOnlyCollection<int> tagIds, int count, CancellationToken cancellationToken)
    {
        var keys = categoryIds.Select(id => new ListKey(ListKind.Category, id)).Concat(tagIds.Select(id => new ListKey(ListKind.Tag, id))).Distinct().ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        var lists = await ListsAsync(read, keys, cancellationToken);
        return Rank(storyId, lists, count);
    }

    /// <summary>The ranking the related stories statement did in SQL: newest links overall, counted per story, most shared first.</summary>
    internal static IReadOnlyList<int> Rank(int storyId, IReadOnlyList<int[]> lists, int count)
    {
        var links = new List<int>(lists.Sum(l => Math.Min(l.Length, CandidateLinks)));
        foreach (var list in lists)
        {
            // Each list holds one more than is ranked, so that leaving the story itself out still leaves enough.
            links.AddRange(list.Where(id => id != storyId).Take(CandidateLinks));
        }

        links.Sort((a, b) => b.CompareTo(a));
        var shared = new Dictionary<int, int>();
        foreach (var id in links.Take(CandidateLinks))
        {
            shared[id] = shared.GetValueOrDefault(id) + 1;
        }

        return shared.OrderByDescending(s => s.Value).ThenByDescending(s => s.Key).Take(count).Select(s => s.Key).ToList();
    }

    private async Task<IReadOnlyList<int[]>> ListsAsync(ReadConnection read, List<ListKey> keys, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = new int[keys.Count][];
        var missing = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (_lists.TryGetValue(keys[i], out var kept) && now - kept.ReadAt < Lifetime)
            {
                found[i] = kept.StoryIds;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var generation = Interlocked.Read(ref _generation);
            var loaded = await ReadAsync(read, missing.Select(i => keys[i]).ToList(), cancellationToken);
            if (_lists.Count + missing.Count > MaxLists)
            {
                _lists.Clear();
            }

            for (var m = 0; m < missing.Count; m++)
            {
                found[missing[m]] = loaded[m];
                // A list read while a change was being forgotten may predate the change: use it once, keep it not.
                if (Interlocked.Read(ref _generation) == generation)
                {
                    _lists[keys[missing[m]]] = new NewestLinks(loaded[m], now);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The newest <see cref="CandidateLinks"/> + 1 published stories of one category or tag: a short range of the
    /// join table's (category or tag, story) index read newest first, with a primary-key lookup per row for the
    /// status. Quoted names and @-parameters read the same on SQLite and PostgreSQL.
    /// </summary>
    private static string NewestLinksSql(string table, string column) => $"""
        SELECT l."StoriesId" FROM "{table}" AS l
        WHERE l."{column}" = @id AND EXISTS (SELECT 1 FROM "Stories" AS s WHERE s."Id" = l."StoriesId" AND s."Status" = '{StoryVisibility.PublicStatusInSql}')
        ORDER BY l."StoriesId" DESC LIMIT {CandidateLinks + 1}
        """;

    private static readonly string NewestOfCategorySql = NewestLinksSql("StoryCategories", "CategoriesId");
    private static readonly string NewestOfTagSql = NewestLinksSql("StoryTags", "TagsId");

    private static async Task<int[][]> ReadAsync(ReadConnection read, List<ListKey> keys, CancellationToken cancellationToken)
    {
        var lists = new int[keys.Count][];
        for (var i = 0; i < keys.Count; i++)
        {
            var command = read.Command(keys[i].Kind == ListKind.Category ? NewestOfCategorySql : NewestOfTagSql, ("@id", keys[i].Id));
            var list = new List<int>(CandidateLinks + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    list.Add(reader.GetInt32(0));
                }
            }

            lists[i] = [.. list];
        }

        return lists;
    }

    private enum ListKind
    {
        Category,
        Tag,
    }

    private readonly record struct ListKey(ListKind Kind, int Id);

    private sealed record NewestLinks(int[] StoryIds, DateTimeOffset ReadAt);
}

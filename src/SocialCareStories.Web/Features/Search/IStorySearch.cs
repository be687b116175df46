using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Search;

/// <summary>
/// Full-text search over published stories, ranked, with the /stories filters and a marked snippet per hit.
/// Each store engine has its own index and implementation: <see cref="SearchService"/> (SQLite FTS5) and
/// <see cref="PostgresSearchService"/> (PostgreSQL tsvector); the same tests hold for both.
/// </summary>
public interface IStorySearch
{
    const int DefaultPageSize = StoryCatalogue.DefaultPageSize;

    /// <summary>
    /// The ids of the newest stories matching <paramref name="query"/>, at most <paramref name="limit"/>, unranked: what
    /// the search page counts its facets over. Reading them in id order from the index costs no ranking.
    /// </summary>
    Task<IReadOnlyList<int>> MatchingIdsAsync(string? query, int limit, CancellationToken cancellationToken = default);

    Task<StoryPage<SearchHit>> SearchAsync(string? query, StoryFilter filter, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default);
}

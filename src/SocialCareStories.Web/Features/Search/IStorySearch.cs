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

    Task<StoryPage<SearchHit>> SearchAsync(string? query, StoryFilter filter, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default);
}

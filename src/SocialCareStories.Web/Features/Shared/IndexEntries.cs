using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Shared;

/// <summary>One line of an A–Z index (tags, authors, organisations): its name, its page and how many published stories it has.</summary>
/// <remarks>Set by initialisers, not a constructor, so EF Core can still order and page a query that projects to it.</remarks>
public sealed record IndexEntry
{
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public required int StoryCount { get; init; }
}

/// <summary>A page of an A–Z index, read as a count and one page: the same two queries whatever the index holds.</summary>
public static class IndexEntries
{
    public const int PageSize = 100;

    /// <summary>
    /// <paramref name="entries"/> A to Z, case ignored, a page at a time. A page past the end shows the last one, as
    /// story listings do. Upper-casing keeps "adult care" beside "Autism" on SQLite, whose default collation puts
    /// every capital before every small letter; on both engines it folds only ASCII letters, which is what names here start with.
    /// </summary>
    public static async Task<StoryPage<IndexEntry>> PageAsync(IQueryable<IndexEntry> entries, int page, CancellationToken cancellationToken)
    {
        var total = await entries.CountAsync(cancellationToken);
        var pageNumber = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await entries
            .OrderBy(e => e.Name.ToUpper()).ThenBy(e => e.Name).ThenBy(e => e.Slug)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        return new StoryPage<IndexEntry>(items, total, pageNumber, PageSize);
    }
}

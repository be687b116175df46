using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Stories.Browsing;

/// <summary>
/// The published stories' facets — sectors and themes, kind, year, organisations, awards, collections, tags and
/// authors — kept in memory, newest first, so a filtered listing with a count for every facet value is one pass over
/// arrays instead of a grouped query per facet. A category's count is kept the same way for /categories and the home
/// page, instead of counting every sector's links on each request.
/// </summary>
/// <remarks>
/// Rebuilt after any change that alters listings (<see cref="ForgetEverywhereAsync"/>, called by the content cache) before
/// it is read again, on this instance and, through a marker in the shared output-cache store, on the others (see
/// <see cref="SnapshotAsync"/>); and after <see cref="Lifetime"/> in the background as a backstop. The snapshot holds ids and small
/// numbers, never a title: the page's stories are read from the store for published stories only, so a story
/// unpublished meanwhile is never shown (a count may be one out until the rebuild).
/// </remarks>
public sealed class StoryFacets(
    IDbContextFactory<StoriesDbContext> contextFactory, IOutputCacheStore sharedStore, TimeProvider clock, ILogger<StoryFacets> logger) : IDisposable
{
    /// <summary>
    /// A marker in the output cache's store, renewed with every change: with several instances that store is Redis,
    /// so each instance sees another's change on its next listing and rebuilds before answering.
    /// </summary>
    private const string SharedGenerationKey = "story-facets:generation";

    /// <summary>A backstop: changes reach the snapshot through <see cref="ForgetEverywhereAsync"/>, not by its age.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a reader waits for the rebuild after a change before being given the previous snapshot.</summary>
    public static readonly TimeSpan ChangeWait = TimeSpan.FromSeconds(2);

    private readonly Lock _rebuildLock = new();
    private Task<FacetSnapshot>? _rebuild;

    private readonly SemaphoreSlim _rebuilding = new(1, 1);
    private FacetSnapshot? _snapshot;
    private long _generation;
    private long _snapshotGeneration = -1;

    public void Dispose() => _rebuilding.Dispose();

    /// <summary>Something was published, unpublished, filed differently or renamed here: the next read rebuilds.</summary>
    public void Forget() => Interlocked.Increment(ref _generation);

    /// <summary>As <see cref="Forget"/>, and tells the other instances sharing the output cache's store.</summary>
    public async Task ForgetEverywhereAsync(CancellationToken cancellationToken = default)
    {
        Forget();
        await sharedStore.SetAsync(SharedGenerationKey, Guid.NewGuid().ToByteArray(), tags: null, TimeSpan.FromDays(30), cancellationToken);
    }

    /// <summary>
    /// The current snapshot. After a change (here, or on another instance through the shared marker) it is rebuilt
    /// first, so a publish shows on the next page; a rebuild that takes longer than <see cref="ChangeWait"/> (a very
    /// large store) is left to finish in the background while readers keep the previous snapshot. Past
    /// <see cref="Lifetime"/> it is rebuilt in the background, as a backstop for writes no content cache was told of.
    /// </summary>
    public async Task<FacetSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var shared = await sharedStore.GetAsync(SharedGenerationKey, cancellationToken) ?? [];
        var changed = snapshot is null || Interlocked.Read(ref _snapshotGeneration) != Interlocked.Read(ref _generation)
            || !shared.AsSpan().SequenceEqual(snapshot.SharedGeneration);
        if (!changed && clock.GetUtcNow() - snapshot!.ReadAt < Lifetime)
        {
            return snapshot;
        }

        if (snapshot is null)
        {
            return await RebuildInBackground(shared).WaitAsync(cancellationToken);
        }

        if (!changed)
        {
            _ = RebuildInBackground(shared);
            return snapshot;
        }

        // A rebuild already under way may have read the store before this change: then one more follows it.
        var waitUntil = Task.Delay(ChangeWait, clock, cancellationToken);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var rebuilding = RebuildInBackground(shared);
            if (await Task.WhenAny(rebuilding, waitUntil) != rebuilding)
            {
                return snapshot;
            }

            snapshot = await rebuilding;
            if (Interlocked.Read(ref _snapshotGeneration) == Interlocked.Read(ref _generation) && shared.AsSpan().SequenceEqual(snapshot.SharedGeneration))
            {
                break;
            }
        }

        return snapshot;
    }

    // One rebuild at a time: callers arriving while it runs share it.
    private Task<FacetSnapshot> RebuildInBackground(byte[] shared)
    {
        lock (_rebuildLock)
        {
            if (_rebuild is { IsCompleted: false } running)
            {
                return running;
            }

            _rebuild = Task.Run(async () =>
            {
                try
                {
                    return await RebuildAsync(shared, CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Rebuilding the story facets failed; the previous ones are kept");
                    throw;
                }
            });
            return _rebuild;
        }
    }

    // The shared marker is read before the store, so a change committed while the store is read leaves a newer marker
    // behind it and the next read rebuilds again.
    private async Task<FacetSnapshot> RebuildAsync(byte[] sharedGeneration, CancellationToken cancellationToken)
    {
        await _rebuilding.WaitAsync(cancellationToken);
        try
        {
            var generation = Interlocked.Read(ref _generation);
            if (Volatile.Read(ref _snapshot) is { } current && Interlocked.Read(ref _snapshotGeneration) == generation
                && current.SharedGeneration.AsSpan().SequenceEqual(sharedGeneration) && clock.GetUtcNow() - current.ReadAt < Lifetime)
            {
                return current;
            }

            var started = clock.GetTimestamp();
            var snapshot = await ReadAsync(sharedGeneration, cancellationToken);
            logger.LogInformation("Rebuilt the story facets: {Stories} published stories in {ElapsedMs:F1} ms", snapshot.Count, clock.GetElapsedTime(started).TotalMilliseconds);
            Volatile.Write(ref _snapshot, snapshot);
            Interlocked.Exchange(ref _snapshotGeneration, generation);
            return snapshot;
        }
        finally
        {
            _rebuilding.Release();
        }
    }

    private async Task<FacetSnapshot> ReadAsync(byte[] sharedGeneration, CancellationToken cancellationToken)
    {
        var readAt = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;

        var stories = await db.Stories.VisibleToReaders().NewestFirst()
            .Select(s => new { s.Id, s.Kind, s.PublishedOn.Year }).ToListAsync(cancellationToken);
        var categories = await db.Categories.Select(c => new FacetCategory(c.Id, c.Name, c.Slug, c.ParentId, c.IsRetired)).ToListAsync(cancellationToken);
        var categoryLinks = await db.Set<Dictionary<string, object>>("StoryCategories")
            .Select(l => new Link(EF.Property<int>(l, "StoriesId"), EF.Property<int>(l, "CategoriesId"))).ToListAsync(cancellationToken);
        var tags = await db.Tags.Select(t => new FacetName(t.Id, t.Name, t.Slug, t.IsCollection)).ToListAsync(cancellationToken);
        var tagLinks = await db.Set<Dictionary<string, object>>("StoryTags")
            .Select(l => new Link(EF.Property<int>(l, "StoriesId"), EF.Property<int>(l, "TagsId"))).ToListAsync(cancellationToken);
        var authors = await db.Authors.Select(a => new { a.Id, a.Slug, a.OrganisationId }).ToListAsync(cancellationToken);
        var authorLinks = await db.StoryAuthors.Select(a => new Link(a.StoryId, a.AuthorId)).ToListAsync(cancellationToken);
        var organisations = await db.Organisations.Select(o => new FacetName(o.Id, o.Name, o.Slug, false)).ToListAsync(cancellationToken);
        var caseStudyOrganisations = await (
            from link in db.Set<Dictionary<string, object>>("CaseStudyOrganisations")
            join caseStudy in db.CaseStudies on EF.Property<int>(link, "CaseStudyId") equals caseStudy.Id
            select new Link(caseStudy.StoryId, EF.Property<int>(link, "OrganisationsId"))).ToListAsync(cancellationToken);
        var caseStudyStories = await db.CaseStudies.Select(c => c.StoryId).Distinct().ToListAsync(cancellationToken);
        var awards = await db.AwardEntries.Where(e => e.StoryId != null && e.Category.Year.IsPublished)
            .Select(e => new Link(e.StoryId!.Value, e.Category.Year.Year)).ToListAsync(cancellationToken);

        var categoryById = categories.ToDictionary(c => c.Id);
        var organisationOfAuthor = authors.Where(a => a.OrganisationId != null).ToDictionary(a => a.Id, a => a.OrganisationId!.Value);
        var withCaseStudies = caseStudyStories.ToHashSet();

        // Each story's categories include their ancestors, so a sector holds its themes' stories.
        IEnumerable<int> WithAncestors(int categoryId)
        {
            for (int? id = categoryId; id is { } current && categoryById.TryGetValue(current, out var category); id = category.ParentId)
            {
                yield return current;
            }
        }

        var categoriesOf = categoryLinks.ToLookup(l => l.StoryId, l => l.OtherId);
        var tagsOf = tagLinks.ToLookup(l => l.StoryId, l => l.OtherId);
        var authorsOf = authorLinks.ToLookup(l => l.StoryId, l => l.OtherId);
        var organisationsOf = caseStudyOrganisations.ToLookup(l => l.StoryId, l => l.OtherId);
        var awardsOf = awards.ToLookup(l => l.StoryId, l => l.OtherId);

        var entries = new FacetEntry[stories.Count];
        for (var i = 0; i < stories.Count; i++)
        {
            var story = stories[i];
            var kinds = KindBit(story.Kind) | (withCaseStudies.Contains(story.Id) ? KindBit(StoryKind.CaseStudy) : 0);
            var storyAuthors = authorsOf[story.Id].ToArray();
            entries[i] = new FacetEntry(
                story.Id,
                (byte)kinds,
                story.Year ?? 0,
                [.. categoriesOf[story.Id].SelectMany(WithAncestors).Distinct()],
                [.. tagsOf[story.Id]],
                storyAuthors,
                [.. storyAuthors.Where(organisationOfAuthor.ContainsKey).Select(a => organisationOfAuthor[a]).Concat(organisationsOf[story.Id]).Distinct()],
                [.. awardsOf[story.Id].Distinct()]);
        }

        return new FacetSnapshot(
            entries,
            categories,
            tags,
            organisations,
            authors.ToDictionary(a => a.Slug, a => a.Id, StringComparer.Ordinal),
            readAt)
        {
            SharedGeneration = sharedGeneration,
        };
    }

    internal static int KindBit(StoryKind kind) => 1 << (int)kind;

    private readonly record struct Link(int StoryId, int OtherId);
}

/// <summary>One published story's facets.</summary>
public sealed record FacetEntry(int Id, byte Kinds, int Year, int[] Categories, int[] Tags, int[] Authors, int[] Organisations, int[] Awards);

public sealed record FacetCategory(int Id, string Name, string Slug, int? ParentId, bool IsRetired);

public sealed record FacetName(int Id, string Name, string Slug, bool IsCollection);

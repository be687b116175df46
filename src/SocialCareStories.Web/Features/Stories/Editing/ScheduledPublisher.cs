using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Hosting.SeveralInstances;

namespace SocialCareStories.Web.Features.Stories.Editing;

/// <summary>
/// Publishes scheduled stories when their time comes. With several instances on one store only the holder of
/// the <see cref="LeaseName"/> lease runs the passes; and each story is still published in its own save guarded
/// by its concurrency token, so even two passes at once (a lease taken over mid-pass) publish it once and audit it once.
/// On shutdown it stops between stories: the story being saved finishes, the rest stay scheduled and the next pass
/// (here or on another instance) publishes them.
/// </summary>
public sealed class ScheduledPublisher(
    IDbContextFactory<StoriesDbContext> contextFactory,
    DatabaseLeases leases,
    AuditLog audit,
    ContentCache cache,
    TimeProvider clock,
    IOptions<StoryEditingOptions> options,
    ILogger<ScheduledPublisher> logger) : BackgroundService
{
    /// <summary>Logged once the story's publication has committed, so a log line always means it is published.</summary>
    public static readonly EventId StoryPublished = new(1201, nameof(StoryPublished));

    public static readonly EventId StoppedBetweenStories = new(1202, nameof(StoppedBetweenStories));

    public const string LeaseName = "scheduled-publishing";

    /// <summary>
    /// A holder renews the lease every pass; another instance takes over after the holder has missed three
    /// passes (it died without releasing it), and at once when the holder stops gracefully.
    /// </summary>
    private TimeSpan LeaseDuration => options.Value.SchedulerInterval * 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, clock);
        try
        {
            do
            {
                try
                {
                    await TryRunPassAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed round (a locked store, say) must not stop the scheduler: the next round tries again.
                    logger.LogError(e, "Publishing scheduled stories failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await ReleaseLeaseAsync();
    }

    /// <summary>
    /// One scheduler pass: takes or renews the lease, then publishes what is due. Returns how many stories it
    /// published, or null when another instance holds the lease and so this one did nothing.
    /// </summary>
    public async Task<int?> TryRunPassAsync(CancellationToken cancellationToken = default)
    {
        if (!await leases.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken))
        {
            return null;
        }

        return await PublishDueAsync(cancellationToken);
    }

    private async Task ReleaseLeaseAsync()
    {
        try
        {
            // The host is stopping: give the next instance the lease now rather than when it expires.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await leases.ReleaseAsync(LeaseName, timeout.Token);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or OperationCanceledException or InvalidOperationException)
        {
            // A broken store (deleted, locked, read-only) must not stop the rest of the shutdown: one line, no stack trace.
            logger.LogWarning("Could not release the scheduled-publishing lease ({Error}); another instance takes it when it expires", e.Message);
        }
    }

    /// <summary>Publishes every story that is due and returns how many this call published.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<int> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // SQLite cannot compare DateTimeOffset in SQL: find the scheduled stories by their indexed status
            // (few at any time) and compare the times here.
            var scheduled = await db.Stories.AsNoTracking().Where(s => s.Status == StoryStatus.Scheduled)
                .Select(s => new { s.Id, s.ScheduledFor }).ToListAsync(cancellationToken);
            due = scheduled.Where(s => s.ScheduledFor <= now).Select(s => s.Id).ToList();
        }

        var published = new List<int>();
        for (var i = 0; i < due.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation(StoppedBetweenStories, "Stopped publishing between stories; {Remaining} due story(ies) wait for the next pass",
                    due.Count - i);
                break;
            }

            // A story already begun is finished rather than abandoned mid-save: one save takes milliseconds,
            // well inside the shutdown timeout.
            if (await PublishAsync(due[i], now, CancellationToken.None))
            {
                published.Add(due[i]);
            }
        }

        if (published.Count > 0)
        {
            await cache.StoriesChangedAsync(published, listingsChanged: true, CancellationToken.None);
        }

        return published.Count;
    }

    private async Task<bool> PublishAsync(int id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is not { Status: StoryStatus.Scheduled } || story.ScheduledFor > now)
        {
            return false;
        }

        story.Status = StoryStatus.Published;
        if (story.PublishedOn == PartialDate.Unknown)
        {
            story.PublishedOn = PartialDate.From(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(story.ScheduledFor ?? now, options.Value.Zone).DateTime));
        }

        story.ScheduledFor = null;
        audit.Record(db, Actor.System, "story.published", "Story", story.Id, $"{story.Title} (as scheduled)");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed it since it was read (another run published it, or an editor unscheduled it).
            return false;
        }

        logger.LogInformation(StoryPublished, "Published scheduled story {StoryId} {Title}", story.Id, story.Title);
        return true;
    }
}

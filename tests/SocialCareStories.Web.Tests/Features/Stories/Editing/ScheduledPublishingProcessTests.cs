using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Features.Tags;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

/// <summary>
/// The portal run as a real process with many scheduled stories due, stopped part-way through publishing them, by
/// SIGKILL (a crash) or SIGTERM (an orderly stop), then started again: each story ends published exactly once, with
/// exactly one audit entry and its search row, and every story whose publication was logged stays published.
/// </summary>
[Trait("Category", "Process")]
public sealed class ScheduledPublishingProcessTests
{
    private const int Due = 1500;

    private static readonly Dictionary<string, string> FastScheduler = new() { ["Stories__Editing__SchedulerInterval"] = "00:00:01" };

    [Fact]
    public async Task Publishing_killed_part_way_loses_no_logged_publication_and_a_restart_publishes_the_rest_once()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await AddDueStoriesAsync(store);

        HashSet<int> logged;
        await using (var portal = await AppProcess.StartPortalAsync(store.Path, FastScheduler))
        {
            await portal.WaitForEventsAsync(nameof(ScheduledPublisher.StoryPublished), 25, TimeSpan.FromMinutes(2));
            portal.Kill();
            await portal.WaitForExitAsync(TimeSpan.FromSeconds(30));
            logged = LoggedPublications(portal);
        }

        Assert.Equal("ok", await StoreFile.IntegrityCheckAsync(store.Path));
        var published = await AssertEachStoryPublishedAtMostOnceAsync(store);
        Assert.True(published.Count < Due, "every story was published before the kill, so the kill tested nothing");
        Assert.Subset(published, logged);

        await PublishTheRestAndStopAsync(store);
    }

    [Fact]
    public async Task Sigterm_stops_the_publisher_between_stories_and_a_restart_publishes_the_rest_once()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await AddDueStoriesAsync(store);

        await using (var portal = await AppProcess.StartPortalAsync(store.Path, FastScheduler))
        {
            await portal.WaitForEventsAsync(nameof(ScheduledPublisher.StoryPublished), 25, TimeSpan.FromMinutes(2));
            portal.Terminate();

            Assert.Equal(0, await portal.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Single(portal.EventsNamed(nameof(ScheduledPublisher.StoppedBetweenStories)));
            Assert.DoesNotContain(portal.Events, e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal");
            var published = await AssertEachStoryPublishedAtMostOnceAsync(store);
            Assert.True(published.Count < Due, "every story was published before SIGTERM, so the stop tested nothing");
            Assert.True(LoggedPublications(portal).SetEquals(published), "a publication was committed without being logged, or logged without being committed");
        }

        await PublishTheRestAndStopAsync(store);
    }

    private static async Task PublishTheRestAndStopAsync(StoreFile store)
    {
        await using var portal = await AppProcess.StartPortalAsync(store.Path, FastScheduler);
        var waiting = Stopwatch.StartNew();
        while (await ScheduledCountAsync(store) > 0)
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromMinutes(3), $"scheduled stories were still waiting after 3 minutes.{Environment.NewLine}{portal.Tail()}");
            await Task.Delay(250);
        }

        portal.Terminate();
        Assert.Equal(0, await portal.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(Due, (await AssertEachStoryPublishedAtMostOnceAsync(store)).Count);
    }

    private static HashSet<int> LoggedPublications(AppProcess portal) =>
        [.. portal.EventsNamed(nameof(ScheduledPublisher.StoryPublished)).Select(e => e.GetProperty("StoryId").GetInt32())];

    private static async Task<int> ScheduledCountAsync(StoreFile store)
    {
        await using var db = store.Open();
        return await db.Stories.CountAsync(s => s.Status == StoryStatus.Scheduled);
    }

    /// <summary>
    /// A published story has exactly one publication in the audit log and a search row; a story still scheduled has
    /// neither. Returns the published stories' ids.
    /// </summary>
    private static async Task<HashSet<int>> AssertEachStoryPublishedAtMostOnceAsync(StoreFile store)
    {
        await using var db = store.Open();
        var stories = await db.Stories.AsNoTracking().Select(s => new { s.Id, s.Status, s.ScheduledFor }).ToListAsync();
        var audits = (await db.AuditEntries.AsNoTracking().Where(a => a.Action == "story.published").Select(a => a.ItemId!).ToListAsync())
            .GroupBy(id => int.Parse(id, CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());
        var searchRows = await StoreFile.SearchRowIdsAsync(db);

        Assert.Equal(Due, stories.Count);
        Assert.All(stories, s =>
        {
            if (s.Status == StoryStatus.Published)
            {
                Assert.Equal(1, audits.GetValueOrDefault(s.Id));
                Assert.Null(s.ScheduledFor);
                Assert.Contains(s.Id, searchRows);
            }
            else
            {
                Assert.Equal(StoryStatus.Scheduled, s.Status);
                Assert.False(audits.ContainsKey(s.Id), $"story {s.Id} is still scheduled but its publication was audited");
                Assert.DoesNotContain(s.Id, searchRows);
            }
        });

        return [.. stories.Where(s => s.Status == StoryStatus.Published).Select(s => s.Id)];
    }

    private static async Task AddDueStoriesAsync(StoreFile store)
    {
        await using var db = store.Open();
        var category = new Category { Name = "Good News", Slug = "good-news" };
        var tag = new Tag { Name = "Scheduled", Slug = "scheduled" };
        var due = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < Due; i++)
        {
            db.Stories.Add(new Story
            {
                Title = $"Scheduled story {i}",
                Slug = $"scheduled-story-{i}",
                Status = StoryStatus.Scheduled,
                ScheduledFor = due,
                BodyMarkdown = $"Story {i}, written ahead and scheduled.",
                Authors = [new StoryAuthor { Author = new Author { Name = $"Writer {i}", Slug = $"writer-{i}" }, Position = 0 }],
                Categories = [category],
                Tags = [tag],
            });
        }

        await db.SaveChangesAsync();
    }
}

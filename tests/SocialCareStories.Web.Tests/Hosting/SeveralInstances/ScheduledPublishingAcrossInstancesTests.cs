using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Hosting.SeveralInstances;
using SocialCareStories.Web.Tests.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Hosting.SeveralInstances;

/// <summary>The scheduler on two instances of one store: one lease, one pass at a time, each story published once.</summary>
public sealed class ScheduledPublishingAcrossInstancesTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Only_one_instance_holds_a_lease_until_it_expires_or_its_holder_releases_it()
    {
        using var store = new SharedStore();
        var clock = new TestClock(DateTimeOffset.UtcNow);
        var a = store.StartInstance(services: s => s.AddSingleton<TimeProvider>(clock));
        var b = store.StartInstance(services: s => s.AddSingleton<TimeProvider>(clock));
        var leaseA = new DatabaseLeases(a.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>(), clock);
        var leaseB = new DatabaseLeases(b.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>(), clock);

        // Both ask at once, three times each: one of them gets it (and renews it), the other never does.
        var attempts = Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? leaseA : leaseB).ToList();
        var taken = await Task.WhenAll(attempts.Select(lease => lease.TryAcquireAsync("job", Minute)));
        var winners = attempts.Where((_, i) => taken[i]).Distinct().ToList();
        var holder = Assert.Single(winners);
        var other = holder == leaseA ? leaseB : leaseA;

        clock.Now += Minute / 2;
        Assert.True(await holder.TryAcquireAsync("job", Minute));
        clock.Now += Minute / 2;
        Assert.False(await other.TryAcquireAsync("job", Minute));

        clock.Now += Minute;
        Assert.True(await other.TryAcquireAsync("job", Minute));
        Assert.False(await holder.TryAcquireAsync("job", Minute));

        await holder.ReleaseAsync("job");
        Assert.False(await holder.TryAcquireAsync("job", Minute));
        await other.ReleaseAsync("job");
        Assert.True(await holder.TryAcquireAsync("job", Minute));
    }

    [Fact]
    public async Task Two_instances_publish_many_due_stories_each_once_and_the_lease_passes_over_when_the_holder_stops()
    {
        using var store = new SharedStore();
        var clock = new TestClock(DateTimeOffset.UtcNow);
        // The background passes run at start and then once an hour; the test runs the passes it needs itself.
        var settings = new Dictionary<string, string?> { ["Stories:Editing:SchedulerInterval"] = "01:00:00" };
        var a = store.StartInstance(settings, s => s.AddSingleton<TimeProvider>(clock));
        Assert.NotNull(await PublisherOf(a).TryRunPassAsync());
        var b = store.StartInstance(settings, s => s.AddSingleton<TimeProvider>(clock));

        var at = clock.Now.AddMinutes(30);
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var draft = await CreateAsync(a, NewForm($"Scheduled story {i}", $"Story {i} is published on time."));
            var scheduled = await EditingOf(a).SaveAsync((await EditingOf(a).LoadAsync(draft.StoryId))!, Edna, StoryTransition.Schedule, at);
            Assert.Equal(StoryStatus.Scheduled, scheduled.Status);
            ids.Add(draft.StoryId);
        }

        clock.Now = at.AddMinutes(1);
        var passes = await Task.WhenAll(
            PublisherOf(a).TryRunPassAsync(), PublisherOf(b).TryRunPassAsync(),
            PublisherOf(b).TryRunPassAsync(), PublisherOf(a).TryRunPassAsync());

        Assert.Equal(12, passes[0] + passes[3]);
        Assert.Null(passes[1]);
        Assert.Null(passes[2]);
        await using (var db = await DbAsync(b))
        {
            Assert.All(await db.Stories.Where(s => ids.Contains(s.Id)).Select(s => s.Status).ToListAsync(), status => Assert.Equal(StoryStatus.Published, status));
            var published = await db.AuditEntries.Where(e => e.Action == "story.published").Select(e => e.ItemId).ToListAsync();
            Assert.Equal(ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), published.Order());
        }

        // A stops (a deployment replaces it): it gives the lease up, and B's next pass is the one that runs.
        Assert.Null(await PublisherOf(b).TryRunPassAsync());
        a.Dispose();
        Assert.Equal(0, await PublisherOf(b).TryRunPassAsync());
        await using (var db = await DbAsync(b))
        {
            Assert.Equal(b.Services.GetRequiredService<DatabaseLeases>().Holder, (await db.Leases.SingleAsync(l => l.Name == ScheduledPublisher.LeaseName)).Holder);
        }
    }

    private static ScheduledPublisher PublisherOf(PortalInstance portal) => portal.Services.GetRequiredService<ScheduledPublisher>();
}

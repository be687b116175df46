using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Data;

public sealed class MigrationsTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private StoriesDbContext Store() => portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContext();

    [Fact]
    public void The_committed_migrations_match_the_model()
    {
        using var db = Store();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: add one with `dotnet ef migrations add`.");
    }

    [Fact]
    public async Task A_fresh_start_applies_every_migration_of_the_configured_provider()
    {
        await using var db = Store();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(TestStore.IsPostgres, db is PostgresStoriesDbContext);
        Assert.Equal(!TestStore.IsPostgres, File.Exists(portal.DatabasePath));
    }

    [Fact]
    public async Task Saving_a_story_renews_its_concurrency_token_and_a_stale_copy_is_refused()
    {
        await using (var seed = Store())
        {
            seed.Stories.Add(new Web.Features.Stories.Story { Title = "Token test", Slug = "token-test" });
            await seed.SaveChangesAsync();
        }

        await using var first = Store();
        await using var second = Store();
        var mine = await first.Stories.SingleAsync(s => s.Slug == "token-test");
        var theirs = await second.Stories.SingleAsync(s => s.Slug == "token-test");
        var original = mine.Version;

        mine.Title = "Saved first";
        await first.SaveChangesAsync();
        theirs.Title = "Saved second from a stale copy";

        Assert.NotEqual(original, mine.Version);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}

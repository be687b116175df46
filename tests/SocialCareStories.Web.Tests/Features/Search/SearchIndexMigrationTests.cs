using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Search;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

public sealed class SearchIndexMigrationTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static readonly string[] Triggers =
    [
        "Stories_Search_Insert", "Stories_Search_Update", "Stories_Search_Delete",
        "StoryAuthors_Search_Insert", "StoryAuthors_Search_Update", "StoryAuthors_Search_Delete",
        "Authors_Search_Update", "Organisations_Search_Update",
        "CaseStudies_Search_Update", "CaseStudies_Search_Delete",
        "CaseStudyOrganisations_Search_Insert", "CaseStudyOrganisations_Search_Delete",
    ];

    private StoriesDbContext Store() => portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContext();

    private static Task<List<string>> SearchObjectsAsync(StoriesDbContext db) => db.Database.SqlQuery<string>(
        $"SELECT name AS Value FROM sqlite_master WHERE name LIKE 'StorySearch%' OR name LIKE '%_Search_%' ORDER BY name").ToListAsync();

    // A later migration that makes EF Core rebuild one of these tables drops its triggers silently; this says so.
    [SqliteOnlyFact]
    public async Task Every_search_trigger_exists_after_all_migrations()
    {
        await using var db = Store();

        var objects = await SearchObjectsAsync(db);

        Assert.All(Triggers, t => Assert.Contains(t, objects));
        Assert.Contains("StorySearch", objects);
        Assert.Contains("StorySearchSource", objects);
    }

    [PostgresOnlyFact]
    public async Task Every_search_trigger_exists_on_postgres_after_all_migrations()
    {
        await using var db = Store();

        var triggers = await PostgresTriggersAsync(db);

        Assert.All(PostgresSearchIndex.TriggerNames, t => Assert.Contains(t, triggers));
        Assert.Equal(["StorySearch", "StorySearchSource"], await PostgresSearchRelationsAsync(db));
    }

    [PostgresOnlyFact]
    public async Task The_postgres_search_index_migration_goes_down_cleanly_and_up_again()
    {
        await using var db = Store();
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync("InitialPostgresStore");
        var afterDown = (await PostgresTriggersAsync(db)).Concat(await PostgresSearchRelationsAsync(db)).ToList();
        await migrator.MigrateAsync();

        Assert.Empty(afterDown);
        Assert.Equal(["StorySearch", "StorySearchSource"], await PostgresSearchRelationsAsync(db));
    }

    private static Task<List<string>> PostgresTriggersAsync(StoriesDbContext db) => db.Database.SqlQuery<string>(
        $"""SELECT tgname::text AS "Value" FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1""").ToListAsync();

    private static Task<List<string>> PostgresSearchRelationsAsync(StoriesDbContext db) => db.Database.SqlQuery<string>(
        $"""SELECT relname::text AS "Value" FROM pg_class WHERE relname LIKE 'StorySearch%' AND relkind IN ('r', 'v') ORDER BY 1""").ToListAsync();

    [SqliteOnlyFact]
    public async Task The_search_index_migration_goes_down_cleanly_and_up_again()
    {
        await using var db = Store();
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync("InitialContentStore");
        var afterDown = await SearchObjectsAsync(db);
        await migrator.MigrateAsync();

        Assert.Empty(afterDown);
        Assert.Contains("StorySearch", await SearchObjectsAsync(db));
    }
}

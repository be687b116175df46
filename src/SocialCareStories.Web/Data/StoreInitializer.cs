using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Categories.Taxonomy;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Data;

/// <summary>
/// On start: bring the schema up to date (or, with `Storage:MigrateOnStart=false`, check that the `migrate`
/// command already has) and the stored story HTML up to the current renderer, then seed the content if the store
/// has none.
/// </summary>
public sealed class StoreInitializer(
    IDbContextFactory<StoriesDbContext> contextFactory,
    StoreSettings settings,
    SeedImporter seedImporter,
    TaxonomyLoader taxonomy,
    AuditLog audit,
    StoredStoryHtml storedHtml,
    RoleManager<IdentityRole> roleManager,
    IConfiguration configuration,
    ILogger<StoreInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (settings.MigrateOnStart)
        {
            await MigrateAsync(cancellationToken);
        }
        else
        {
            await RequireMigratedAsync(cancellationToken);
        }

        await storedHtml.RenderStaleAsync(cancellationToken);
        await EnsureRolesAsync();
        if (!configuration.GetValue("Store:SeedOnStart", defaultValue: true))
        {
            await taxonomy.EnsureLoadedAsync(cancellationToken);
            return;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await NeedsSeedingAsync(db, cancellationToken))
        {
            // A store seeded before it had a taxonomy: load it, then import the seeds again so the stories nobody has
            // edited are filed under it (an edited story is never overwritten).
            if (await taxonomy.EnsureLoadedAsync(cancellationToken))
            {
                await seedImporter.ImportSeedsAsync(cancellationToken);
            }
        }
        else
        {
            var outcome = await seedImporter.ImportSeedsAsync(cancellationToken);
            if (outcome.Problems.Count == 0)
            {
                audit.Record(db, Actor.System, SeededAction, "Store", null, "Imported the seed stories");
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    public const string SeededAction = "store.seeded";

    /// <summary>
    /// An empty store, or one whose first seeding was cut short (killed part-way: some stories, no "seeded" mark, and
    /// nobody has worked on a story yet). Seeding again is safe: stories already imported are skipped by fingerprint.
    /// </summary>
    private static async Task<bool> NeedsSeedingAsync(StoriesDbContext db, CancellationToken cancellationToken) =>
        !await db.Stories.AnyAsync(cancellationToken)
        || !await db.AuditEntries.AnyAsync(a => a.Action == SeededAction || a.ItemType == "Story", cancellationToken);

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }
    }

    // Several instances starting together must not race to migrate, so an operator may migrate once and start
    // them with MigrateOnStart off; an instance then refuses an out-of-date schema rather than misread it.
    private async Task RequireMigratedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The store has {pending.Count} migration(s) to apply ({string.Join(", ", pending)}) and Storage:MigrateOnStart is false: run the `migrate` command first.");
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while an editor saves, and a crash mid-write leaves the
            // last committed state. The mode is stored in the file, so setting it once per start is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }
    }
}

public static class StoreInitializerExtensions
{
    public static async Task InitializeStoreAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync();
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Data;

/// <summary>With Storage:MigrateOnStart=false an instance never migrates: the `migrate` command does, once.</summary>
[Trait("Category", "Process")]
public sealed class MigrateOnStartTests : IDisposable
{
    private readonly PortalWithoutMigrations _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task An_instance_that_may_not_migrate_refuses_a_new_store_until_the_migrate_command_has_run()
    {
        var refused = Assert.ThrowsAny<Exception>(() => _portal.Services);
        Assert.Contains("run the `migrate` command first", refused.GetBaseException().Message, StringComparison.Ordinal);

        SqliteConnection.ClearAllPools();
        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(AppProcess.StoreOf(_portal, TestStore.IsPostgres), "migrate");
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("store is up to date", stdout, StringComparison.Ordinal);

        using var started = new PortalWithoutMigrations(_portal);
        await using var db = await started.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Stories.AnyAsync(), "the instance seeds the migrated store as a fresh start does");
    }

    /// <summary>A portal with MigrateOnStart off, on its own new store or, given one, on the same store as that portal.</summary>
    private sealed class PortalWithoutMigrations(PortalWithoutMigrations? sameStoreAs = null) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:MigrateOnStart", "false");
            if (sameStoreAs is not null)
            {
                builder.UseSetting("ConnectionStrings:Stories", $"Data Source={sameStoreAs.DatabasePath}");
                if (TestStore.IsPostgres)
                {
                    builder.UseSetting("ConnectionStrings:StoriesPostgres", sameStoreAs.PostgresConnectionString);
                }
            }
        }
    }
}

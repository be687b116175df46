using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Data;

/// <summary>How the app connects to PostgreSQL: statements a page repeats are prepared once per connection, not planned on every request.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void Statements_used_twice_on_a_connection_are_prepared_unless_the_operator_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(StoreSetup.WithAutomaticPreparation("Host=db;Database=stories;Username=scs;Password=secret"));
        Assert.Equal(100, defaults.MaxAutoPrepare);
        Assert.Equal(2, defaults.AutoPrepareMinUsages);
        Assert.Equal("secret", defaults.Password);

        var operatorSaysNo = new NpgsqlConnectionStringBuilder(StoreSetup.WithAutomaticPreparation("Host=db;Database=stories;Max Auto Prepare=0;Auto Prepare Min Usages=7"));
        Assert.Equal(0, operatorSaysNo.MaxAutoPrepare);
        Assert.Equal(7, operatorSaysNo.AutoPrepareMinUsages);
    }

    [PostgresOnlyFact]
    public async Task The_apps_connections_keep_a_repeated_query_prepared()
    {
        using var portal = new PortalFactory();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 2; i++)
        {
            await db.Comments.Where(c => c.StoryId == i && c.Status == ModerationStatus.Approved).ToListAsync();
        }

        // pg_prepared_statements lists this session's own statements.
        var prepared = await db.Database.SqlQueryRaw<string>("""SELECT statement AS "Value" FROM pg_prepared_statements""").ToListAsync();
        Assert.Contains(prepared, s => s.Contains("\"Comments\"", StringComparison.Ordinal));
    }
}

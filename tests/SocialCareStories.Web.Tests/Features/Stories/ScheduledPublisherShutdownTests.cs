using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

public sealed class ScheduledPublisherShutdownTests
{
    [SqliteOnlyFact]
    public async Task A_broken_store_at_shutdown_is_logged_and_the_scheduler_still_stops_cleanly()
    {
        using var portal = new EmptyPortalFactory();
        using (portal.CreateClient())
        {
        }

        var publisher = portal.Services.GetServices<IHostedService>().OfType<ScheduledPublisher>().Single();
        await using (var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE Leases;";
            await command.ExecuteNonQueryAsync();
        }

        await publisher.StopAsync(CancellationToken.None);

        Assert.NotNull(publisher.ExecuteTask);
        Assert.True(publisher.ExecuteTask.IsCompletedSuccessfully, publisher.ExecuteTask.Exception?.ToString());
    }
}

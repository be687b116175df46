using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

public sealed class HealthEndpointsTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Both_health_endpoints_answer_healthy_to_anyone_and_are_never_cached(string path)
    {
        using var client = StaffAccounts.NewClient(portal);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.False(response.Headers.Age.HasValue);
    }

    [SqliteOnlyFact]
    public async Task Ready_answers_503_when_the_store_cannot_be_opened_while_live_stays_healthy()
    {
        var folder = Directory.CreateTempSubdirectory("scs-health-").FullName;
        using var broken = new PortalInFolder(Path.Combine(folder, "store.db"));
        using var client = StaffAccounts.NewClient(broken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // The database's folder disappears (a lost volume): no new connection can open or create the file.
        Directory.Delete(folder, recursive: true);
        SqliteConnection.ClearAllPools();
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [SqliteOnlyFact]
    public async Task Ready_answers_503_as_soon_as_the_database_file_is_deleted_even_with_connections_still_open()
    {
        var folder = Directory.CreateTempSubdirectory("scs-health-").FullName;
        using var portalInFolder = new PortalInFolder(Path.Combine(folder, "store.db"));
        using var client = StaffAccounts.NewClient(portalInFolder);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // The pooled connections keep the deleted file open, so reads through them still succeed.
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path.Combine(folder, "store.db" + suffix));
        }

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [SqliteOnlyFact]
    public async Task Ready_answers_503_when_the_store_can_be_read_but_refuses_every_write()
    {
        var folder = Directory.CreateTempSubdirectory("scs-health-").FullName;
        var path = Path.Combine(folder, "store.db");
        using var portalInFolder = new PortalInFolder(path);
        using var client = StaffAccounts.NewClient(portalInFolder);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // An immutable or read-only file (chattr +i, a read-only mount) cannot be made here as root, where file
        // permissions do not stop writes; triggers that abort every write to every table refuse writes the same way.
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                foreach (var operation in new[] { "INSERT", "UPDATE", "DELETE" })
                {
                    await using var trigger = connection.CreateCommand();
                    trigger.CommandText = $"CREATE TRIGGER \"refuse_{operation}_{table}\" BEFORE {operation} ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END;";
                    await trigger.ExecuteNonQueryAsync();
                }
            }
        }

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private sealed class PortalInFolder(string databasePath) : PortalFactory
    {
        protected override bool SeedOnStart => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Stories", $"Data Source={databasePath}");
        }
    }
}

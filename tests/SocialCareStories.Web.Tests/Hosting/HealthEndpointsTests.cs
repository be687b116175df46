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

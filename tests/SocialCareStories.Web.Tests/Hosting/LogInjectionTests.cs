using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>A request cannot write a line of its own into the log: control characters in logged values are encoded.</summary>
[Trait("Category", "Process")]
public sealed class LogInjectionTests
{
    [Fact]
    public async Task A_newline_in_a_path_or_query_never_starts_a_forged_log_line()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await using var portal = await AppProcess.StartPortalAsync(store.Path, new Dictionary<string, string> { ["Logging__Json"] = "false" });
        using var client = portal.CreateClient();

        using var path = await client.GetAsync(new Uri("/stories/x%0A[14:00:00%20ERR]%20Forged:%20admin%20deleted%20everything", UriKind.Relative));
        using var query = await client.GetAsync(new Uri("/search?q=a%0D%0A[14:00:01%20ERR]%20Forged:%20by%20query", UriKind.Relative));
        await WaitUntilAsync(() => portal.Lines.Count(l => l.Contains("responded", StringComparison.Ordinal)) >= 2);

        Assert.DoesNotContain(portal.Lines, line => line.StartsWith("[14:00:0", StringComparison.Ordinal));
        Assert.Contains(portal.Lines, line => line.Contains("Forged: admin deleted everything", StringComparison.Ordinal) && line.Contains("responded", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; waited < 200 && !condition(); waited++)
        {
            await Task.Delay(50);
        }
    }
}

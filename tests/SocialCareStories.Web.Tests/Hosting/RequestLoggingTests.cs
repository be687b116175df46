using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting;

/// <summary>The portal as a real process writing JSON logs: what a request's log events carry, and how a failure is logged and shown.</summary>
[Trait("Category", "Process")]
public sealed class RequestLoggingTests
{
    [Fact]
    public async Task A_request_is_logged_with_its_request_id_trace_id_path_and_status()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        // Successful requests are written at Debug: turn it on to see one.
        await using var portal = await AppProcess.StartPortalAsync(store.Path, new Dictionary<string, string> { ["Serilog__MinimumLevel__Default"] = "Debug" });
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/stories?kind=news", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completed = await WaitForRequestAsync(portal, "/stories");
        Assert.Equal("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms", completed.GetProperty("@mt").GetString());
        Assert.Equal("Debug", completed.GetProperty("@l").GetString());
        Assert.Equal(200, completed.GetProperty("StatusCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(completed.GetProperty("RequestId").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", completed.GetProperty("@tr").GetString());
    }

    [Fact]
    public async Task At_the_shipped_level_a_missing_page_is_logged_and_fast_successes_and_static_files_are_not()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await using var portal = await AppProcess.StartPortalAsync(store.Path);
        using var client = portal.CreateClient();

        // The first page builds the story facets and may well be slow (and so logged); the ones after it are not.
        foreach (var path in new[] { "/stories", "/categories", "/app.css", "/favicon.ico", "/no-such-page-anywhere" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        }

        var missing = await WaitForRequestAsync(portal, "/no-such-page-anywhere");
        Assert.Equal(404, missing.GetProperty("StatusCode").GetInt32());
        Assert.False(missing.TryGetProperty("@l", out _), "Information, the compact format's default level");
        Assert.DoesNotContain(portal.Events, e => e.TryGetProperty("RequestPath", out var path) && path.GetString() is "/categories" or "/app.css" or "/favicon.ico"
            && e.TryGetProperty("SourceContext", out var source) && source.GetString() == "Serilog.AspNetCore.RequestLoggingMiddleware");
    }

    [Theory]
    [InlineData(200, 5.0, "Debug")]
    [InlineData(304, 5.0, "Debug")]
    [InlineData(302, 5.0, "Debug")]
    [InlineData(200, 1500.0, "Information")]
    [InlineData(404, 5.0, "Information")]
    [InlineData(429, 5.0, "Information")]
    [InlineData(500, 5.0, "Warning")]
    public void A_request_is_logged_at_a_level_that_says_whether_anyone_needs_to_look(int status, double milliseconds, string level)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Response.StatusCode = status;

        Assert.Equal(level, SocialCareStories.Web.Hosting.LoggingSetup.RequestLevel(context, milliseconds, exception: null).ToString());
    }

    [Fact]
    public async Task A_failing_request_is_logged_once_as_an_error_with_its_context_and_readers_see_no_detail()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        await using var portal = await AppProcess.StartPortalAsync(store.Path);
        // The store loses its search index behind the portal's back: every search now fails inside the request.
        await using (var connection = new SqliteConnection($"Data Source={store.Path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE StorySearch;";
            await command.ExecuteNonQueryAsync();
        }

        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri("/search?q=gardening", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, something went wrong", page, StringComparison.Ordinal);
        foreach (var detail in new[] { "StorySearch", "SqliteException", "no such table", "   at " })
        {
            Assert.DoesNotContain(detail, page, StringComparison.Ordinal);
        }

        var completed = await WaitForRequestAsync(portal, "/search");
        var requestId = completed.GetProperty("RequestId").GetString();
        Assert.Equal("Warning", completed.GetProperty("@l").GetString());
        Assert.Equal(500, completed.GetProperty("StatusCode").GetInt32());
        Assert.False(completed.TryGetProperty("@x", out _));

        var withException = portal.Events.Where(e => e.TryGetProperty("@x", out _)).ToList();
        var error = Assert.Single(withException);
        Assert.Equal("Error", error.GetProperty("@l").GetString());
        Assert.Contains("no such table: StorySearch", error.GetProperty("@x").GetString(), StringComparison.Ordinal);
        Assert.Equal(requestId, error.GetProperty("RequestId").GetString());
        Assert.Equal("/search", error.GetProperty("RequestPath").GetString());
        Assert.Equal(completed.GetProperty("@tr").GetString(), error.GetProperty("@tr").GetString());
        Assert.DoesNotContain(portal.Events, e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal" && !e.TryGetProperty("@x", out _));
    }

    /// <summary>The request-completion event for the path, once the portal has written it.</summary>
    private static async Task<JsonElement> WaitForRequestAsync(AppProcess portal, string path)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            var found = portal.Events.FirstOrDefault(e =>
                e.TryGetProperty("SourceContext", out var source) && source.GetString() == "Serilog.AspNetCore.RequestLoggingMiddleware"
                && e.TryGetProperty("RequestPath", out var requestPath) && requestPath.GetString() == path);
            if (found.ValueKind == JsonValueKind.Object)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No request-completion event for {path}.{Environment.NewLine}{portal.Tail()}");
    }
}

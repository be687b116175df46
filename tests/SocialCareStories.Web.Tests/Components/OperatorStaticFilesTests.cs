using System.Net;
using Microsoft.AspNetCore.Hosting;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Components;

/// <summary>A file an operator drops into the web root after publishing (a site-verification file, say) is served as it is.</summary>
public sealed class OperatorStaticFilesTests : IDisposable
{
    private readonly string _webRoot = Directory.CreateTempSubdirectory("scs-webroot-").FullName;

    [Fact]
    public async Task A_file_added_to_the_web_root_while_running_is_served_as_it_is()
    {
        using var portal = new WebRootPortalFactory(_webRoot);
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/verify/google123.html", UriKind.Relative))).StatusCode);

        Directory.CreateDirectory(Path.Combine(_webRoot, "verify"));
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "verify", "google123.html"), "google-site-verification: google123.html");
        var response = await client.GetAsync(new Uri("/verify/google123.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("google-site-verification: google123.html", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => Directory.Delete(_webRoot, recursive: true);

    private sealed class WebRootPortalFactory(string webRoot) : PortalFactory
    {
        protected override bool SeedOnStart => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseWebRoot(webRoot);
        }
    }
}

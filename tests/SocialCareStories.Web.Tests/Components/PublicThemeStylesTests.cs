using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using SocialCareStories.Web.Components.Layout;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Components;

/// <summary>Reading pages carry the theme's styles rendered once, and they are exactly what MudThemeProvider writes.</summary>
public sealed class PublicThemeStylesTests : IDisposable
{
    private readonly EmptyPortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/search")]
    public async Task Public_pages_carry_the_same_theme_styles_as_the_MudBlazor_provider_on_every_request(string path)
    {
        var expected = await RenderProviderAsync();
        Assert.Contains("--mud-palette-primary: rgba(11,85,99,1);", expected, StringComparison.Ordinal);
        var client = _portal.CreateClient();

        // The second request is served from the markup kept after the first.
        foreach (var query in new[] { "?first", "?second" })
        {
            var page = await client.GetStringAsync(new Uri(path + query, UriKind.Relative));
            Assert.Contains(expected, page, StringComparison.Ordinal);
        }
    }

    private async Task<string> RenderProviderAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
    }
}

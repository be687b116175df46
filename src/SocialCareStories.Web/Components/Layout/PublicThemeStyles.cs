using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace SocialCareStories.Web.Components.Layout;

/// <summary>
/// The theme's &lt;style&gt; blocks for the static reading pages, exactly as <see cref="MudThemeProvider"/> writes
/// them, rendered once per process instead of on every page. The provider builds some 12 KB of CSS variables
/// from the palette on each render, and on a static page its disposal calls into JavaScript that is not there
/// and throws (caught); both were measurable on an uncached story page. The interactive admin frame keeps the
/// real provider, which can follow dark mode changes there.
/// </summary>
public sealed class PublicThemeStyles : IComponent
{
    private static string? _markup;
    private RenderHandle _handle;

    [Inject] private IServiceProvider Services { get; set; } = default!;

    [Inject] private ILoggerFactory LoggerFactory { get; set; } = default!;

    public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

    public async Task SetParametersAsync(ParameterView parameters)
    {
        // Two first requests at once may both render it; they write the same string.
        _markup ??= await RenderAsync(Services, LoggerFactory);
        _handle.Render(BuildRenderTree);
    }

    private static void BuildRenderTree(RenderTreeBuilder builder) => builder.AddMarkupContent(0, _markup);

    private static async Task<string> RenderAsync(IServiceProvider services, ILoggerFactory loggerFactory)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });
    }
}

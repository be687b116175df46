using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// The one Markdown pipeline: Markdig to HTML, then HtmlSanitizer, because Markdig has no sanitiser of its own
/// and still emits javascript: links with raw HTML disabled. Every page and preview renders through this.
/// </summary>
public sealed partial class MarkdownRenderer
{
    /// <summary>
    /// Raise this whenever the pipeline or the sanitiser's rules change, so the HTML stored with every story
    /// (<see cref="Story.BodyHtml"/>) is rendered again at the next start (<see cref="StoredStoryHtml"/>).
    /// </summary>
    public const int Version = 2;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToSafeHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));

    /// <summary>
    /// What readers get: the HTML stored when the story was saved if this version of the pipeline made it; otherwise
    /// rendered now, for a row the start-up re-render has not reached (it runs before the portal serves, so rarely).
    /// </summary>
    public string StoredOrRendered(string? storedHtml, int storedVersion, string markdown) =>
        storedHtml is not null && storedVersion == Version ? storedHtml : ToSafeHtml(markdown);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.ExceptWith(["form", "input", "button", "textarea", "select", "option", "style"]);
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Links leave the site safely and say so to assistive technology via the rel.
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.GetAttribute("href") is { } href
                && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }

            // Images only from the media library (no tracking pixels or mixed content from elsewhere), loaded as the
            // reader scrolls to them; any other image becomes its alt text.
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "img" } image)
            {
                if (image.GetAttribute("src") is { } src && LibraryImage().IsMatch(src))
                {
                    image.SetAttribute("loading", "lazy");
                    image.SetAttribute("decoding", "async");
                }
                else
                {
                    image.Replace(image.Owner!.CreateTextNode(image.GetAttribute("alt") ?? ""));
                }
            }
        };
        return sanitizer;
    }

    [GeneratedRegex("^/media/[0-9]+/[0-9a-f]+/[0-9]+\\.(jpg|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex LibraryImage();
}

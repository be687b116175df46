using AngleSharp.Html.Parser;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Features.Stories;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)></svg>")]
    [InlineData("[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void Rendered_markdown_holds_no_executable_script(string markdown)
    {
        var document = new HtmlParser().ParseDocument(_renderer.ToSafeHtml(markdown));

        Assert.Empty(document.QuerySelectorAll("script, svg, iframe, object, embed"));
        foreach (var element in document.All)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(element.Attributes, a => a.Name is "href" or "src"
                && (a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || a.Value.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_headings_lists_and_links()
    {
        var document = new HtmlParser().ParseDocument(_renderer.ToSafeHtml("## Heading\n\n- one\n- two\n\n[Skills for Care](https://www.skillsforcare.org.uk)"));

        Assert.Equal("Heading", document.QuerySelector("h2")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
        Assert.Equal("https://www.skillsforcare.org.uk", document.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public void A_media_library_image_in_the_body_is_kept_and_loads_lazily()
    {
        var document = new HtmlParser().ParseDocument(_renderer.ToSafeHtml("![Carers at the fair](/media/12/0123abcd4567ef89/960.jpg)"));

        var image = Assert.Single(document.QuerySelectorAll("img"));
        Assert.Equal(("/media/12/0123abcd4567ef89/960.jpg", "Carers at the fair"), (image.GetAttribute("src"), image.GetAttribute("alt")));
        Assert.Equal(("lazy", "async"), (image.GetAttribute("loading"), image.GetAttribute("decoding")));
    }

    [Theory]
    [InlineData("![A tracking pixel](https://tracker.example/pixel.gif)")]
    [InlineData("![Elsewhere on the site](/images/logo.png)")]
    [InlineData("![Sneaky](/media/12/abc/960.jpg?x=1)")]
    public void An_image_from_outside_the_media_library_becomes_its_alt_text(string markdown)
    {
        var document = new HtmlParser().ParseDocument(_renderer.ToSafeHtml(markdown));

        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Contains(markdown[2..markdown.IndexOf(']', StringComparison.Ordinal)], document.Body!.TextContent, StringComparison.Ordinal);
    }
}

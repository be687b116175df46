using SocialCareStories.Web.Features.Search;

namespace SocialCareStories.Web.Tests.Features.Search;

public sealed class SnippetsTests
{
    private const char O = Snippets.Open;
    private const char C = Snippets.Close;

    [Fact]
    public void Delimiters_become_mark_tags_and_everything_else_is_encoded() =>
        Assert.Equal("&lt;b&gt;Good&lt;/b&gt; <mark>care</mark> &amp; support", Snippets.ToHtml($"<b>Good</b> {O}care{C} & support"));

    [Fact]
    public void Marks_stay_balanced_whatever_delimiters_the_text_itself_holds() =>
        Assert.Equal("a <mark>b c</mark> d", Snippets.ToHtml($"a {C}{O}b {O}c{C} d{C}"));

    [Fact]
    public void An_unclosed_mark_is_closed() =>
        Assert.Equal("<mark>care…</mark>", Snippets.ToHtml($"{O}care…"));

    [Fact]
    public void Markdown_escapes_and_emphasis_are_dropped() =>
        Assert.Equal("Skills for <mark>Care</mark>. Really", Snippets.ToHtml($"**Skills for {O}Care{C}\\.** _Really_"));
}

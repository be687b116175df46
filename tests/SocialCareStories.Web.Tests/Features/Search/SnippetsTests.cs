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

    [Fact]
    public void A_snippet_that_begins_inside_an_image_address_shows_only_readable_text() =>
        Assert.Equal("…What happened in <mark>Calderdale</mark>", Snippets.ToHtml($"…calderdale-team.jpg)What happened in {O}Calderdale{C}"));

    [Fact]
    public void A_snippet_that_begins_inside_a_links_text_keeps_the_text_and_its_mark() =>
        Assert.Equal("…the <mark>Calderdale</mark> team and more", Snippets.ToHtml($"…the {O}Calderdale{C} team](https://example.org/calderdale) and more"));

    [Fact]
    public void A_match_in_a_links_text_stays_marked_and_the_address_goes() =>
        Assert.Equal("Visit the <mark>Calderdale</mark> team. What happened", Snippets.ToHtml($"Visit the [{O}Calderdale{C} team](https://example.org/c).![photo](https://example.org/calderdale-team.jpg)What happened"));

    [Fact]
    public void A_heading_in_a_snippet_is_not_glued_to_the_sentence_before_it() =>
        Assert.Equal("growth in the <mark>workforce</mark>. Dodging responsibility", Snippets.ToHtml($"growth in the {O}workforce{C}.\n\n### Dodging responsibility"));
}

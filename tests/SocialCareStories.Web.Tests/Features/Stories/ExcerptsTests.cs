using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>Listing excerpts, meta descriptions and feed summaries are plain text, whatever Markdown the body holds.</summary>
public sealed class ExcerptsTests
{
    [Fact]
    public void An_image_is_dropped_and_the_text_after_it_is_not_glued_on() =>
        Assert.Equal("The team. What happened next", Excerpts.From("The team.![Calderdale team](https://example.org/calderdale-team.jpg)What happened next", 200));

    [Fact]
    public void A_link_reads_as_its_text() =>
        Assert.Equal("Read the Skills for Care report today.", Excerpts.From("Read the [Skills for Care report](https://www.skillsforcare.org.uk/report) today.", 200));

    [Fact]
    public void A_heading_after_a_paragraph_is_separated_from_it() =>
        Assert.Equal("a continued growth in the workforce. Dodging responsibility Respect", Excerpts.From("a continued growth in the workforce.\n\n### Dodging responsibility\n\nRespect", 200));

    [Fact]
    public void Escapes_and_emphasis_markers_are_dropped_but_the_escaped_characters_stay() =>
        Assert.Equal("the workforce[2] and *really* important", Excerpts.From("the workforce\\[2\\] and \\*really\\* **important**", 200));

    [Fact]
    public void A_link_cut_off_by_the_excerpts_length_leaves_no_syntax_behind() =>
        Assert.Equal("See the Calderdale team", Excerpts.From("See the [Calderdale team](https://exa", 200));

    [Fact]
    public void An_image_cut_off_by_the_excerpts_length_is_dropped() =>
        Assert.Equal("See the", Excerpts.From("See the ![Calderdale team](https://exa", 200));

    [Fact]
    public void A_bracket_in_words_is_kept() =>
        Assert.Equal("new business [and beer tasting] skills (the date of the referendum)", Excerpts.From("new business [and beer tasting] skills (the date of the referendum)", 200));
}

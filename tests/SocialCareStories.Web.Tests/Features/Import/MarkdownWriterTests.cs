using SocialCareStories.Web.Features.Import.Conventions;

namespace SocialCareStories.Web.Tests.Features.Import;

public class MarkdownWriterTests
{
    private const string LongLine =
        "Our home started a breakfast club for people living alone in the village, and it has changed the mornings of "
        + "everyone who comes along on a Tuesday morning for tea and toast.";

    [Fact]
    public void Every_line_of_prose_becomes_its_own_paragraph()
    {
        Assert.Equal("First line.\n\nSecond line.", MarkdownWriter.Write(["First line.", "Second line."]));
    }

    [Fact]
    public void Blank_lines_do_not_make_empty_paragraphs()
    {
        Assert.Equal("First line.\n\nSecond line.", MarkdownWriter.Write(["", "First line.", "", "", "Second line.", ""]));
    }

    [Fact]
    public void Bullet_items_become_a_markdown_list()
    {
        Assert.Equal("Three aims:\n\n- Quality\n- Connection", MarkdownWriter.Write(["Three aims:", "  • Quality", "  • Connection"]));
    }

    [Fact]
    public void Indented_numbered_items_become_a_numbered_list()
    {
        Assert.Equal("1. Better outcomes\n2. Better experience", MarkdownWriter.Write(["  1. Better outcomes", "  2. Better experience"]));
    }

    [Fact]
    public void A_capitalised_box_title_becomes_a_sentence_case_heading()
    {
        Assert.Equal("## Can the workforce deliver the vision?", MarkdownWriter.Write(["CAN THE WORKFORCE DELIVER THE VISION?"]));
    }

    [Fact]
    public void A_short_capitalised_word_is_not_a_heading()
    {
        Assert.Equal("NHS", MarkdownWriter.Write(["NHS"]));
    }

    [Fact]
    public void A_short_line_between_long_paragraphs_becomes_a_subheading()
    {
        Assert.Equal(
            $"{LongLine}\n\n### A many-faceted relationship\n\n{LongLine}",
            MarkdownWriter.Write([LongLine, "A many-faceted relationship", LongLine]));
    }

    [Fact]
    public void A_short_sentence_between_long_paragraphs_stays_a_paragraph()
    {
        Assert.Equal(
            $"{LongLine}\n\nIt does not have to be like this.\n\n{LongLine}",
            MarkdownWriter.Write([LongLine, "It does not have to be like this.", LongLine]));
    }

    [Fact]
    public void About_the_author_becomes_a_heading()
    {
        Assert.Equal("## About the author\n\nTom Reid is a gardener.", MarkdownWriter.Write(["About the author", "Tom Reid is a gardener."]));
    }

    [Theory]
    [InlineData("Use *stars* and _underscores_ freely.", @"Use \*stars\* and \_underscores\_ freely.")]
    [InlineData("See the notes [1] below.", @"See the notes \[1\] below.")]
    [InlineData("<script>alert(1)</script>", @"\<script\>alert(1)\</script\>")]
    [InlineData("#SocialCareFuture is trending.", @"\#SocialCareFuture is trending.")]
    [InlineData("- not a list item.", @"\- not a list item.")]
    [InlineData("2020. A year like no other.", @"2020\. A year like no other.")]
    public void Text_is_never_mistaken_for_markdown(string line, string expected)
    {
        Assert.Equal(expected, MarkdownWriter.Escape(line));
    }

    [Fact]
    public void Web_addresses_stay_as_written()
    {
        const string line = "Read more at https://example.org/a_page_[1] and www.example.org/b_c today.";

        Assert.Equal(line, MarkdownWriter.Escape(line));
    }

    [Fact]
    public void Paragraphs_keep_comment_text_as_written()
    {
        Assert.Equal("Hear *hear*!\n\nWell said.", MarkdownWriter.Paragraphs(["  Hear *hear*!  ", "", "Well said."]));
    }

    [Fact]
    public void A_footnote_marker_glued_to_the_next_word_gets_its_space_back() =>
        Assert.Equal(
            "1.43 million people in the social care workforce\\[2\\] The Cavendish Coalition\\[3\\] estimate that there are 90,000 \\[4\\]",
            MarkdownWriter.Write(["1.43 million people in the social care workforce[2]The Cavendish Coalition[3]estimate that there are 90,000 [4]"]));

    [Fact]
    public void A_roman_footnote_marker_glued_to_the_next_word_gets_its_space_back() =>
        Assert.Equal("covered by the TES\\[i\\] in June, in his blog\\[ii\\] admissions", MarkdownWriter.Write(["covered by the TES[i] in June, in his blog[ii]admissions"]));

    [Fact]
    public void Brackets_that_are_not_footnote_markers_are_left_as_written() =>
        Assert.Equal("a new business \\[and beer tasting\\] skill", MarkdownWriter.Write(["a new business [and beer tasting] skill"]));

    [Fact]
    public void A_quote_still_escaped_for_a_script_reads_as_a_plain_quote() =>
        Assert.Equal("If it's good enough for Mo!", MarkdownWriter.Write([" If it\\'s good enough for Mo!"]));

    [Fact]
    public void A_note_whose_marker_is_glued_to_its_first_word_gets_its_space_back() =>
        Assert.Equal("\\[5\\] Skills for Care 2017 Conference information", MarkdownWriter.Write(["[5]Skills for Care 2017 Conference information"]));
}

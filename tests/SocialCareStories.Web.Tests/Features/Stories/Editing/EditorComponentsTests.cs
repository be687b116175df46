using Bunit;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Features.Stories.Editing.Components;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

/// <summary>The editor's small components rendered on their own by bunit.</summary>
public sealed class EditorComponentsTests : BunitContext
{
    [Fact]
    public void A_diff_marks_removed_and_added_lines_for_sight_and_for_screen_readers()
    {
        var view = Render<DiffView>(p => p.Add(c => c.Lines, LineDiff.Compare("Kept\nOld words", "Kept\nNew words")));

        Assert.Equal("Kept", view.Find(".line-diff__same").TextContent);
        Assert.Equal("Removed: Old words", view.Find("del.line-diff__removed").TextContent);
        Assert.Equal("Added: New words", view.Find("ins.line-diff__added").TextContent);
        Assert.Equal("Changes", view.Find(".line-diff").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_diff_shows_markup_in_the_text_as_text()
    {
        var view = Render<DiffView>(p => p.Add(c => c.Lines, LineDiff.Compare("", "<script>alert(1)</script>")));

        Assert.Empty(view.FindAll("script"));
        Assert.Contains("<script>alert(1)</script>", view.Find("ins").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_that_needs_review_stands_out_beside_its_status()
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, StoryStatus.Published).Add(c => c.NeedsReview, true).Add(c => c.ReviewNote, "Title guessed"));

        Assert.Equal("Published", chip.Find(".status-badge--published").TextContent);
        Assert.Equal("Title guessed", chip.Find(".needs-review").GetAttribute("title"));
    }
}

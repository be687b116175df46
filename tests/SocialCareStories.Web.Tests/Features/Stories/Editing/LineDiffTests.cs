using SocialCareStories.Web.Features.Stories.Editing;

namespace SocialCareStories.Web.Tests.Features.Stories.Editing;

public sealed class LineDiffTests
{
    [Fact]
    public void Unchanged_lines_stay_and_changed_ones_show_as_removed_then_added()
    {
        var diff = LineDiff.Compare("a\nb\nc\nd", "a\nB\nc\nd\ne");

        Assert.Equal(
            [new(DiffKind.Same, "a"), new(DiffKind.Removed, "b"), new(DiffKind.Added, "B"), new(DiffKind.Same, "c"), new(DiffKind.Same, "d"), new(DiffKind.Added, "e")],
            diff);
    }

    [Fact]
    public void A_moved_paragraph_keeps_the_longest_common_run()
    {
        var diff = LineDiff.Compare("one\ntwo\nthree\nfour", "two\nthree\nfour\none");

        Assert.Equal(3, diff.Count(l => l.Kind == DiffKind.Same));
        Assert.Equal([new DiffLine(DiffKind.Removed, "one")], diff.Where(l => l.Kind == DiffKind.Removed));
        Assert.Equal([new DiffLine(DiffKind.Added, "one")], diff.Where(l => l.Kind == DiffKind.Added));
    }

    [Fact]
    public void Empty_texts_and_windows_line_endings_compare_cleanly()
    {
        Assert.Empty(LineDiff.Compare("", ""));
        Assert.Equal([new DiffLine(DiffKind.Added, "x")], LineDiff.Compare("", "x"));
        Assert.All(LineDiff.Compare("a\r\nb", "a\nb"), l => Assert.Equal(DiffKind.Same, l.Kind));
    }
}

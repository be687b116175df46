using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>The real scraped documents in the repository's seeds/ folder.</summary>
public class SeedFolderTests
{
    private static string SeedsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SocialCareStories.sln")))
            {
                return Path.Combine(dir.FullName, "seeds");
            }
        }

        throw new InvalidOperationException("SocialCareStories.sln was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_seeds_folder_yields_exactly_16_stories_in_file_name_order_without_problems()
    {
        var result = new SourceDocumentParser().ParseFolder(SeedsFolder());

        Assert.Empty(result.Problems);
        Assert.Equal(16, result.Stories.Count);
        Assert.Equal(result.Stories.Select(s => s.SourceFile).Order(StringComparer.Ordinal), result.Stories.Select(s => s.SourceFile));
        int[] perFile = [1, 7, 1, 1, 6];
        Assert.Equal(perFile, result.Stories.GroupBy(s => s.SourceFile).Select(g => g.Count()));
    }

    [Fact]
    public void Each_seed_document_is_read_by_its_own_convention()
    {
        var stories = new SourceDocumentParser().ParseFolder(SeedsFolder()).Stories;
        var byFile = stories.GroupBy(s => s.SourceFile).Select(g => g.First()).ToList();

        Assert.Equal("The good, the bad and the ugly", byFile[0].Title);
        Assert.All(stories.Where(s => s.SourceFile == byFile[1].SourceFile), s => Assert.True(s.NeedsReview));
        Assert.Equal(StoryKind.News, byFile[2].Kind);
        Assert.Equal(3, byFile[3].Comments.Count);
        Assert.Equal(new PartialDate(null, 2, 9), byFile[3].PublishedOn);
        Assert.All(stories.Where(s => s.SourceFile == byFile[4].SourceFile), s => Assert.Contains("Social Care", s.Tags));
    }

    [Fact]
    public void The_news_seed_names_no_author_or_date_and_is_flagged_for_review()
    {
        var news = new SourceDocumentParser().ParseFolder(SeedsFolder()).Stories.Single(s => s.Kind == StoryKind.News);

        Assert.Empty(news.Authors);
        Assert.Equal(PartialDate.Unknown, news.PublishedOn);
        Assert.True(news.NeedsReview);
        Assert.Equal("The post names no author and gives no date.", news.ReviewNote);
    }
}

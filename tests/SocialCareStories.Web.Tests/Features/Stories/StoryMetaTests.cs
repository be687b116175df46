using System.Text.RegularExpressions;
using AngleSharp.Dom;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>What a story page says about the story above its body (byline, date, source, award badges), over a seeded store.</summary>
public sealed class StoryMetaTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static string Text(IElement? element) => Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    [Fact]
    public async Task A_story_without_an_author_starts_its_byline_with_the_date_not_a_separator()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/stories/the-good-the-bad-and-the-ugly");

        Assert.Equal("March 2016", Text(document.QuerySelector(".story .story-meta")));
    }

    [Fact]
    public async Task A_story_with_only_its_source_says_first_published_by_without_a_separator()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/stories/ethics-alive-the-ethics-of-socbots-imagining-siri-and-alexa-as-the-next");

        Assert.Equal("First published by SocialWorker.com", Text(document.QuerySelector(".story .story-meta")));
    }

    [Fact]
    public async Task A_date_without_its_year_says_so_on_the_story_page()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/stories/speak-up-at-the-back-there");

        Assert.Equal("By Debbie Sorkin · 9 February (year not given) · first published by Caring Times", Text(document.QuerySelector(".story .story-meta")));
        Assert.Equal("--02-09", document.QuerySelector(".story .story-meta time")?.GetAttribute("datetime"));
    }

    [Fact]
    public async Task A_date_without_its_year_says_so_on_the_story_card()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/");

        var card = document.QuerySelectorAll(".story-card").First(c => Text(c.QuerySelector("h3")) == "Speak up at the back there");
        Assert.Equal("Blog post · by Debbie Sorkin · 9 February (year not given)", Text(card.QuerySelector(".story-meta")));
    }

    [Fact]
    public async Task Two_winners_told_by_one_story_give_it_one_badge_naming_both()
    {
        var document = await portal.CreateClient().GetDocumentAsync("/stories/the-good-the-bad-and-the-ugly");

        var badge = Assert.Single(document.QuerySelectorAll(".award-badge"));
        Assert.Equal("Accolades winner 2015", Text(badge.QuerySelector("a")));
        Assert.Equal("for Leeds City Council, Winner of Winners; Stockport Council", Text(badge.QuerySelector(".visually-hidden")));
    }
}

using Bunit;
using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.CaseStudies.Components;

namespace SocialCareStories.Web.Tests.Features.CaseStudies;

/// <summary>One case study rendered on its own by bunit.</summary>
public sealed class CaseStudyArticleTests : BunitContext
{
    [Fact]
    public void A_case_study_is_anchored_by_its_slug_and_named_by_its_heading()
    {
        var caseStudy = new CaseStudyCard("symphony-project-somerset", "Symphony project, Somerset", [], null, "Somerset", "Pooling funds.", null, "speak-up-at-the-back-there", "Speak up at the back there");

        var article = Render<CaseStudyArticle>(p => p.Add(c => c.CaseStudy, caseStudy)).Find("article");

        Assert.Equal("symphony-project-somerset", article.Id);
        Assert.Equal("symphony-project-somerset-title", article.GetAttribute("aria-labelledby"));
        Assert.Equal("Symphony project, Somerset", article.QuerySelector("#symphony-project-somerset-title")?.TextContent);
        Assert.Equal(["Place", "What was done"], article.QuerySelectorAll("dt").Select(dt => dt.TextContent));
        Assert.Equal("/stories/speak-up-at-the-back-there", article.QuerySelector(".case-study__story a")?.GetAttribute("href"));
    }

    [Fact]
    public void A_case_study_with_several_organisations_links_each_of_them()
    {
        var caseStudy = new CaseStudyCard(
            "alliance", "Alliance", [new OrganisationLink("Certitude", "certitude"), new OrganisationLink("Thames Reach", "thames-reach")],
            null, null, null, null, "story", "Story");

        var article = Render<CaseStudyArticle>(p => p.Add(c => c.CaseStudy, caseStudy)).Find("article");

        Assert.Equal("Organisations", article.QuerySelector("dt")?.TextContent);
        Assert.Equal(["/organisations/certitude", "/organisations/thames-reach"], article.QuerySelectorAll("dd a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Certitude, Thames Reach", article.QuerySelector("dd")?.TextContent.Trim());
    }
}

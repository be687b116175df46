using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Pages;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Stories;

/// <summary>The story list component rendered by bunit over the seeded SQLite store.</summary>
public sealed class StoryListComponentTests(PortalFactory portal) : BunitContext, IClassFixture<PortalFactory>
{
    private SocialCareStories.Web.Features.Stories.Browsing.StoryFacets Facets =>
        portal.Services.GetRequiredService<SocialCareStories.Web.Features.Stories.Browsing.StoryFacets>();

    private IRenderedComponent<StoryList> RenderList()
    {
        Services.AddSingleton(portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>());
        Services.AddSingleton(Facets);
        Services.AddScoped<StoryCatalogue>();
        Services.AddScoped<CategoryTree>();
        var list = Render<StoryList>();
        list.WaitForState(() => list.FindAll("ul.story-list > li").Count > 0);
        return list;
    }

    [Fact]
    public void StoryList_lists_published_stories_newest_first()
    {
        var list = RenderList();

        var titles = list.FindAll("ul.story-list h3 a").Select(a => a.TextContent).ToList();
        Assert.Equal(16, titles.Count);
        Assert.Equal("‘Sometimes being invisible isn’t helpful’", titles[0]);
        Assert.Equal("Developing effective commissioner–provider relationships", titles[1]);
    }

    [Fact]
    public void StoryList_leaves_out_stories_that_are_not_published()
    {
        using (var db = portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContext())
        {
            var story = db.Stories.Single(s => s.Slug == "workforce-retention");
            story.Status = StoryStatus.Draft;
            db.SaveChanges();
        }

        // Written straight to the store, past the editor: tell the listings, as the content cache does for the editor.
        Facets.Forget();

        try
        {
            var list = RenderList();
            Assert.DoesNotContain(list.FindAll("ul.story-list h3 a"), a => a.TextContent == "Workforce retention?");
        }
        finally
        {
            using var db = portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContext();
            db.Stories.Single(s => s.Slug == "workforce-retention").Status = StoryStatus.Published;
            db.SaveChanges();
            Facets.Forget();
        }
    }
}

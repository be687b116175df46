using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Search;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

/// <summary>
/// The index kept in step by the database's triggers: these tests change the store through the DbContext, as
/// any code might, and search straight after. Each uses its own invented words, so they do not disturb each other.
/// </summary>
public sealed class SearchIndexTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly HtmlParser Parser = new();

    private StoriesDbContext Store() => portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContext();

    private async Task<StoryPage<SearchHit>> SearchAsync(string query, int pageSize = IStorySearch.DefaultPageSize)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IStorySearch>().SearchAsync(query, new StoryFilter(), pageSize);
    }

    private async Task<Story> AddStoryAsync(string title, string body, StoryStatus status = StoryStatus.Published)
    {
        await using var db = Store();
        var story = new Story { Title = title, Slug = Guid.NewGuid().ToString("N"), BodyMarkdown = body, Status = status, Kind = StoryKind.BlogPost };
        db.Stories.Add(story);
        await db.SaveChangesAsync();
        return story;
    }

    [Fact]
    public async Task A_draft_story_is_never_found()
    {
        await AddStoryAsync("Draft about marmalade", "Marmalade workshops in a day centre.", StoryStatus.Draft);
        await AddStoryAsync("Scheduled marmalade", "More marmalade.", StoryStatus.Scheduled);

        Assert.Equal(0, (await SearchAsync("marmalade")).Total);
    }

    [Fact]
    public async Task Publishing_a_draft_adds_it_to_the_index_and_unpublishing_removes_it()
    {
        var draft = await AddStoryAsync("Allotment club", "The gooseberry harvest was shared with neighbours.", StoryStatus.Draft);
        Assert.Equal(0, (await SearchAsync("gooseberry")).Total);

        await using (var db = Store())
        {
            (await db.Stories.SingleAsync(s => s.Id == draft.Id)).Status = StoryStatus.Published;
            await db.SaveChangesAsync();
        }

        Assert.Equal([draft.Id], (await SearchAsync("gooseberry")).Items.Select(h => h.Story.Id));

        await using (var db = Store())
        {
            (await db.Stories.SingleAsync(s => s.Id == draft.Id)).Status = StoryStatus.Unpublished;
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await SearchAsync("gooseberry")).Total);
    }

    [Fact]
    public async Task The_index_follows_a_title_change()
    {
        await using (var db = Store())
        {
            var story = await db.Stories.SingleAsync(s => s.Slug == "a-piece-in-the-jigsaw-social-care-and-jobs-in-wolverhampton");
            story.Title = "A tessellation of social care and jobs in Wolverhampton";
            await db.SaveChangesAsync();
        }

        var found = await SearchAsync("tessellation");

        Assert.Equal(["a-piece-in-the-jigsaw-social-care-and-jobs-in-wolverhampton"], found.Items.Select(h => h.Story.Slug));
        await using var check = Store();
        var indexed = await (TestStore.IsPostgres
            ? check.Database.SqlQuery<string>($"""SELECT "Title" AS "Value" FROM "StorySearch" WHERE "Id" = {found.Items[0].Story.Id}""")
            : check.Database.SqlQuery<string>($"SELECT Title AS Value FROM StorySearch WHERE rowid = {found.Items[0].Story.Id}")).ToListAsync();
        Assert.Equal(["A tessellation of social care and jobs in Wolverhampton"], indexed);
    }

    [Fact]
    public async Task Renaming_an_author_or_organisation_updates_their_stories_in_the_index()
    {
        await using (var db = Store())
        {
            (await db.Authors.SingleAsync(a => a.Slug == "edel-harris")).Name = "Edel Harris-Quennell";
            (await db.Organisations.SingleAsync(o => o.Name == "Certitude")).Name = "Certitude Pelargonium";
            await db.SaveChangesAsync();
        }

        Assert.Equal(["the-current-system-serves-no-one-well"], (await SearchAsync("Quennell")).Items.Select(h => h.Story.Slug));
        Assert.Equal(["the-part-providers-can-play-in-the-lives-of-their-communities"], (await SearchAsync("Pelargonium")).Items.Select(h => h.Story.Slug));
    }

    [Fact]
    public async Task Deleting_a_story_removes_it_from_the_index()
    {
        var story = await AddStoryAsync("Harmonica group", "A harmonica group for people living with dementia.");
        Assert.Equal(1, (await SearchAsync("harmonica")).Total);

        await using (var db = Store())
        {
            db.Stories.Remove(await db.Stories.SingleAsync(s => s.Id == story.Id));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await SearchAsync("harmonica")).Total);
        await using var check = Store();
        Assert.Equal(0, await (TestStore.IsPostgres
            ? check.Database.SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM "StorySearch" WHERE "Id" = {story.Id}""")
            : check.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM StorySearch WHERE rowid = {story.Id}")).SingleAsync());
    }

    [Fact]
    public async Task Markup_in_a_story_reaches_the_snippet_only_as_text()
    {
        await AddStoryAsync(
            "Quokka <script>alert('title')</script>",
            "Before <script>alert('body')</script> the quokka <img src=x onerror=alert(1)> visit & after.");

        var response = await portal.CreateClient().GetStringAsync(new Uri("/search?q=quokka", UriKind.Relative));
        var document = Parser.ParseDocument(response);

        var snippet = document.QuerySelector("ol.search-results p.search-snippet")!;
        Assert.Empty(document.QuerySelectorAll("main script, main img"));
        Assert.Equal(["mark"], snippet.Children.Select(e => e.LocalName).Distinct());
        Assert.Equal("quokka", snippet.QuerySelector("mark")?.TextContent);
        Assert.Contains("<script>alert('body')</script>", snippet.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", snippet.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_pages_link_to_each_other_keeping_the_query()
    {
        for (var i = 1; i <= 25; i++)
        {
            await AddStoryAsync($"Quillwort walk {i}", $"Walk number {i} past the quillwort pond.");
        }

        var first = Parser.ParseDocument(await portal.CreateClient().GetStringAsync(new Uri("/search?q=quillwort", UriKind.Relative)));
        var next = first.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        Assert.Equal(20, first.QuerySelectorAll("ol.search-results > li").Length);
        Assert.Contains("25 stories match", first.QuerySelector(".result-count")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(next);
        Assert.Contains("q=quillwort", next, StringComparison.Ordinal);
        Assert.Contains("page=2", next, StringComparison.Ordinal);

        var second = Parser.ParseDocument(await portal.CreateClient().GetStringAsync(new Uri(next, UriKind.Relative)));
        Assert.Equal(5, second.QuerySelectorAll("ol.search-results > li").Length);
        Assert.Equal("21", second.QuerySelector("ol.search-results")?.GetAttribute("start"));
    }
}

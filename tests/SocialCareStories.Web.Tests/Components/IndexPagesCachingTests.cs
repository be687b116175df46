using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Components;

/// <summary>
/// The A–Z indexes and case study pages are output-cached like every public page and refreshed when a story is
/// published. A page "served from the cache" is caught by a change made behind the portal's back (straight into
/// the store, evicting nothing).
/// </summary>
public sealed class IndexPagesCachingTests : IDisposable
{
    private readonly DraftOnlyPortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    private async Task<string> ReadAsync(string path)
    {
        using var client = _portal.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Publishing_a_draft_refreshes_the_cached_indexes_and_opens_its_case_study_page()
    {
        string[] indexes = ["/tags", "/authors", "/organisations", "/case-studies"];
        foreach (var path in indexes)
        {
            await ReadAsync(path);
        }

        await RenameBehindTheCacheAsync();
        Assert.DoesNotContain("Richard Banks renamed", await ReadAsync("/authors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/case-studies/{_portal.CaseStudySlug}"));

        using (var scope = _portal.Services.CreateScope())
        {
            var editing = scope.ServiceProvider.GetRequiredService<StoryEditing>();
            var form = (await editing.LoadAsync(_portal.StoryId))!;
            var result = await editing.SaveAsync(form, new Actor("user-test", "Test Editor"), StoryTransition.Publish);
            Assert.Equal(EditOutcome.Saved, result.Outcome);
        }

        Assert.Contains(DraftOnlyPortalFactory.TagName, await ReadAsync("/tags"), StringComparison.Ordinal);
        Assert.Contains(DraftOnlyPortalFactory.AuthorName, await ReadAsync("/authors"), StringComparison.Ordinal);
        Assert.Contains("Richard Banks renamed", await ReadAsync("/authors"), StringComparison.Ordinal);
        Assert.Contains(DraftOnlyPortalFactory.OrganisationName, await ReadAsync("/organisations"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/case-studies/{_portal.CaseStudySlug}"));
        Assert.Contains(DraftOnlyPortalFactory.StoryTitle, await ReadAsync($"/case-studies/{_portal.CaseStudySlug}"), StringComparison.Ordinal);
        Assert.Contains($"/case-studies/{_portal.CaseStudySlug}", await ReadAsync("/case-studies"), StringComparison.Ordinal);
    }

    /// <summary>Renames a published author in the store without telling the portal, so no page is evicted.</summary>
    private async Task RenameBehindTheCacheAsync()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        await db.Authors.Where(a => a.Slug == "richard-banks").ExecuteUpdateAsync(set => set.SetProperty(a => a.Name, "Richard Banks renamed"));
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var client = _portal.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}

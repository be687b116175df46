using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Audit.Pages;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Audit;

/// <summary>/admin/audit rendered by bunit over a store holding a known trail.</summary>
public sealed class AuditPageTests : BunitContext, IClassFixture<EmptyPortalFactory>, IAsyncLifetime
{
    private readonly EmptyPortalFactory _portal;

    public AuditPageTests(EmptyPortalFactory portal)
    {
        _portal = portal;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>());
    }

    private async Task RecordTrailAsync()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        if (await db.AuditEntries.AnyAsync(e => e.Summary == "entry 1"))
        {
            return;
        }

        // Only this trail, without the entries the start-up made (Development's demo accounts).
        await db.AuditEntries.ExecuteDeleteAsync();

        var log = _portal.Services.GetRequiredService<AuditLog>();
        for (var i = 1; i <= 30; i++)
        {
            var actor = i % 2 == 0 ? new Actor("u-even", "Evie Editor") : new Actor("u-odd", "Otto Admin");
            log.Record(db, actor, i % 3 == 0 ? "story.published" : "comment.approved", "Story", i, $"entry {i}");
        }

        await db.SaveChangesAsync();
    }

    private static List<string> Details(IRenderedComponent<AuditPage> page) =>
        page.FindAll("#audit-table tbody tr").Select(tr => tr.QuerySelectorAll("td")[4].TextContent.Trim()).ToList();

    [Fact]
    public async Task The_log_shows_the_newest_entries_first_a_page_at_a_time()
    {
        await RecordTrailAsync();

        var page = Render<AuditPage>();
        page.WaitForState(() => page.FindAll("#audit-table tbody tr").Count > 0);

        Assert.Equal(AuditPage.PageSize, Details(page).Count);
        Assert.Equal(["entry 30", "entry 29", "entry 28"], Details(page).Take(3));
        Assert.Equal("30 entries", page.Find("#audit-count").TextContent.Trim());

        await page.InvokeAsync(() => page.FindComponent<MudPagination>().Instance.SelectedChanged.InvokeAsync(2));

        page.WaitForAssertion(() => Assert.Equal(["entry 5", "entry 4", "entry 3", "entry 2", "entry 1"], Details(page)));
    }

    [Fact]
    public async Task Filtering_by_action_and_user_leaves_only_their_entries()
    {
        await RecordTrailAsync();
        var page = Render<AuditPage>();
        page.WaitForState(() => page.FindAll("#audit-table tbody tr").Count > 0);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("story.published"));
        await page.InvokeAsync(() => page.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("evie"));

        page.WaitForAssertion(() => Assert.Equal(["entry 30", "entry 24", "entry 18", "entry 12", "entry 6"], Details(page)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

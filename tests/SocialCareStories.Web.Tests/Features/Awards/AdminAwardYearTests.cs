using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Awards.Admin;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>
/// The year screen rendered by bunit over the real administration service and store. Each test owns its
/// context and disposes it asynchronously, as MudBlazor's services require.
/// </summary>
public sealed class AdminAwardYearTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly Actor Admin = new("admin-id", "Awards Admin");
    private readonly AwardsAdministration _awards = portal.Services.CreateScope().ServiceProvider.GetRequiredService<AwardsAdministration>();

    private BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddSingleton(_awards);
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.AddAuthorization().SetAuthorized("Awards Admin").SetRoles("AwardsAdmin");
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    [Fact]
    public async Task A_second_winner_is_refused_next_to_the_entry_and_its_result_stays_as_stored()
    {
        var (yearId, _, stockport) = await YearWithAWinnerAsync();
        await using var context = NewContext();
        var page = context.Render<AdminAwardYear>(p => p.Add(c => c.YearId, yearId));
        // The year loads asynchronously; over a network connection (PostgreSQL) it is not there at first render.
        page.WaitForState(() => page.FindAll(".award-year-status").Count > 0, TestStore.ScreenLoadTimeout);

        page.Find($"#result-{stockport}").Change(nameof(AwardResult.Winner));

        page.WaitForAssertion(() =>
        {
            var problem = page.Find($"#result-{stockport} ~ .award-problem");
            Assert.Contains("can have only one winner", problem.TextContent, StringComparison.Ordinal);
            Assert.Equal(nameof(AwardResult.Shortlisted), page.Find($"#result-{stockport} option[selected]").GetAttribute("value"));
        });
        var stored = (await _awards.YearAsync(yearId))!.Categories.Single().Entries;
        Assert.Single(stored, e => e.Result == AwardResult.Winner);
    }

    [Fact]
    public async Task Setting_a_result_saves_it_at_once_and_publishing_makes_the_draft_public()
    {
        var (yearId, leeds, stockport) = await YearWithAWinnerAsync();
        await using var context = NewContext();
        var page = context.Render<AdminAwardYear>(p => p.Add(c => c.YearId, yearId));
        // The year loads asynchronously; over a network connection (PostgreSQL) it is not there at first render.
        page.WaitForState(() => page.FindAll(".award-year-status").Count > 0, TestStore.ScreenLoadTimeout);
        Assert.Contains("Draft", page.Find(".award-year-status").TextContent, StringComparison.Ordinal);

        page.Find($"#result-{stockport}").Change(nameof(AwardResult.HighlyCommended));
        page.WaitForAssertion(() => Assert.Equal(nameof(AwardResult.HighlyCommended), page.Find($"#result-{stockport} option[selected]").GetAttribute("value")));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Publish year").Click();

        page.WaitForAssertion(() => Assert.Equal("Published", page.Find(".award-year-status").TextContent.Trim()));
        var year = (await _awards.YearAsync(yearId))!;
        Assert.True(year.IsPublished);
        Assert.Equal(
            [(leeds, AwardResult.Winner), (stockport, AwardResult.HighlyCommended)],
            year.Categories.Single().Entries.Select(e => (e.Id, e.Result)));
    }

    private async Task<(int YearId, int Leeds, int Stockport)> YearWithAWinnerAsync()
    {
        var programme = await _awards.AddProgrammeAsync($"Screen awards {Guid.NewGuid():N}", Admin);
        var yearId = await _awards.AddYearAsync(programme, 2018, null, null, Admin);
        var version = await _awards.AddCategoryAsync(yearId, (await _awards.YearAsync(yearId))!.Version, "Best team", false, Admin);
        var categoryId = (await _awards.YearAsync(yearId))!.Categories.Single().Id;
        version = await _awards.AddEntryAsync(categoryId, version, AwardsAdministrationTests.Entry("Leeds City Council", AwardResult.Winner), Admin);
        await _awards.AddEntryAsync(categoryId, version, AwardsAdministrationTests.Entry("Stockport Council", AwardResult.Shortlisted), Admin);
        var entries = (await _awards.YearAsync(yearId))!.Categories.Single().Entries;
        return (yearId, entries.Single(e => e.Organisation == "Leeds City Council").Id, entries.Single(e => e.Organisation == "Stockport Council").Id);
    }
}

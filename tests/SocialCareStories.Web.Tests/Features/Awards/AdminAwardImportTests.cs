using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Awards.Admin;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>The import screen in bunit: a file goes in, the preview or the problems come out, and only a valid file can be imported.</summary>
public sealed class AdminAwardImportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Header = "Category,Top award,Joint winners,Organisation,Project,Result,Citation,Photo caption,Story,Case study";
    private static readonly Actor Admin = new("admin-id", "Awards Admin");
    private readonly AwardsAdministration _awards = portal.Services.CreateScope().ServiceProvider.GetRequiredService<AwardsAdministration>();

    [Fact]
    public async Task A_file_with_bad_rows_lists_each_problem_and_offers_no_import()
    {
        var yearId = await NewYearAsync();
        await using var context = NewContext();
        var page = context.Render<AdminAwardImport>(p => p.Add(c => c.YearId, yearId));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            $"{Header}\nBest team,no,no,,Night team,Winner,,,,\nBest team,no,no,Leeds City Council,,Champion,,,,\n", "results.csv"));

        page.WaitForAssertion(() =>
        {
            var problems = page.FindAll(".award-import-errors tbody tr").Select(r => r.TextContent).ToList();
            Assert.Equal(2, problems.Count);
            Assert.StartsWith("2Organisation", problems[0], StringComparison.Ordinal);
            Assert.StartsWith("3Result", problems[1], StringComparison.Ordinal);
        });
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.StartsWith("Import", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_valid_file_is_previewed_then_imported()
    {
        var yearId = await NewYearAsync();
        await using var context = NewContext();
        var page = context.Render<AdminAwardImport>(p => p.Add(c => c.YearId, yearId));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(
            Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\r\n\"Best team, north\",yes,no,Leeds City Council,We Care Academy,Winner,,,,\r\n")).ToArray(),
            "results.csv"));

        page.WaitForAssertion(() => Assert.Contains("Best team, north (top award)", page.Find(".award-import-preview tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty((await _awards.YearAsync(yearId))!.Categories);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Import 1 row").Click();

        await page.WaitForAssertionAsync(async () =>
            Assert.Equal("Leeds City Council", (await _awards.YearAsync(yearId))!.Categories.Single().Entries.Single().Organisation));
    }

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

    private async Task<int> NewYearAsync()
    {
        var programme = await _awards.AddProgrammeAsync($"Import screen awards {Guid.NewGuid():N}", Admin);
        return await _awards.AddYearAsync(programme, 2018, null, null, Admin);
    }
}

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
        var page = RenderScreen(context, yearId);

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
        var page = RenderScreen(context, yearId);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(
            Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\r\n\"Best team, north\",yes,no,Leeds City Council,We Care Academy,Winner,,,,\r\n")).ToArray(),
            "results.csv"));

        page.WaitForAssertion(() => Assert.Contains("Best team, north (top award)", page.Find(".award-import-preview tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty((await _awards.YearAsync(yearId))!.Categories);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Import 1 row").Click();

        await page.WaitForAssertionAsync(async () =>
            Assert.Equal("Leeds City Council", (await _awards.YearAsync(yearId))!.Categories.Single().Entries.Single().Organisation));
    }

    [Fact]
    public async Task A_file_over_one_megabyte_is_refused_with_the_limit_named()
    {
        var yearId = await NewYearAsync();
        await using var context = NewContext();
        var page = RenderScreen(context, yearId);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[AwardResultsCsv.MaxFileBytes + 1], "results.csv"));

        page.WaitForAssertion(() => Assert.Contains("the limit is 1 MB", page.Find(".mud-alert-message").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".award-import-preview"));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "ZIP archive (an Excel .xlsx")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "older Office file")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "PDF document")]
    [InlineData(new byte[] { 0x43, 0x61, 0x74, 0x00, 0x65 }, "binary")]
    [InlineData(new byte[] { 0x43, 0x61, 0x74, 0x01, 0x65 }, "control character")]
    public async Task A_file_that_is_not_text_is_refused_whatever_its_name_says(byte[] content, string said)
    {
        var yearId = await NewYearAsync();
        await using var context = NewContext();
        var page = RenderScreen(context, yearId);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, "results.csv", contentType: "text/csv"));

        page.WaitForAssertion(() => Assert.Contains(said, page.Find(".mud-alert-message").TextContent, StringComparison.Ordinal));
        Assert.Contains("CSV UTF-8", page.Find(".mud-alert-message").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_name_with_a_path_is_only_shown_by_its_last_part_and_nothing_is_written_to_disk()
    {
        var yearId = await NewYearAsync();
        var name = $"escape-{Guid.NewGuid():N}.csv";
        await using var context = NewContext();
        var page = RenderScreen(context, yearId);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            $"{Header}\nBest team,no,no,Leeds City Council,,Winner,,,,\n", $"../../{name}"));

        page.WaitForAssertion(() => Assert.Equal(name, page.Find("h2").TextContent.Trim()));
        Assert.DoesNotContain("..", page.Markup, StringComparison.Ordinal);
        foreach (var folder in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetTempPath() })
        {
            Assert.Empty(Directory.EnumerateFiles(Path.GetFullPath(Path.Combine(folder, "..", "..")), name, SearchOption.TopDirectoryOnly));
            Assert.Empty(Directory.EnumerateFiles(folder, name, SearchOption.TopDirectoryOnly));
        }
    }

    private static IRenderedComponent<AdminAwardImport> RenderScreen(BunitContext context, int yearId)
    {
        var page = context.Render<AdminAwardImport>(p => p.Add(c => c.YearId, yearId));
        // The year loads asynchronously; over a network connection (PostgreSQL) it is not there at first render.
        page.WaitForState(() => page.FindComponents<InputFile>().Count > 0, TestStore.ScreenLoadTimeout);
        return page;
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

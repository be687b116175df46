using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Awards.Admin;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Awards;

/// <summary>The ceremony team's spreadsheet: export, import, and the rows an import must refuse (writing nothing).</summary>
public sealed class AwardResultsCsvTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Header = "Category,Top award,Joint winners,Organisation,Project,Result,Citation,Photo caption,Story,Case study";
    private static readonly Actor Admin = new("admin-id", "Awards Admin");

    private AwardsAdministration Awards => portal.Services.CreateScope().ServiceProvider.GetRequiredService<AwardsAdministration>();

    [Fact]
    public async Task Exporting_2015_and_importing_it_into_an_empty_year_gives_the_same_results()
    {
        var seeded = (await Awards.ProgrammesAsync()).Single(p => p.Name == "Skills for Care Accolades").Years.Single(y => y.Year == 2015);
        var exported = (await Awards.ExportAsync(seeded.Id))!.Value.Csv;
        Assert.Contains("Winner of Winners,yes,no,Leeds City Council,We Care Academy,Winner,", exported, StringComparison.Ordinal);
        var (yearId, version) = await NewYearAsync();

        var preview = await Awards.PreviewImportAsync(yearId, exported);
        Assert.Empty(preview.Errors);
        Assert.All(preview.Rows, r => Assert.True(r.IsNew));
        await Awards.ImportAsync(yearId, version, exported, Admin);

        Assert.Equal(exported, (await Awards.ExportAsync(yearId))!.Value.Csv);
        var imported = (await Awards.YearAsync(yearId))!;
        Assert.True(imported.Categories[0].IsTopAward);
        Assert.Contains(await AuditAsync(), a => a.Action == "award-year.imported" && a.ItemId == yearId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_category_a_source_never_named_is_exported_as_unnamed_and_imported_back_without_a_name()
    {
        var seeded = (await Awards.ProgrammesAsync()).Single(p => p.Name == "Skills for Care Accolades").Years.Single(y => y.Year == 2015);
        var exported = (await Awards.ExportAsync(seeded.Id))!.Value.Csv;
        Assert.Contains("(unnamed),no,no,Stockport Council,", exported, StringComparison.Ordinal);
        var (yearId, version) = await NewYearAsync();

        await Awards.ImportAsync(yearId, version, exported, Admin);

        var imported = (await Awards.YearAsync(yearId))!;
        Assert.Equal(["Winner of Winners", ""], imported.Categories.Select(c => c.Name));
        Assert.Equal("Unnamed category", imported.Categories[1].DisplayName);
    }

    [Fact]
    public async Task An_empty_category_cell_is_still_an_error()
    {
        var (yearId, _) = await NewYearAsync();

        var preview = await Awards.PreviewImportAsync(yearId, $"{Header}\n,no,no,Stockport Council,REaCH,Winner,,,,\n");

        Assert.Contains(preview.Errors, e => e.Column == "Category" && e.Message == "The category is missing.");
    }

    [Fact]
    public async Task Importing_the_same_file_again_updates_entries_rather_than_adding_copies()
    {
        var (yearId, version) = await NewYearAsync();
        var csv = $"{Header}\r\nBest team,no,no,Stockport Council,REaCH,Shortlisted,,,,\r\n";
        version = await Awards.ImportAsync(yearId, version, csv, Admin);

        var again = await Awards.PreviewImportAsync(yearId, csv.Replace("Shortlisted", "Winner", StringComparison.Ordinal));
        Assert.False(Assert.Single(again.Rows).IsNew);
        await Awards.ImportAsync(yearId, version, csv.Replace("Shortlisted", "Winner", StringComparison.Ordinal), Admin);

        Assert.Equal(AwardResult.Winner, Assert.Single((await Awards.YearAsync(yearId))!.Categories.Single().Entries).Result);
    }

    [Fact]
    public async Task Quoted_cells_may_hold_commas_quotes_and_line_breaks_and_a_byte_order_mark_is_accepted()
    {
        var (yearId, version) = await NewYearAsync();
        var csv = $"{Header}\r\n\"Care, at home\",no,no,\"Leeds City Council\",\"The \"\"Home\"\" team\",Highly commended,\"Two lines,\nof praise\",,the-good-the-bad-and-the-ugly,\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        await Awards.ImportAsync(yearId, version, AwardResultsCsv.Decode(bytes), Admin);

        var category = (await Awards.YearAsync(yearId))!.Categories.Single();
        Assert.Equal("Care, at home", category.Name);
        var entry = Assert.Single(category.Entries);
        Assert.Equal(("Leeds City Council", "The \"Home\" team", AwardResult.HighlyCommended, "Two lines,\nof praise"), (entry.Organisation, entry.Project, entry.Result, entry.Citation));
        Assert.Equal("The good, the bad and the ugly", entry.StoryTitle, ignoreCase: true);
    }

    [Fact]
    public async Task A_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text_and_imported_as_typed()
    {
        var (yearId, version) = await NewYearAsync();
        const string formula = "=HYPERLINK(\"http://evil.example/\",\"Click\")";
        var csv = $"{Header}\r\nBest team,no,no,+Care Partners,@home,Winner,\"{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",-1 caption,,\r\n";
        await Awards.ImportAsync(yearId, version, csv, Admin);

        var exported = (await Awards.ExportAsync(yearId))!.Value.Csv;

        var row = exported.Split("\r\n")[1];
        Assert.Equal($"Best team,no,no,'+Care Partners,'@home,Winner,\"'{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",'-1 caption,,", row);
        var (againId, againVersion) = await NewYearAsync();
        await Awards.ImportAsync(againId, againVersion, exported, Admin);
        var entry = Assert.Single((await Awards.YearAsync(againId))!.Categories.Single().Entries);
        Assert.Equal(("+Care Partners", "@home", formula, "-1 caption"), (entry.Organisation, entry.Project, entry.Citation, entry.PhotoCaption));
        Assert.Equal(exported, (await Awards.ExportAsync(againId))!.Value.Csv);
    }

    public static TheoryData<string> DisguisedFormulas() =>
    [
        "\uFF1DHYPERLINK(\"http://evil.example/\")", // full-width equals sign
        "\u200B=HYPERLINK(\"http://evil.example/\")", // zero-width space before it
        "\uFEFF=1+1", // zero-width no-break space
        "\u2060@SUM(A1)", // word joiner
        " =1+1", // leading space
        "\u00A0+1+1", // no-break space
        "\u0001-1+1", // a control character
        "\uFF0B1+1", // full-width plus
        "\uFF0D1+1", // full-width minus
        "\uFF20SUM(A1)", // full-width at sign
        "\t=1", // tab
        "\r=1", // carriage return
        "=1", "+1", "-1", "@SUM(A1)",
    ];

    [Theory]
    [MemberData(nameof(DisguisedFormulas))]
    public async Task A_formula_disguised_by_full_width_zero_width_or_leading_characters_is_exported_as_text(string cell)
    {
        var (yearId, version) = await NewYearAsync();
        var csv = $"{Header}\r\nBest team,no,no,Disguised Formula Trust,Home,Winner,\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\",,,\r\n";
        await Awards.ImportAsync(yearId, version, csv, Admin);

        var exported = (await Awards.ExportAsync(yearId))!.Value.Csv;
        var citation = exported.Split("\r\n")[1].Split(",Winner,")[1];

        Assert.StartsWith("\"'", citation.StartsWith('"') ? citation : "\"" + citation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_order_mark_left_in_the_text_does_not_spoil_the_header()
    {
        var (yearId, _) = await NewYearAsync();

        var plan = await Awards.PreviewImportAsync(yearId, $"\uFEFF{Header}\nBest team,,,Stockport Council,,Winner,,,,\n");

        Assert.Empty(plan.Errors);
        Assert.Single(plan.Rows);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_with_the_way_to_save_it()
    {
        var windows1252 = Encoding.Latin1.GetBytes($"{Header}\nBest team,,,Bront\u00eb Care,,Winner,,,,\n");

        var refused = Assert.Throws<AwardsRuleException>(() => AwardResultsCsv.Decode(windows1252));

        Assert.Contains("CSV UTF-8", refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, string, string> BadFiles => new()
    {
        { $"{Header}\nBest team,no,no,Leeds City Council,,Winner,,,,\nBest team,no,no,,Night team,Shortlisted,,,,\n", 3, "Organisation", "organisation is missing" },
        { $"{Header}\nBest team,no,no,Leeds City Council,,Champion,,,,\n", 2, "Result", "\"Champion\" is not a result" },
        { $"{Header}\nBest team,no,no,Leeds City Council,Academy,Shortlisted,,,,\nBest team,no,no,leeds city council,academy,Winner,,,,\n", 3, "Organisation", "Duplicate entry: row 2" },
        { Header.Replace(',', ';') + "\nBest team;no;no;Leeds City Council;;Winner;;;;\n", 1, "(header)", "separated by semicolons" },
        { $"{Header}\nBest team,no,no,Leeds City Council,A,Winner,,,,\nBest team,no,no,Stockport Council,B,Winner,,,,\n", 3, "Result", "would have 2 winners" },
        { $"{Header}\nBest team,no,no,Leeds City Council,,Winner,,,no-such-story,\n", 2, "Story", "No story has the slug" },
        { $"{Header}\nBest team,no,no,Leeds City Council,,Winner,,,\n", 2, "(row)", "9 cells but the header has 10" },
        { "Category,Organisation\nBest team,Leeds City Council\n", 1, "Result", "column is missing" },
        { $"{Header}\nBest team,no,no,\"Leeds City Council,,Winner,,,,\n", 2, "(row)", "never closed" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_row_is_reported_by_row_and_column_and_nothing_is_written(string csv, int row, string column, string message)
    {
        var (yearId, version) = await NewYearAsync();
        var organisations = await CountAsync(db => db.Organisations);
        var audit = (await AuditAsync()).Count;

        var plan = await Awards.PreviewImportAsync(yearId, csv);
        var refused = await Assert.ThrowsAsync<AwardsCsvException>(() => Awards.ImportAsync(yearId, version, csv, Admin));

        Assert.Contains(plan.Errors, e => e.Row == row && e.Column == column && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(plan.Errors.Count, refused.Plan.Errors.Count);
        var year = (await Awards.YearAsync(yearId))!;
        Assert.Empty(year.Categories);
        Assert.Equal(version, year.Version);
        Assert.Equal(organisations, await CountAsync(db => db.Organisations));
        Assert.Equal(audit, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task One_bad_row_among_good_ones_keeps_the_good_ones_out_too()
    {
        var (yearId, version) = await NewYearAsync();
        var csv = $"{Header}\nBest team,no,no,Brand New Care Ltd,,Winner,,,,\nBest team,no,no,Another New Care Ltd,,Shortlisted,,,,\nOther,no,no,Leeds City Council,,Maybe,,,,\n";

        await Assert.ThrowsAsync<AwardsCsvException>(() => Awards.ImportAsync(yearId, version, csv, Admin));

        Assert.Empty((await Awards.YearAsync(yearId))!.Categories);
        Assert.Empty(await Awards.FindOrganisationsAsync("Brand New Care"));
    }

    private async Task<(int YearId, Guid Version)> NewYearAsync()
    {
        var programme = await Awards.AddProgrammeAsync($"CSV awards {Guid.NewGuid():N}", Admin);
        var yearId = await Awards.AddYearAsync(programme, 2017, null, null, Admin);
        return (yearId, (await Awards.YearAsync(yearId))!.Version);
    }

    private async Task<int> CountAsync<T>(Func<StoriesDbContext, IQueryable<T>> query)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return await query(db).CountAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().ToListAsync();
    }
}

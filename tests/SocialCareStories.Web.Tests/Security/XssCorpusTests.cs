using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Awards.Admin;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Security;

/// <summary>An empty portal that takes as many comments as the corpus has.</summary>
public sealed class XssPortalFactory : PortalFactory
{
    protected override bool SeedOnStart => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Comments:PerClientPerTenMinutes", "100000");
    }
}

/// <summary>
/// Every payload in xss-payloads.json goes in through each way text reaches a page (the importer, the story editor,
/// readers' comments, awards administration, search queries), and every page that shows it, the Atom feed and the
/// staff screens included, is parsed and checked for anything executable (<see cref="ExecutableContent"/>).
/// </summary>
public sealed class XssCorpusTests(XssPortalFactory portal) : IClassFixture<XssPortalFactory>
{
    private const string Marker = "zebracorn";
    private static readonly Actor Staff = new("xss-staff", "Corpus Staff");
    private static readonly HtmlParser Parser = new();

    [Fact]
    public void The_corpus_holds_at_least_fifty_distinct_payloads()
    {
        Assert.True(XssPayloads.All.Count >= 50, $"{XssPayloads.All.Count} payloads");
        Assert.Equal(XssPayloads.All.Count, XssPayloads.All.Select(p => p.Payload).Distinct().Count());
    }

    [Fact]
    public void The_checker_finds_each_kind_of_executable_content()
    {
        string[] unsafeFragments =
        [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=' jav&#x09;ascript:alert(1)'>x</a>",
            "<a href='vbscript:x'>x</a>", "<img src='data:image/svg+xml,x'>", "<iframe></iframe>", "<p srcdoc='x'></p>",
            "<object></object>", "<embed>", "<base href='https://evil.example/'>", "<meta http-equiv=refresh content='0;url=/'>",
            "<form action='https://evil.example/'></form>", "<button formaction='/x'>x</button>", "<p style='width:expression(alert(1))'>x</p>",
            "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>", "<svg><animate attributeName=href values='javascript:alert(1)'/></svg>",
        ];

        foreach (var fragment in unsafeFragments)
        {
            Assert.True(ExecutableContent.In($"<html><head></head><body>{fragment}</body></html>").Count > 0, $"missed: {fragment}");
        }

        Assert.Empty(ExecutableContent.In("<html><head></head><body><p title=\"&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)\">&lt;img src=x onerror=alert(1)&gt;</p><a href=\"/stories/x\">x</a></body></html>"));
    }

    [Fact]
    public async Task Markdown_rendering_leaves_nothing_executable_in_any_payload()
    {
        var renderer = portal.Services.GetRequiredService<MarkdownRenderer>();
        var problems = new List<string>();

        foreach (var payload in XssPayloads.All)
        {
            // The editor's live preview renders exactly this.
            Report(problems, payload.Name, "MarkdownRenderer", ExecutableContent.In(Parser.ParseDocument(renderer.ToSafeHtml(payload.Payload))));
        }

        await Task.CompletedTask;
        AssertNone(problems);
    }

    [Fact]
    public async Task Payloads_imported_from_seed_files_render_without_executable_script()
    {
        using var folder = new TempFolder();
        var payloads = XssPayloads.All;
        for (var i = 0; i < payloads.Count; i++)
        {
            var p = payloads[i].Payload;
            folder.Write($"{i:D3}-import.txt",
                $"Imported {i} {p}\n\n{Marker} imported {p}\n\n{p}\n\nA closing line of prose for the post.\n\nCategories:\n  • Imported category {i} {p}\nTags:\n  • imported tag {i} {p}\n");
        }

        ImportOutcome outcome;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(folder.Path);
        }

        // Only a file that is not text is refused (the corpus's NUL byte); every other payload must reach the pages.
        var stories = await StoriesAsync(s => s.Title.StartsWith("Imported "));
        var binary = payloads.Count(p => HasNul(p.Payload));
        Assert.True(stories.Count == payloads.Count - binary, $"{stories.Count} stories imported; problems: {string.Join("; ", outcome.Problems)}");

        var paths = stories.Select(s => $"/stories/{s.Slug}").Concat(await TaxonomyPagesAsync()).Concat(ListingPages()).ToList();
        var problems = await CheckPagesAsync(portal.CreateClient(), paths);
        problems.AddRange(await CheckFeedAsync("/feed.xml"));
        AssertNone(problems);
    }

    [Fact]
    public async Task Payloads_saved_and_published_in_the_story_editor_render_without_executable_script()
    {
        var ids = new List<int>();
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var editing = scope.ServiceProvider.GetRequiredService<StoryEditing>();
            for (var i = 0; i < XssPayloads.All.Count; i++)
            {
                var p = XssPayloads.All[i].Payload;
                var result = await editing.SaveAsync(new StoryForm
                {
                    Title = XssPayloads.Fit($"Edited {i} {p}", 300),
                    Summary = $"Summary {i} {p}",
                    Body = $"{Marker} edited {p}\n\n{p}",
                    Kind = StoryKind.CaseStudy,
                    Authors = [XssPayloads.Fit($"Author {i} {p}", 150)],
                    Tags = [XssPayloads.Fit($"edited tag {i} {p}", 150)],
                    SourcePublication = XssPayloads.Fit($"Publication {i} {p}", 150),
                    CaseStudy = new CaseStudyDetails
                    {
                        Organisations = XssPayloads.Fit($"Organisation {i} {p}".Replace(",", " ", StringComparison.Ordinal), 150),
                        Partners = p,
                        Place = XssPayloads.Fit(p, 300),
                        WhatWasDone = p,
                        Outcomes = p,
                    },
                }, Staff, StoryTransition.Publish);
                if (HasNul(p))
                {
                    // No store keeps a NUL (PostgreSQL cannot): the editor is told which fields hold one, and nothing is saved.
                    Assert.Equal(EditOutcome.Invalid, result.Outcome);
                    Assert.Contains("NUL character (U+0000)", result.Errors[StoryFields.Title], StringComparison.Ordinal);
                    Assert.Contains("Body:", result.Errors[StoryFields.Body], StringComparison.Ordinal);
                    continue;
                }

                Assert.True(result.Outcome == EditOutcome.Saved, $"{XssPayloads.All[i].Name}: {result.Outcome} {string.Join("; ", result.Errors.Values)}");
                ids.Add(result.StoryId);
            }
        }

        var stories = await StoriesAsync(s => s.Title.StartsWith("Edited "));
        var paths = stories.Select(s => $"/stories/{s.Slug}").Concat(await TaxonomyPagesAsync()).Concat(ListingPages()).Append("/case-studies").ToList();
        var problems = await CheckPagesAsync(portal.CreateClient(), paths);
        problems.AddRange(await CheckFeedAsync("/feed.xml"));

        // The staff screens show the same text: the list, the editor, its full preview, the audit log.
        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Admin);
        problems.AddRange(await CheckPagesAsync(editor,
            ids.SelectMany(id => new[] { $"/admin/stories/{id}", $"/admin/stories/{id}/preview" }).Append("/admin/stories").Append("/admin/audit")));
        AssertNone(problems);
    }

    [Fact]
    public async Task Payloads_in_readers_comments_render_without_executable_script_once_approved()
    {
        var slug = await PublishedStoryAsync("A story readers comment on");
        using var reader = StaffAccounts.NewClient(portal);
        foreach (var payload in XssPayloads.All)
        {
            var path = $"/stories/{slug}/comment";
            var form = await StaffAccounts.FormFieldsAsync(reader, path, "form.comment-form");
            form["Input.Name"] = XssPayloads.Fit(payload.Payload, CommentSubmission.NameMaxLength);
            form["Input.Body"] = payload.Payload;
            using var response = await reader.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
            // A NUL in a form field makes the form unreadable, so the post is refused as a bad request and nothing is stored.
            var expected = HasNul(payload.Payload) ? HttpStatusCode.BadRequest : HttpStatusCode.Redirect;
            Assert.True(response.StatusCode == expected, $"{payload.Name}: the comment form answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var editor = await StaffAccounts.SignedInAsync(portal, Roles.Editor);
        var problems = await CheckPagesAsync(editor, ["/admin/comments"]);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var moderation = scope.ServiceProvider.GetRequiredService<CommentModeration>();
            var approved = 0;
            // The queue shows a page at a time.
            while ((await moderation.ListAsync(ModerationStatus.Pending)).Comments.Where(c => c.StorySlug == slug).ToList() is { Count: > 0 } pending)
            {
                foreach (var comment in pending)
                {
                    Assert.Equal(ModerationOutcome.Done, (await moderation.ModerateAsync(comment.Id, ModerationStatus.Pending, ModerationStatus.Approved, Features.Comments.Comments.Editor)).Outcome);
                    approved++;
                }
            }

            Assert.Equal(XssPayloads.All.Count(p => !HasNul(p.Payload)), approved);
        }

        problems.AddRange(await CheckPagesAsync(portal.CreateClient(), [$"/stories/{slug}"]));
        AssertNone(problems);
    }

    [Fact]
    public async Task Payloads_in_awards_entries_render_without_executable_script_on_the_year_and_the_story()
    {
        var storySlug = await PublishedStoryAsync("Award-winning story <script>alert('award')</script>");
        int yearId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var awards = scope.ServiceProvider.GetRequiredService<AwardsAdministration>();
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
            var storyId = await db.Stories.Where(s => s.Slug == storySlug).Select(s => s.Id).SingleAsync();
            var programme = await awards.AddProgrammeAsync("Corpus Accolades <img src=x onerror=alert(1)>", Staff);
            yearId = await awards.AddYearAsync(programme, 2019, new DateOnly(2019, 3, 7), "<svg onload=alert('venue')>", Staff);
            var version = (await awards.YearAsync(yearId))!.Version;
            for (var i = 0; i < XssPayloads.All.Count; i++)
            {
                var p = XssPayloads.All[i].Payload;
                if (HasNul(p))
                {
                    // No store keeps a NUL (PostgreSQL cannot): the admin is told, and nothing is recorded.
                    var refused = await Assert.ThrowsAsync<AwardsRuleException>(() =>
                        awards.AddCategoryAsync(yearId, version, XssPayloads.Fit($"Category {i} {p}", 300), allowsJointWinners: false, Staff));
                    Assert.Contains("NUL character (U+0000)", refused.Message, StringComparison.Ordinal);
                    continue;
                }

                version = await awards.AddCategoryAsync(yearId, version, XssPayloads.Fit($"Category {i} {p}", 300), allowsJointWinners: false, Staff);
                var categoryId = (await awards.YearAsync(yearId))!.Categories.Single(c => c.Name.StartsWith($"Category {i} ", StringComparison.Ordinal)).Id;
                version = await awards.AddEntryAsync(categoryId, version,
                    new EntryInput(null, XssPayloads.Fit($"Entrant {i} {p}", 200), XssPayloads.Fit(p, 300), AwardResult.Winner, p, XssPayloads.Fit(p, 500), storyId, null),
                    Staff);
            }

            await awards.PublishYearAsync(yearId, version, Staff);
        }

        var organisations = await OrganisationSlugsAsync();
        var paths = new[] { "/awards", "/awards/2019", $"/stories/{storySlug}", "/" }.Concat(organisations.Select(o => $"/organisations/{o}"));
        var problems = await CheckPagesAsync(portal.CreateClient(), paths);
        using var admin = await StaffAccounts.SignedInAsync(portal, Roles.AwardsAdmin);
        problems.AddRange(await CheckPagesAsync(admin, ["/admin/awards", $"/admin/awards/years/{yearId}"]));
        AssertNone(problems);
    }

    [Fact]
    public async Task Payloads_in_an_awards_csv_import_render_without_executable_script()
    {
        var payloads = XssPayloads.All.Where(p => TextFiles.WhyNotText(System.Text.Encoding.UTF8.GetBytes(p.Payload)) is null).ToList();
        var csv = new System.Text.StringBuilder(string.Join(",", AwardResultsCsv.Columns) + "\r\n");
        for (var i = 0; i < payloads.Count; i++)
        {
            var p = payloads[i].Payload;
            string[] fields = [$"CSV category {i}", "no", "no", XssPayloads.Fit($"CSV entrant {i} {p}", 200), XssPayloads.Fit(p, 300), "Winner", p, XssPayloads.Fit(p, 500), "", ""];
            csv.Append(string.Join(",", fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))).Append("\r\n");
        }

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var awards = scope.ServiceProvider.GetRequiredService<AwardsAdministration>();
            var programme = await awards.AddProgrammeAsync($"CSV corpus awards {Guid.NewGuid():N}", Staff);
            var yearId = await awards.AddYearAsync(programme, 2021, null, null, Staff);
            var text = AwardResultsCsv.Decode(System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
            var plan = await awards.PreviewImportAsync(yearId, text);
            Assert.True(plan.Errors.Count == 0, string.Join("; ", plan.Errors.Take(5)));
            var version = await awards.ImportAsync(yearId, (await awards.YearAsync(yearId))!.Version, text, Staff);
            await awards.PublishYearAsync(yearId, version, Staff);
        }

        var organisations = (await OrganisationSlugsAsync()).Select(o => $"/organisations/{o}");
        var problems = await CheckPagesAsync(portal.CreateClient(), ["/awards", "/awards/2021", .. organisations]);
        AssertNone(problems);
    }

    [Fact]
    public async Task Payloads_in_search_queries_filters_and_other_query_values_render_without_executable_script_or_errors()
    {
        var slug = await PublishedStoryAsync($"Searchable {Marker} story");
        var paths = XssPayloads.All.Where(p => !HasNul(p.Payload)).SelectMany(p => new[]
        {
            $"/search?q={Uri.EscapeDataString(p.Payload)}",
            $"/search?q={Marker}&category={Uri.EscapeDataString(p.Payload)}&kind={Uri.EscapeDataString(p.Payload)}",
            $"/stories?tag={Uri.EscapeDataString(p.Payload)}&category={Uri.EscapeDataString(p.Payload)}&year={Uri.EscapeDataString(p.Payload)}&page={Uri.EscapeDataString(p.Payload)}",
            $"/case-studies?category={Uri.EscapeDataString(p.Payload)}&organisation={Uri.EscapeDataString(p.Payload)}",
            $"/search?q={Uri.EscapeDataString(p.Payload)}&year={Uri.EscapeDataString(p.Payload)}&page={Uri.EscapeDataString(p.Payload)}",
            $"/Account/Login?ReturnUrl={Uri.EscapeDataString(p.Payload)}",
            $"/stories/{slug}/comment?sent={Uri.EscapeDataString(p.Payload)}",
            $"/stories/{slug}?page={Uri.EscapeDataString(p.Payload)}",
        });

        var problems = await CheckPagesAsync(portal.CreateClient(), paths, allowNotFound: true);

        // An address with a NUL in its query is refused before any page reads it, on either engine.
        using var client = portal.CreateClient();
        foreach (var payload in XssPayloads.All.Where(p => HasNul(p.Payload)))
        {
            foreach (var path in new[] { $"/search?q={Uri.EscapeDataString(payload.Payload)}", $"/stories?tag={Uri.EscapeDataString(payload.Payload)}", $"/stories/{slug}?page={Uri.EscapeDataString(payload.Payload)}" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    problems.Add($"{path}: answered {(int)response.StatusCode}, not 400");
                }
            }
        }

        AssertNone(problems);
    }

    private static bool HasNul(string payload) => payload.Contains('\0', StringComparison.Ordinal);

    private async Task<string> PublishedStoryAsync(string title)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StoryEditing>()
            .SaveAsync(new StoryForm { Title = $"{title} {Guid.NewGuid():N}", Body = $"{Marker} body of the story.", Authors = ["Corpus Writer"] }, Staff, StoryTransition.Publish);
        Assert.Equal(EditOutcome.Saved, result.Outcome);
        return result.Slug;
    }

    private async Task<List<(string Slug, string Title)>> StoriesAsync(System.Linq.Expressions.Expression<Func<Story, bool>> filter)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return (await db.Stories.AsNoTracking().Where(filter).Select(s => new { s.Slug, s.Title }).ToListAsync()).Select(s => (s.Slug, s.Title)).ToList();
    }

    private async Task<List<string>> OrganisationSlugsAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        return await db.Organisations.AsNoTracking().Select(o => o.Slug).ToListAsync();
    }

    /// <summary>Every category, tag, author and organisation page, with their feeds.</summary>
    private async Task<List<string>> TaxonomyPagesAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var categories = await db.Categories.AsNoTracking().Select(c => c.Slug).ToListAsync();
        var tags = await db.Tags.AsNoTracking().Select(t => t.Slug).ToListAsync();
        var authors = await db.Authors.AsNoTracking().Select(a => a.Slug).ToListAsync();
        var organisations = await db.Organisations.AsNoTracking().Select(o => o.Slug).ToListAsync();
        var caseStudies = await db.CaseStudies.AsNoTracking().Where(c => c.Story.Status == StoryStatus.Published).Select(c => c.Slug).ToListAsync();
        return
        [
            .. categories.Select(c => $"/categories/{c}"), .. categories.Select(c => $"/categories/{c}/feed.xml"),
            .. tags.Select(t => $"/tags/{t}"), .. authors.Select(a => $"/authors/{a}"), .. organisations.Select(o => $"/organisations/{o}"),
            .. caseStudies.Select(c => $"/case-studies/{c}"),
        ];
    }

    private static IEnumerable<string> ListingPages() =>
        ["/", "/stories", "/stories?page=2", "/stories?page=3", "/stories?page=4", "/categories", "/tags", "/tags?page=2", "/authors", "/authors?page=2",
            "/organisations", "/organisations?page=2", $"/search?q={Marker}", $"/search?q={Marker}&page=2", $"/search?q={Marker}&page=3"];

    private static async Task<List<string>> CheckPagesAsync(HttpClient client, IEnumerable<string> paths, bool allowNotFound = false)
    {
        var problems = new List<string>();
        foreach (var path in paths.Distinct())
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.NotFound && (allowNotFound || path.Contains("?page=", StringComparison.Ordinal)))
            {
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{path}: answered {(int)response.StatusCode}");
                continue;
            }

            var body = await response.Content.ReadAsStringAsync();
            if (path.EndsWith(".xml", StringComparison.Ordinal))
            {
                problems.AddRange(FeedProblems(path, body));
            }
            else
            {
                Report(problems, path, "", ExecutableContent.In(Parser.ParseDocument(body)));
            }
        }

        return problems;
    }

    private async Task<List<string>> CheckFeedAsync(string path)
    {
        using var client = portal.CreateClient();
        return FeedProblems(path, await client.GetStringAsync(new Uri(path, UriKind.Relative)));
    }

    /// <summary>
    /// The feed must be well-formed Atom with nothing but Atom elements (no injected markup), text constructs
    /// plain text, and the HTML content of each entry as safe as the page.
    /// </summary>
    private static List<string> FeedProblems(string path, string xml)
    {
        var problems = new List<string>();
        XDocument feed;
        try
        {
            feed = XDocument.Parse(xml);
        }
        catch (System.Xml.XmlException e)
        {
            return [$"{path}: not well-formed XML ({e.Message})"];
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        foreach (var element in feed.Descendants())
        {
            if (element.Name.Namespace != atom)
            {
                problems.Add($"{path}: an element outside Atom: {element.Name}");
            }

            if (element.Name.LocalName is "title" or "summary" or "subtitle" && element.Attribute("type") is { } type && type.Value != "text")
            {
                problems.Add($"{path}: {element.Name.LocalName} of type {type.Value}");
            }
        }

        foreach (var content in feed.Descendants(atom + "content"))
        {
            if (content.Attribute("type")?.Value != "html" || content.HasElements)
            {
                problems.Add($"{path}: content that is not escaped HTML");
                continue;
            }

            Report(problems, path, "entry content", ExecutableContent.In(Parser.ParseDocument($"<html><head></head><body>{content.Value}</body></html>")));
        }

        return problems;
    }

    private static void Report(List<string> problems, string where, string what, IReadOnlyList<string> found) =>
        problems.AddRange(found.Select(f => $"{where} {what}: {f}"));

    private static void AssertNone(List<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems.Distinct().Take(60))}");
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using SocialCareStories.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.SeveralInstances;

/// <summary>
/// Two real portal processes on loopback, as two app servers behind a load balancer: one shared store, one real
/// redis-server, each with its own home folder. An editor signs in and publishes on A; readers of B see it at
/// once, the editor's cookie works on B, and a scheduled story is published once though both schedulers run.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly string _storeFolder = Directory.CreateTempSubdirectory("scs-two-instances-").FullName;
    private RedisServer? _redis;
    private PortalProcess? _a;
    private PortalProcess? _b;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private PortalProcess A => _a!;

    private PortalProcess B => _b!;

    /// <summary>The store both instances open; a PostgreSQL run passes its own settings here.</summary>
    private SharedStoreSettings Store => SharedStoreSettings.SqliteFile(Path.Combine(_storeFolder, "shared.db"));

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        var options = new PortalProcessOptions
        {
            Store = Store,
            RedisConfiguration = _redis.Configuration,
            Settings = new Dictionary<string, string>
            {
                // Both schedulers look every second; stories may be scheduled for any future time.
                ["Stories__Editing__SchedulerInterval"] = "00:00:01",
                ["Stories__Editing__MinimumScheduleLead"] = "00:00:00",
            },
        };
        // A first: it creates, migrates and seeds the store (and its key ring) before B opens it.
        _a = await PortalProcess.StartAsync(options);
        var startingB = PortalProcess.StartAsync(options);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PortalInBrowser.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        _b = await startingB;
    }

    [Fact]
    public async Task Sign_in_and_publish_on_A_read_fresh_on_B_with_the_same_cookie_and_a_scheduled_story_published_once()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await A.AddUserAsync(email, "Admin", StaffInBrowser.Password);
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        // Expect assertions have a timeout of their own (5 s unless set): a save on a busy machine took longer.
        SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        var word = $"wallabies{Guid.NewGuid():N}"[..16];

        // A reader on B loads the story list first, so B's answer is in the cache when A publishes.
        await page.GotoAsync(At(B, "/stories"));
        await Expect(page.Locator("main")).Not.ToContainTextAsync(word);

        await page.GotoAsync(At(A, "/Account/Login?ReturnUrl=%2Fadmin"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffInBrowser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Admin" })).ToBeVisibleAsync();

        await WriteStoryAsync(page, A, $"Picnics with {word}", $"Residents met **{word}** at the park.");
        await Button(page, "Publish").ClickAsync();
        await Expect(page.Locator(".editor-header")).ToContainTextAsync("Published");

        // Fresh on B: its cached list was evicted in Redis by A's publish.
        await page.GotoAsync(At(B, "/stories"));
        await Expect(page.Locator("main")).ToContainTextAsync($"Picnics with {word}");
        await page.GotoAsync(At(B, $"/stories/picnics-with-{word}"));
        await Expect(page.Locator(".story-body strong")).ToHaveTextAsync(word);

        // The cookie A issued opens B's staff screens (both listen on 127.0.0.1, so the browser sends it to both).
        await page.GotoAsync(At(B, "/admin"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Admin" })).ToBeVisibleAsync();

        // Scheduled on B for shortly from now (with room for a slow, shared machine to click Schedule before that
        // time passes); both instances' schedulers are running.
        var scheduledTitle = $"Open day of {word}";
        await WriteStoryAsync(page, B, scheduledTitle, "Everyone is welcome.");
        var uk = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(45), uk);
        // Chromium shows a whole minute as "HH:mm" and Playwright then calls "HH:mm:00" malformed.
        if (at.Second == 0) at = at.AddSeconds(1);
        await page.GetByLabel("Publish at (UK time)").FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        await Button(page, "Schedule").ClickAsync();
        await Expect(page.Locator(".editor-header")).ToContainTextAsync("Scheduled");

        await page.GotoAsync(At(A, "/stories"));
        await Expect(page.Locator("main")).Not.ToContainTextAsync(scheduledTitle);
        // A reader on A asks until the story appears (404 until then; a 404 is never cached).
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while ((await page.GotoAsync(At(A, $"/stories/open-day-of-{word}")))?.Status != 200)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The scheduled story was not published within 120 s.{Environment.NewLine}{A.RecentOutput}{Environment.NewLine}{B.RecentOutput}");
            await page.WaitForTimeoutAsync(500);
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(scheduledTitle);
        await page.GotoAsync(At(B, $"/stories/open-day-of-{word}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(scheduledTitle);

        // Let both schedulers make a few more passes (they run every second), so a second publication would show.
        await page.WaitForTimeoutAsync(3_000);
        await page.GotoAsync(At(A, "/admin/audit"));
        await Expect(page.Locator("#audit-table tbody tr", new() { HasText = $"{scheduledTitle} (as scheduled)" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit-table tbody tr", new() { HasText = "story.published" }).Filter(new() { HasText = scheduledTitle })).ToHaveCountAsync(1);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var portal in new[] { _a, _b })
        {
            if (portal is not null)
            {
                await portal.DisposeAsync();
            }
        }

        _redis?.Dispose();
        Directory.Delete(_storeFolder, recursive: true);
    }

    private static string At(PortalProcess portal, string path) => new Uri(portal.BaseAddress, path).ToString();

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task WriteStoryAsync(IPage page, PortalProcess portal, string title, string body)
    {
        await page.GotoAsync(At(portal, "/admin/stories/new"));
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Summary").FillAsync("Written in the two-instance test.");
        await page.GetByLabel("Body (Markdown)").FillAsync(body);
        await Expect(page.GetByLabel("Slug (the address: /stories/…)")).ToHaveValueAsync(new Regex("^" + Regex.Escape(Slug(title)) + "$"));
    }

    private static string Slug(string title) => title.ToLowerInvariant().Replace(' ', '-');
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>What the editors did during one run: saves and publishes that worked, how long each took from the click to "Saved", and what failed.</summary>
internal sealed record EditorTally(int Editors, int Saves, int Publishes, int Errors, IReadOnlyList<double> SaveMilliseconds, IReadOnlyList<double> PublishMilliseconds, IReadOnlyList<string> FirstErrors)
{
    public static EditorTally None { get; } = new(0, 0, 0, 0, [], [], []);
}

/// <summary>
/// Staff editing in Debian's Chromium through Playwright, as the browser tests do: accounts made with the app's own
/// <c>users add</c> command, signed in through the sign-in page, then the interactive story editor. Each editor
/// opens a story, changes its body, saves, changes it again, publishes, and checks that a reader now sees the new
/// words, over and over with a pause between steps, each editor on stories of its own.
/// </summary>
internal sealed partial class Editors : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string Password = "a long enough load test password";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        // Without these Chromium keeps trying to reach Google's services, which this network does not allow.
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _address;
    private readonly List<IBrowserContext> _contexts = [];

    private Editors(IPlaywright playwright, IBrowser browser, Uri address)
    {
        _playwright = playwright;
        _browser = browser;
        _address = address;
    }

    public IReadOnlyList<IPage> Pages => [.. _contexts.Select(c => c.Pages[0])];

    /// <summary>Installs Debian's chromium when it is missing (as ./test.sh does) and starts it headless.</summary>
    public static async Task<Editors> LaunchAsync(Uri address, CancellationToken cancellationToken)
    {
        if (!File.Exists(ChromiumPath))
        {
            await DebianPackages.InstallAsync("chromium", cancellationToken);
        }

        // Only the browser is Debian's; the driver ships inside the Microsoft.Playwright package.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        return new Editors(playwright, browser, address);
    }

    /// <summary>Adds an Editor account with the app's <c>users add</c> command and signs it in, in a browser context of its own.</summary>
    public async Task<IBrowserContext> SignInNewEditorAsync(string appFolder, AppStore store, CancellationToken cancellationToken)
    {
        var email = $"load-editor-{Guid.NewGuid():N}@example.org";
        await AddUserAsync(appFolder, store, email, cancellationToken);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        // A loaded, shared machine: generous timeouts, so slowness counts as slowness and not as an error. The
        // Expect assertions ("Saved at …") have a timeout of their own, 5 s unless set.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        SetDefaultExpectTimeout(60_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fadmin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(AdminHome());
        return context;
    }

    /// <summary>Opens the editor of story <paramref name="storyId"/> in <paramref name="page"/> and waits until its circuit is live.</summary>
    public static async Task OpenEditorAsync(IPage page, int storyId)
    {
        await page.GotoAsync($"/admin/stories/{storyId}");
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
    }

    /// <summary>Every signed-in editor edits, saves and publishes stories from its own share of <paramref name="storyIds"/> until <paramref name="duration"/> is up.</summary>
    public async Task<EditorTally> EditAsync(IReadOnlyList<int> storyIds, TimeSpan duration, TimeSpan pause, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var tallies = await Task.WhenAll(_contexts.Select((context, index) =>
            EditLoopAsync(context.Pages[0], index, _contexts.Count, storyIds, clock, duration, pause, cancellationToken)));
        return new EditorTally(
            _contexts.Count,
            tallies.Sum(t => t.Saves),
            tallies.Sum(t => t.Publishes),
            tallies.Sum(t => t.Errors),
            [.. tallies.SelectMany(t => t.SaveMilliseconds)],
            [.. tallies.SelectMany(t => t.PublishMilliseconds)],
            [.. tallies.SelectMany(t => t.FirstErrors).Take(5)]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static async Task<EditorTally> EditLoopAsync(IPage page, int editor, int editors, IReadOnlyList<int> storyIds, Stopwatch clock, TimeSpan duration, TimeSpan pause, CancellationToken cancellationToken)
    {
        int saves = 0, publishes = 0, errors = 0;
        var saveTimes = new List<double>();
        var publishTimes = new List<double>();
        var problems = new List<string>();
        var random = new Random(editor + 1);
        // Each editor its own stories (every n-th), so the two never meet in a conflict: that is another test's subject.
        var mine = storyIds.Where((_, i) => i % editors == editor).ToList();
        var round = 0;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            round++;
            var storyId = mine[random.Next(mine.Count)];
            try
            {
                await OpenEditorAsync(page, storyId);
                var body = page.GetByLabel("Body (Markdown)");
                var saveState = page.Locator(".save-state");
                var original = await body.InputValueAsync();
                var marker = $"Edited under load by editor {editor + 1}, round {round}, {Guid.NewGuid():N}.";

                await body.FillAsync($"{original}\n\n{marker}");
                await Expect(saveState).ToHaveTextAsync(Unsaved());
                await Task.Delay(pause, cancellationToken);
                saveTimes.Add(await ClickAndWaitForSavedAsync(page, SaveButton()));
                saves++;

                await Task.Delay(pause, cancellationToken);
                await body.FillAsync($"{original}\n\n{marker} Published.");
                await Expect(saveState).ToHaveTextAsync(Unsaved());
                publishTimes.Add(await ClickAndWaitForSavedAsync(page, PublishButton()));
                publishes++;

                // What readers now get: the output cache must have let go of the old page.
                var slug = await page.GetByLabel("Slug (the address: /stories/…)").InputValueAsync();
                var reader = await page.APIRequest.GetAsync($"/stories/{slug}");
                var html = await reader.TextAsync();
                if (!reader.Ok || !html.Contains($"{marker} Published.", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"/stories/{slug} answered {reader.Status} without the words just published");
                }

                await Task.Delay(pause, cancellationToken);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
            {
                errors++;
                if (problems.Count < 5)
                {
                    // Playwright's first line says what was expected; the next ones what the page showed instead.
                    problems.Add($"editor {editor + 1}, story {storyId}: {string.Join(" ", e.Message.Split('\n').Take(3).Select(l => l.Trim()))}");
                }
            }
        }

        return new EditorTally(1, saves, publishes, errors, saveTimes, publishTimes, problems);
    }

    private static async Task<double> ClickAndWaitForSavedAsync(IPage page, Regex button)
    {
        var start = Stopwatch.GetTimestamp();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = button }).ClickAsync();
        await Expect(page.Locator(".save-state")).ToHaveTextAsync(SavedAt());
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task AddUserAsync(string appFolder, AppStore store, string email, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(appFolder, "SocialCareStories.Web.dll"), "users", "add", "--email", email, "--role", "Editor" },
            WorkingDirectory = appFolder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        store.ApplyTo(start);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var command = Process.Start(start) ?? throw new InvalidOperationException("users add did not start");
        await command.StandardInput.WriteLineAsync(Password.AsMemory(), cancellationToken);
        command.StandardInput.Close();
        var output = command.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = command.StandardError.ReadToEndAsync(cancellationToken);
        await command.WaitForExitAsync(cancellationToken);
        if (command.ExitCode != 0)
        {
            throw new InvalidOperationException($"users add {email} exited with {command.ExitCode}: {await output}{await errors}");
        }
    }

    [GeneratedRegex("/admin$")]
    private static partial Regex AdminHome();

    [GeneratedRegex("^Unsaved changes")]
    private static partial Regex Unsaved();

    [GeneratedRegex("^Saved at")]
    private static partial Regex SavedAt();

    [GeneratedRegex("^(Save changes|Save draft)$")]
    private static partial Regex SaveButton();

    [GeneratedRegex("^(Publish changes|Publish)$")]
    private static partial Regex PublishButton();
}

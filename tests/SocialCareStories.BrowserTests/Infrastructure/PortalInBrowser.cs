using Microsoft.Playwright;

namespace SocialCareStories.BrowserTests.Infrastructure;

/// <summary>
/// One running portal and one headless Debian Chromium, shared by every test in the collection. Each test
/// opens its own browser context (cookies, colour scheme, viewport) through <see cref="NewPageAsync"/>.
/// </summary>
public sealed class PortalInBrowser : IAsyncLifetime
{
    /// <summary>Debian's Chromium, which ./test.sh installs; Playwright never downloads a browser of its own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        // Without these Chromium keeps trying to reach Google's services, which this network does not allow.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private PortalProcess? _portal;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => Portal.BaseAddress;

    public PortalProcess Portal => _portal ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium package.");
        }

        // Only the browser is Debian's; the driver ships inside the Microsoft.Playwright package.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        // The portal seeds its store while the browser starts.
        var starting = PortalProcess.StartAsync();
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        finally
        {
            _portal = await starting;
        }
    }

    /// <summary>
    /// A fresh browser context (its own cookies, colour scheme and viewport) whose relative addresses resolve
    /// against the portal; dispose it to close its pages.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(ColorScheme colorScheme = ColorScheme.Light, int width = 1280, int height = 900, bool javaScriptEnabled = true)
    {
        var context = await (_browser ?? throw new InvalidOperationException("The browser has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ColorScheme = colorScheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            JavaScriptEnabled = javaScriptEnabled,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        // Expect assertions have a timeout of their own (5 s unless set): a save on a busy machine took longer.
        Assertions.SetDefaultExpectTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one running portal and one browser (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedPortal : ICollectionFixture<PortalInBrowser>
{
    public const string Name = "Portal in a browser";
}

using System.Collections.Concurrent;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Hosting;

/// <summary>The Content-Security-Policy blocks nothing the portal itself needs, on reading pages and interactive admin screens.</summary>
[Collection(SharedPortal.Name)]
public sealed class ContentSecurityPolicyTests(PortalInBrowser portal)
{
    [Fact]
    public async Task Reading_pages_and_the_interactive_admin_screens_report_no_policy_violation()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;
        var reports = new ConcurrentQueue<string>();
        page.Console += (_, message) => reports.Enqueue($"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => reports.Enqueue($"pageerror: {error}");
        // Chromium reports a violation as a console error, and also as this DOM event (which carries the directive).
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
            """);

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        var storyLink = page.Locator("main a[href^='/stories/']").First;
        var storyPath = await storyLink.GetAttributeAsync("href");
        await page.GotoAsync(storyPath!);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        // The circuit's WebSocket must open under connect-src 'self'.
        var circuit = page.WaitForWebSocketAsync(new() { Predicate = ws => ws.Url.Contains("/_blazor", StringComparison.Ordinal) });
        await page.GotoAsync("/admin/stories");
        await circuit;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        // The editor only marks itself interactive once the circuit renders it, so this proves Blazor ran.
        await page.GotoAsync("/admin/stories/new");
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
        await page.GetByLabel("Body (Markdown)").FillAsync("Checking the **policy**.");
        await Expect(page.Locator(".live-preview .story-body strong")).ToHaveTextAsync("policy");

        Assert.DoesNotContain(reports, r => r.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(reports, r => r.StartsWith("pageerror", StringComparison.Ordinal));
    }
}

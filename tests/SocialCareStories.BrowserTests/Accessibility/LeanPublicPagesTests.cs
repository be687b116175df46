using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Accessibility;

/// <summary>
/// The five reader pages that matter most, on a phone (390 px) and a laptop (1366 px): accessible, no sideways
/// scrolling, text no smaller than 16 px, and nothing of MudBlazor or Blazor's script downloaded (ADR-015).
/// </summary>
[Collection(SharedPortal.Name)]
public sealed class LeanPublicPagesTests(PortalInBrowser portal)
{
    private const string Story = "/stories/speak-up-at-the-back-there";
    private static readonly string[] Pages = ["/", Story, "/stories", "/search?q=care", "/awards"];
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static TheoryData<string, int> PagesAtBothWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var width in new[] { 390, 1366 })
        {
            foreach (var path in Pages)
            {
                data.Add(path, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAtBothWidths))]
    public async Task A_reader_page_is_accessible_fits_the_screen_and_loads_no_framework(string path, int width)
    {
        await using var context = await portal.NewContextAsync(width: width, height: 844);
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Equal(200, response?.Status);
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Nodes.FirstOrDefault()?.Html}"));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var tooWide = await page.EvaluateAsync<string[]>("""
            w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w)
                .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`).slice(0, 5)
            """, width);
        Assert.True(scrollWidth <= width, $"{path} is {scrollWidth}px wide at {width}px: {string.Join("; ", tooWide)}");
        Assert.DoesNotContain(requested, url => url.Contains("MudBlazor", StringComparison.OrdinalIgnoreCase) || url.Contains("blazor.web", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Empty(consoleErrors);
        var smallText = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.checkVisibility()
                    && !e.closest('.visually-hidden') && parseFloat(getComputedStyle(e).fontSize) < 16)
                .map(e => `${e.tagName}.${e.className}: ${getComputedStyle(e).fontSize}`)
            """);
        Assert.Empty(smallText);
    }

    [Fact]
    public async Task A_printed_story_leaves_out_the_navigation_and_sharing_and_prints_where_links_lead()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Story);

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        foreach (var hidden in new[] { ".site-header", ".site-footer", ".share-links", ".breadcrumbs", ".comments__leave" })
        {
            await Expect(page.Locator(hidden)).ToBeHiddenAsync();
        }

        // A link as the Markdown renderer writes one (only http, https and mailto survive it).
        var after = await page.EvaluateAsync<string>("""
            () => {
                const link = Object.assign(document.createElement('a'), { href: 'https://example.org/care', textContent: 'a source' });
                document.querySelector('.story-body').append(link);
                return getComputedStyle(link, '::after').content;
            }
            """);
        Assert.Equal("\" (https://example.org/care)\"", after);
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    [Fact]
    public async Task Without_javascript_a_reader_searches_filters_and_reads_a_story()
    {
        await using var context = await portal.NewContextAsync(width: 390, height: 844, javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("Search stories").First.FillAsync("care");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/search\?q=care"));
        await page.Locator(".search-results h3 a").First.ClickAsync();
        await Expect(page.Locator(".story-facts")).ToContainTextAsync("min read");
    }
}

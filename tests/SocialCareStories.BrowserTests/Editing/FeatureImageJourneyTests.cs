using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SocialCareStories.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialCareStories.BrowserTests.Editing;

/// <summary>An editor gives a story its picture, and a reader on a phone sees it.</summary>
[Collection(SharedPortal.Name)]
public sealed class FeatureImageJourneyTests(PortalInBrowser portal)
{
    [Fact]
    public async Task An_editor_uploads_a_feature_image_with_alt_text_publishes_and_a_reader_sees_it_on_a_phone()
    {
        var (context, page, _) = await portal.SignedInAsync("Editor");
        await using var _ = context;
        var id = $"{Guid.NewGuid():N}"[..8];
        // A real picture, made on the spot: a screenshot of the portal's home page (PNG, 1280 × 900).
        await page.GotoAsync("/");
        var picture = await page.ScreenshotAsync();

        await page.GotoAsync("/admin/stories/new");
        await Expect(page.Locator(".editor-header[data-interactive=true]")).ToBeVisibleAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync($"Growing sunflowers {id}");
        await page.GetByLabel("Body (Markdown)").FillAsync("The residents grew sunflowers taller than the fence.");
        await page.GetByLabel("Alt text (required)").FillAsync("Residents standing beside sunflowers taller than the fence");
        await page.GetByLabel("Caption").FillAsync("The tallest reached 2.4 metres");
        await page.Locator("#feature-image-file").SetInputFilesAsync(new FilePayload { Name = "sunflowers.png", MimeType = "image/png", Buffer = picture });
        await Expect(page.Locator(".feature-image-panel__preview img")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(page.Locator(".editor-header")).ToContainTextAsync("Published");

        await using var phone = await portal.NewContextAsync(width: 390, height: 844);
        var reader = await phone.NewPageAsync();
        await reader.GotoAsync($"/stories/growing-sunflowers-{id}");
        var image = reader.Locator("figure.story-figure picture img");
        await Expect(image).ToHaveAttributeAsync("alt", "Residents standing beside sunflowers taller than the fence");
        await Expect(reader.Locator("figure.story-figure figcaption")).ToContainTextAsync("The tallest reached 2.4 metres");
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        var shown = await image.EvaluateAsync<ShownImage>("i => ({ Src: i.currentSrc, NaturalWidth: i.naturalWidth, Width: i.getBoundingClientRect().width })");
        Assert.Matches(new Regex(@"/media/\d+/[0-9a-f]+/(320|640|960)\.webp$"), shown.Src);
        Assert.InRange(shown.NaturalWidth, 320, 960);
        Assert.InRange(shown.Width, 300, 390);
        Assert.True(await reader.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the story page scrolls sideways at 390 px");
    }

    private sealed class ShownImage
    {
        public string Src { get; set; } = "";
        public int NaturalWidth { get; set; }
        public double Width { get; set; }
    }
}

using System.Net;
using SocialCareStories.Web.Features.Media;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Tests.Infrastructure;
using static SocialCareStories.Web.Tests.Features.Stories.Editing.Editors;

namespace SocialCareStories.Web.Tests.Features.Media;

/// <summary>A story's feature image as readers meet it: the story page, its card, its feed entry and its social card.</summary>
public sealed class FeatureImageTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private const string Alt = "A resident and her carer planting tomatoes in raised beds";

    private async Task<ImageRef> UploadAsync(string alt = Alt, string? caption = "Spring at Rosewood", string? credit = "Sam Photographer")
    {
        var result = await Get<MediaLibrary>(portal).UploadAsync(
            new MemoryStream(TestImages.PhotoWithGps(1600, 1000)), "garden.jpg", new MediaDetails { AltText = alt, Caption = caption, Credit = credit, FocalX = 0.25, FocalY = 0.75 }, Edna);
        Assert.True(result.Succeeded, result.Problem);
        return (await Get<MediaLibrary>(portal).FindRefAsync(result.ImageId))!;
    }

    private async Task<EditResult> PublishWithAsync(ImageRef image, string title)
    {
        var form = NewForm(title);
        form.FeatureImageId = image.Id;
        form.FeatureImage = new MediaDetails { AltText = image.Alt, Caption = image.Caption, Credit = image.Credit, FocalX = image.FocalX, FocalY = image.FocalY };
        return await CreateAsync(portal, form, StoryTransition.Publish);
    }

    [Fact]
    public async Task The_story_page_shows_the_image_as_a_picture_with_webp_and_jpeg_widths_its_size_alt_text_caption_and_social_card()
    {
        var image = await UploadAsync();
        var story = await PublishWithAsync(image, "Growing tomatoes at Rosewood");

        var page = await portal.CreateClient().GetDocumentAsync($"/stories/{story.Slug}");

        var figure = page.QuerySelector("article.story figure.story-figure")!;
        var webp = figure.QuerySelector("picture source[type='image/webp']")!;
        Assert.Equal(image.Srcset("webp"), webp.GetAttribute("srcset"));
        Assert.Contains("/320.webp 320w", webp.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Contains("/1600.webp 1600w", webp.GetAttribute("srcset"), StringComparison.Ordinal);
        var img = figure.QuerySelector("picture img")!;
        Assert.Contains("/1280.jpg 1280w", img.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal(Alt, img.GetAttribute("alt"));
        Assert.Equal(("960", "600"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("eager", "high"), (img.GetAttribute("loading"), img.GetAttribute("fetchpriority")));
        Assert.NotNull(img.GetAttribute("sizes"));
        Assert.Contains("25% 75%", img.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("Spring at Rosewood", figure.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sam Photographer", figure.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);

        var ogImage = page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;
        Assert.True(Uri.IsWellFormedUriString(ogImage, UriKind.Absolute), ogImage);
        Assert.EndsWith(image.Url(1280, "jpg"), ogImage, StringComparison.Ordinal);
        Assert.Equal(Alt, page.QuerySelector("meta[property='og:image:alt']")!.GetAttribute("content"));
        Assert.Equal("1280", page.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"));
        Assert.Equal("800", page.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Equal(ogImage, page.QuerySelector("meta[name='twitter:image']")!.GetAttribute("content"));

        using var served = await portal.CreateClient().GetAsync(new Uri(image.Url(1280, "jpg"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_story_card_shows_the_image_lazily_and_the_feed_entry_carries_it()
    {
        var image = await UploadAsync(alt: "Volunteers serving lunch at the community café");
        var story = await PublishWithAsync(image, "Lunch club at the community café");
        var client = portal.CreateClient();

        var list = await client.GetDocumentAsync("/stories");
        var card = list.QuerySelectorAll("article.story-card").Single(c => c.TextContent.Contains("Lunch club at the community café", StringComparison.Ordinal));
        var img = card.QuerySelector("picture.story-card__image img")!;
        Assert.Equal(("lazy", "Volunteers serving lunch at the community café"), (img.GetAttribute("loading"), img.GetAttribute("alt")));
        Assert.Contains(image.Url(640, "jpg"), img.GetAttribute("srcset"), StringComparison.Ordinal);

        var feed = await client.GetStringAsync(new Uri("/feed.xml", UriKind.Relative));
        Assert.Contains($"rel=\"enclosure\" type=\"image/jpeg\" href=\"http://localhost{image.Url(1280, "jpg")}\"", feed, StringComparison.Ordinal);
        var atom = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
        var entry = System.Xml.Linq.XDocument.Parse(feed).Root!.Elements(atom + "entry")
            .Single(e => e.Element(atom + "title")!.Value == "Lunch club at the community café");
        var content = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(entry.Element(atom + "content")!.Value);
        var feedImage = content.QuerySelector("img")!;
        Assert.Equal("Volunteers serving lunch at the community café", feedImage.GetAttribute("alt"));
        Assert.Equal($"http://localhost{image.Url(1280, "jpg")}", feedImage.GetAttribute("src"));
    }

    [Fact]
    public async Task A_story_without_an_image_uses_the_site_social_card()
    {
        var story = await CreateAsync(portal, NewForm("A story told in words alone"), StoryTransition.Publish);

        var page = await portal.CreateClient().GetDocumentAsync($"/stories/{story.Slug}");

        Assert.Null(page.QuerySelector("figure.story-figure"));
        Assert.Equal("http://localhost/images/social-card.png", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Saving_a_story_whose_feature_image_has_no_alt_text_is_refused_with_a_message_and_the_image_keeps_its_words()
    {
        var image = await UploadAsync();
        var form = NewForm("A story with a picture nobody described");
        form.FeatureImageId = image.Id;
        form.FeatureImage = new MediaDetails { AltText = "  " };

        var result = await EditingOf(portal).SaveAsync(form, Edna);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.StartsWith("Feature image: Alt text is required", result.Errors[StoryFields.FeatureImage], StringComparison.Ordinal);
        Assert.Equal(Alt, (await Get<MediaLibrary>(portal).FindAsync(image.Id))!.AltText);
    }

    [Fact]
    public async Task An_image_a_story_uses_cannot_be_deleted_and_an_unused_one_can()
    {
        var used = await UploadAsync();
        await PublishWithAsync(used, "The story that keeps its picture");
        var unused = await UploadAsync(alt: "An empty corridor");
        var library = Get<MediaLibrary>(portal);

        var refused = await library.DeleteAsync(used.Id, Edna);
        var deleted = await library.DeleteAsync(unused.Id, Edna);

        Assert.Contains("still used by 1 story (“The story that keeps its picture”)", refused.Problem, StringComparison.Ordinal);
        Assert.NotNull(await library.FindAsync(used.Id));
        Assert.True(deleted.Succeeded);
        Assert.Null(await library.FindAsync(unused.Id));
        using var gone = await portal.CreateClient().GetAsync(new Uri(unused.Url(640, "jpg"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Replacing_the_file_keeps_the_image_changes_its_addresses_and_an_old_address_leads_to_the_new_file()
    {
        var image = await UploadAsync();
        var library = Get<MediaLibrary>(portal);

        var result = await library.ReplaceAsync(image.Id, new MemoryStream(TestImages.Png(1000, 500)), "wider.png", Edna);

        Assert.True(result.Succeeded, result.Problem);
        var replaced = (await library.FindRefAsync(image.Id))!;
        Assert.NotEqual(image.Hash, replaced.Hash);
        Assert.Equal((1000, 500, Alt), (replaced.Width, replaced.Height, replaced.Alt));
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var old = await client.GetAsync(new Uri(image.Url(640, "jpg"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal(replaced.Url(640, "jpg"), old.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_editor_loads_the_feature_image_and_saving_new_words_and_focal_point_updates_the_library_image_with_an_audit_entry()
    {
        var image = await UploadAsync();
        var story = await PublishWithAsync(image, "A picture whose caption changes");
        var form = (await EditingOf(portal).LoadAsync(story.StoryId))!;
        Assert.Equal((image.Id, Alt, "Spring at Rosewood"), (form.FeatureImageId, form.FeatureImage.AltText, form.FeatureImage.Caption));

        form.FeatureImage.Caption = "Summer at Rosewood";
        form.FeatureImage.FocalX = 0.6;
        var saved = await EditingOf(portal).SaveAsync(form, Edna);

        Assert.Equal(EditOutcome.Saved, saved.Outcome);
        Assert.NotEqual(story.Version, saved.Version);
        var updated = (await Get<MediaLibrary>(portal).FindAsync(image.Id))!;
        Assert.Equal(("Summer at Rosewood", 0.6), (updated.Caption, updated.FocalX));
        await using var db = await DbAsync(portal);
        Assert.Contains(db.AuditEntries, a => a.Action == "media.updated" && a.ItemId == image.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var page = await portal.CreateClient().GetDocumentAsync($"/stories/{story.Slug}");
        Assert.Contains("Summer at Rosewood", page.QuerySelector("figure.story-figure figcaption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_story_stays_hidden_while_its_image_is_served_by_its_unguessable_address_as_ADR_013_decides()
    {
        var image = await UploadAsync(alt: "A surprise for next month");
        var form = NewForm("A draft with a picture");
        form.FeatureImageId = image.Id;
        form.FeatureImage = new MediaDetails { AltText = image.Alt };
        var draft = await CreateAsync(portal, form);
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await client.GetAsync(new Uri($"/stories/{draft.Slug}", UriKind.Relative));
        using var picture = await client.GetAsync(new Uri(image.Url(640, "jpg"), UriKind.Relative));
        using var guessed = await client.GetAsync(new Uri($"/media/{image.Id}/0000000000000000/640.jpg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }
}

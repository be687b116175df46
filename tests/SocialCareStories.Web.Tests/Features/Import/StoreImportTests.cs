using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Import;

public sealed class StoreImportTests : IDisposable
{
    private readonly EmptyPortalFactory _portal = new();
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _portal.Dispose();
        _folder.Dispose();
    }

    private async Task<ImportOutcome> ImportAsync(string folder)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(folder);
    }

    private StoriesDbContext Store() => _portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContext();

    [Fact]
    public async Task Importing_the_seeds_writes_sixteen_published_stories_without_problems()
    {
        var outcome = await ImportAsync(RepositoryFolders.Seeds);

        Assert.Empty(outcome.Problems);
        Assert.Equal(16, outcome.Created);
        await using var db = Store();
        Assert.Equal(16, await db.Stories.CountAsync(s => s.Status == Web.Features.Stories.StoryStatus.Published));
    }

    [Fact]
    public async Task Importing_the_same_folder_again_changes_nothing()
    {
        await ImportAsync(RepositoryFolders.Seeds);
        await using var before = Store();
        var versions = await before.Stories.OrderBy(s => s.Id).Select(s => s.Version).ToListAsync();
        var counts = await CountsAsync(before);

        var again = await ImportAsync(RepositoryFolders.Seeds);

        Assert.Equal((0, 0, 16), (again.Created, again.Updated, again.Unchanged));
        Assert.Empty(again.Problems);
        await using var after = Store();
        Assert.Equal(versions, await after.Stories.OrderBy(s => s.Id).Select(s => s.Version).ToListAsync());
        Assert.Equal(counts, await CountsAsync(after));
    }

    [Fact]
    public async Task A_changed_source_updates_a_story_nobody_has_edited()
    {
        _folder.Write("post.txt", "A first title\n\nThe first body of the post, long enough to read as prose.\n");
        await ImportAsync(_folder.Path);
        _folder.Write("post.txt", "A first title\n\nA corrected body of the post, long enough to read as prose.\n");

        var outcome = await ImportAsync(_folder.Path);

        Assert.Equal(1, outcome.Updated);
        await using var db = Store();
        var story = await db.Stories.Include(s => s.Revisions).SingleAsync();
        Assert.Contains("corrected body", story.BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal(2, story.Revisions.Count);
    }

    [Fact]
    public async Task A_story_an_editor_has_changed_is_never_overwritten_by_a_reimport()
    {
        _folder.Write("post.txt", "A first title\n\nThe first body of the post, long enough to read as prose.\n");
        await ImportAsync(_folder.Path);
        await using (var db = Store())
        {
            var story = await db.Stories.SingleAsync();
            story.BodyMarkdown = "The editor's own words.";
            story.EditedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        _folder.Write("post.txt", "A first title\n\nA changed source body that must not replace the editor's words.\n");
        var outcome = await ImportAsync(_folder.Path);

        Assert.Equal(1, outcome.KeptEditorChanges);
        await using var check = Store();
        Assert.Equal("The editor's own words.", (await check.Stories.SingleAsync()).BodyMarkdown);
    }

    [Fact]
    public async Task A_story_imported_with_glued_footnote_markers_is_cleaned_by_the_next_import()
    {
        await ImportAsync(RepositoryFolders.Seeds);
        await using (var db = Store())
        {
            // As an import before footnote markers were separated left it.
            var story = await db.Stories.SingleAsync(s => s.Slug == "workforce-retention");
            story.BodyMarkdown = story.BodyMarkdown.Replace("\\[2\\] The Cavendish Coalition\\[3\\] estimate", "\\[2\\]The Cavendish Coalition\\[3\\]estimate", StringComparison.Ordinal);
            story.ImportFingerprint = "from an earlier import";
            await db.SaveChangesAsync();
            Assert.Contains("Coalition\\[3\\]estimate", story.BodyMarkdown, StringComparison.Ordinal);
        }

        var outcome = await ImportAsync(RepositoryFolders.Seeds);

        Assert.Equal(1, outcome.Updated);
        await using var check = Store();
        var updated = await check.Stories.SingleAsync(s => s.Slug == "workforce-retention");
        Assert.Contains("workforce\\[2\\] The Cavendish Coalition\\[3\\] estimate", updated.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("workforce[2] The Cavendish Coalition[3] estimate", updated.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_curated_with_the_former_category_placeholder_loses_it_on_the_next_import()
    {
        await ImportAsync(RepositoryFolders.Seeds);
        await using (var db = Store())
        {
            var unnamed = await db.AwardCategories.SingleAsync(c => c.Name == "");
            unnamed.Name = "Category not recorded in the source";
            await db.SaveChangesAsync();
        }

        await ImportAsync(RepositoryFolders.Seeds);

        await using var check = Store();
        var categories = await check.AwardCategories.Include(c => c.Entries).ThenInclude(e => e.Organisation).Where(c => c.Year.Year == 2015).ToListAsync();
        Assert.Equal(["", "Winner of Winners"], categories.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Stockport Council", Assert.Single(categories.Single(c => c.Name == "").Entries).Organisation.Name);
    }

    [Fact]
    public async Task A_bad_file_is_reported_by_name_and_the_other_files_still_import()
    {
        _folder.Write("a-good.txt", "A good post\n\nA body that reads as a paragraph of prose about good practice.\n");
        File.WriteAllBytes(Path.Combine(_folder.Path, "b-binary.txt"), [0x50, 0x00, 0x4B, 0x03]);
        _folder.Write("c-empty.txt", "   \n\n");

        var outcome = await ImportAsync(_folder.Path);

        Assert.Equal(1, outcome.Created);
        Assert.Contains(outcome.Problems, p => p.SourceFile == "b-binary.txt" && p.Message.Contains("binary", StringComparison.Ordinal));
        Assert.Contains(outcome.Problems, p => p.SourceFile == "c-empty.txt" && p.Message.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_whose_write_fails_changes_nothing_in_the_store()
    {
        // Two posts in one file import into one transaction; the second cannot be saved because a
        // slug-clashing story is inserted behind the writer's back by a trigger that aborts the insert.
        await using (var db = Store())
        {
            await db.Database.ExecuteSqlRawAsync(TestStore.IsPostgres
                ? """
                  CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN
                      IF NEW."ImportKey" = 'series.txt#2' THEN RAISE EXCEPTION 'refused by test'; END IF;
                      RETURN NEW;
                  END $$;
                  CREATE TRIGGER refuse_second BEFORE INSERT ON "Stories" FOR EACH ROW EXECUTE FUNCTION refuse_second();
                  """
                : "CREATE TRIGGER refuse_second BEFORE INSERT ON Stories WHEN NEW.ImportKey = 'series.txt#2' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");
        }

        _folder.Write("series.txt", """
            By Ann Writer

            The first post of the series, with enough words in it to be a paragraph of prose for readers.

            By Ben Writer

            The second post of the series, with enough words in it to be a paragraph of prose for readers.
            """);

        var outcome = await ImportAsync(_folder.Path);

        Assert.Contains(outcome.Problems, p => p.SourceFile == "series.txt" && p.Message.StartsWith("Nothing from this file was written", StringComparison.Ordinal));
        await using var check = Store();
        Assert.Equal(0, await check.Stories.CountAsync());
        Assert.Equal(0, await check.Authors.CountAsync());
    }

    private static async Task<(int Stories, int Authors, int Categories, int Tags, int Comments, int Revisions, int CaseStudies, int Entries)> CountsAsync(StoriesDbContext db) => (
        await db.Stories.CountAsync(),
        await db.Authors.CountAsync(),
        await db.Categories.CountAsync(),
        await db.Tags.CountAsync(),
        await db.Comments.CountAsync(),
        await db.Revisions.CountAsync(),
        await db.CaseStudies.CountAsync(),
        await db.AwardEntries.CountAsync());
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Import;

/// <summary>
/// The `import` command run as a real process on a large folder and killed with SIGKILL part-way, as a power cut
/// or an out-of-memory kill would: the store must hold only whole files, every file the import acknowledged, and
/// a second run must finish the job.
/// </summary>
[Trait("Category", "Process")]
public sealed class ImportKillTests
{
    private const int Files = 1200;

    private static readonly string[] FirstNames = ["Alice", "Bola", "Carys", "Dev", "Eilidh", "Farah", "Gwen", "Hamid"];
    private static readonly string[] LastNames = ["Walker", "Okafor", "Jones", "Patel", "Reid"];

    [Fact]
    public async Task An_import_killed_part_way_leaves_whole_files_only_keeps_every_file_it_reported_and_a_rerun_finishes_the_job()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < Files; i++)
        {
            folder.Write($"{i:0000}.txt", GeneratedPost(i));
        }

        using var store = new StoreFile();

        HashSet<string> acknowledged;
        await using (var import = AppProcess.StartCommand(store.Path, "import", folder.Path))
        {
            await import.WaitForEventsAsync(nameof(StoryImportWriter.FileImported), 25, TimeSpan.FromMinutes(2));
            import.Kill();
            await import.WaitForExitAsync(TimeSpan.FromSeconds(30));
            acknowledged = [.. import.EventsNamed(nameof(StoryImportWriter.FileImported)).Select(e => e.GetProperty("SourceFile").GetString()!)];
        }

        Assert.Equal("ok", await StoreFile.IntegrityCheckAsync(store.Path));
        await using (var db = store.Open())
        {
            var files = await AssertEveryStoryIsWholeAsync(db);
            Assert.True(files.Count < Files, $"the import finished all {Files} files before it was killed, so the kill tested nothing");
            Assert.Subset(files, acknowledged);
        }

        var (exitCode, output) = await AppProcess.RunCommandAsync(store.Path, "import", folder.Path);

        Assert.True(exitCode == 0, output);
        await using (var db = store.Open())
        {
            var files = await AssertEveryStoryIsWholeAsync(db);
            Assert.Equal(Files, files.Count);
            Assert.Equal(Files, await db.Stories.CountAsync());
        }
    }

    [Fact]
    public async Task A_first_start_whose_seeding_was_cut_short_finishes_it_on_the_next_start_and_then_never_seeds_again()
    {
        using var store = new StoreFile();
        await store.MigrateAsync();
        using var firstFileOnly = new TempFolder();
        var firstSeed = Directory.EnumerateFiles(RepositoryFolders.Seeds, "*.txt").Order(StringComparer.Ordinal).First();
        File.Copy(firstSeed, Path.Combine(firstFileOnly.Path, Path.GetFileName(firstSeed)));
        // What a kill after the first seed file leaves: its stories, and no mark that seeding finished.
        Assert.Equal(0, (await AppProcess.RunCommandAsync(store.Path, "import", firstFileOnly.Path)).ExitCode);
        int cutShort;
        await using (var db = store.Open())
        {
            cutShort = await db.Stories.CountAsync();
        }

        using (var instances = new SharedStore(store.Path))
        {
            instances.StartInstance(seedOnStart: true);
        }

        await using (var db = store.Open())
        {
            Assert.InRange(cutShort, 1, 15);
            Assert.Equal(16, await db.Stories.CountAsync());
            Assert.Single(await db.AuditEntries.Where(a => a.Action == StoreInitializer.SeededAction).ToListAsync());
            // An editor's deletion: seeding must not bring it back.
            var first = await db.Stories.MinAsync(s => s.Id);
            await db.Stories.Where(s => s.Id == first).ExecuteDeleteAsync();
        }

        using (var instances = new SharedStore(store.Path))
        {
            instances.StartInstance(seedOnStart: true);
        }

        await using (var db = store.Open())
        {
            Assert.Equal(15, await db.Stories.CountAsync());
        }
    }

    /// <summary>Asserts each story has all its parts (authors, categories, tags, revision, search row) and returns the files they came from.</summary>
    private static async Task<HashSet<string>> AssertEveryStoryIsWholeAsync(StoriesDbContext db)
    {
        var stories = await db.Stories.AsNoTracking()
            .Select(s => new
            {
                s.Id,
                s.SourceFile,
                s.Status,
                Authors = s.Authors.Count,
                Categories = s.Categories.Count,
                Tags = s.Tags.Count,
                Revisions = s.Revisions.Count,
            })
            .ToListAsync();
        var searchRows = await StoreFile.SearchRowIdsAsync(db);
        Assert.All(stories, s =>
        {
            Assert.Equal(StoryStatus.Published, s.Status);
            Assert.Equal(1, s.Authors);
            // Social Care from the source, and whatever the classifier adds for the post's words.
            Assert.InRange(s.Categories, 1, 10);
            // Two tags, and the labels the taxonomy does not know ("Good News", "Dementia Care").
            Assert.Equal(4, s.Tags);
            Assert.Equal(1, s.Revisions);
            Assert.Contains(s.Id, searchRows);
        });
        Assert.Equal(stories.Count, searchRows.Count);
        var files = stories.Select(s => s.SourceFile!).ToList();
        Assert.Equal(files.Count, files.Distinct(StringComparer.Ordinal).Count());
        return [.. files];
    }

    private static string GeneratedPost(int n)
    {
        var paragraphs = string.Join("\n\n", Enumerable.Range(1, 12).Select(p =>
            $"Paragraph {p} of story {n}: residents and staff at house {n} worked with volunteers on a project that made a real difference to daily life, and they wrote down what they learned."));
        return string.Create(CultureInfo.InvariantCulture, $"""
            A good day at house number {n}

            Posted on March 3rd, by editor in Care Blog. 0 comments

            By guest blogger {FirstNames[n % FirstNames.Length]} {LastNames[n / FirstNames.Length % LastNames.Length]},

            Registered Manager at Home {n % 40}

            {paragraphs}
            Categories:
              • Social Care > Good News
              • Dementia Care
            Tags:
              • topic {n % 25}
              • gardening
            """);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Classification;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Import;

/// <summary>What writing an import changed, story by story, and what it could not write.</summary>
public sealed record ImportOutcome(int Created, int Updated, int Unchanged, int KeptEditorChanges, IReadOnlyList<ImportProblem> Problems)
{
    public static readonly ImportOutcome None = new(0, 0, 0, 0, []);

    public ImportOutcome Add(ImportOutcome other) => new(
        Created + other.Created,
        Updated + other.Updated,
        Unchanged + other.Unchanged,
        KeptEditorChanges + other.KeptEditorChanges,
        [.. Problems, .. other.Problems]);
}

/// <summary>
/// Writes imported posts to the store, one transaction per source file: a file either lands whole or
/// changes nothing. Re-importing unchanged content writes nothing, and a story a person has edited
/// since its import is never overwritten.
/// </summary>
public sealed class StoryImportWriter(IDbContextFactory<StoriesDbContext> contextFactory, TimeProvider clock, ILogger<StoryImportWriter> logger)
{
    public const string ImportUser = "import";

    /// <summary>
    /// Logged only once a file's transaction has committed: the import's acknowledgement that the file is in the
    /// store. A killed import loses at most the file it was writing, and the next run writes that file again.
    /// </summary>
    public static readonly EventId FileImported = new(1101, nameof(FileImported));

    public async Task<ImportOutcome> WriteAsync(IEnumerable<ImportedStory> stories, CancellationToken cancellationToken = default)
    {
        var outcome = ImportOutcome.None;
        foreach (var file in stories.GroupBy(s => s.SourceFile))
        {
            outcome = outcome.Add(await WriteFileAsync(file.Key, file.ToList(), cancellationToken));
        }

        return outcome;
    }

    private async Task<ImportOutcome> WriteFileAsync(string sourceFile, IReadOnlyList<ImportedStory> stories, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var resolver = new ContentResolver(db);
        int created = 0, updated = 0, unchanged = 0, kept = 0;
        try
        {
            foreach (var imported in stories)
            {
                var fingerprint = Fingerprint(imported);
                var story = await db.Stories
                    .Include(s => s.Authors).Include(s => s.Categories).Include(s => s.Tags).Include(s => s.Comments).Include(s => s.CategorySuggestions)
                    .AsSplitQuery()
                    .SingleOrDefaultAsync(s => s.ImportKey == imported.ImportKey, cancellationToken);

                if (story is null)
                {
                    story = new Story
                    {
                        Title = imported.Title,
                        Slug = await UniqueSlugAsync(db, imported.Title, cancellationToken),
                        Status = StoryStatus.Published,
                        ImportKey = imported.ImportKey,
                    };
                    db.Stories.Add(story);
                    created++;
                }
                else if (story.ImportFingerprint == fingerprint)
                {
                    unchanged++;
                    continue;
                }
                else if (story.EditedAt is not null)
                {
                    kept++;
                    logger.LogInformation("Kept the editor's changes to {Slug}; its source {ImportKey} has changed since import", story.Slug, imported.ImportKey);
                    continue;
                }
                else
                {
                    updated++;
                }

                await ApplyAsync(story, imported, fingerprint, resolver, cancellationToken);
                story.Revisions.Add(new Revision
                {
                    Title = story.Title,
                    Summary = story.Summary,
                    BodyMarkdown = story.BodyMarkdown,
                    SavedAt = clock.GetUtcNow(),
                    SavedBy = ImportUser,
                    Note = $"Imported from {sourceFile}",
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation(FileImported, "Imported {SourceFile}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Kept} kept as edited",
                sourceFile, created, updated, unchanged, kept);
            return new ImportOutcome(created, updated, unchanged, kept, []);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or ArgumentException)
        {
            logger.LogError(e, "Import of {SourceFile} failed; nothing from it was written", sourceFile);
            return ImportOutcome.None with { Problems = [new ImportProblem(sourceFile, $"Nothing from this file was written: {e.GetBaseException().Message}")] };
        }
    }

    private static async Task ApplyAsync(Story story, ImportedStory imported, string fingerprint, ContentResolver resolver, CancellationToken cancellationToken)
    {
        story.Title = imported.Title;
        story.Kind = imported.Kind;
        story.Summary = imported.Summary;
        story.BodyMarkdown = imported.BodyMarkdown;
        story.PublishedOn = imported.PublishedOn;
        story.SourceFile = imported.SourceFile;
        story.SourcePublication = imported.SourcePublication;
        story.SourceUrl = imported.SourceUrl;
        story.NeedsReview = imported.NeedsReview;
        story.ReviewNote = imported.ReviewNote;
        story.ImportFingerprint = fingerprint;

        story.Authors.Clear();
        for (var i = 0; i < imported.Authors.Count; i++)
        {
            story.Authors.Add(new StoryAuthor { Author = await resolver.AuthorAsync(imported.Authors[i], cancellationToken), Position = i });
        }

        story.Categories.Clear();
        foreach (var path in imported.Categories)
        {
            story.Categories.Add(await resolver.CategoryAsync(path, cancellationToken));
        }

        // An editor's accepted or rejected suggestion stands; the classifier's own are replaced by today's.
        story.CategorySuggestions.RemoveAll(s => s.State is SuggestionState.Applied or SuggestionState.Offered);
        foreach (var suggestion in imported.SuggestedCategories)
        {
            var category = await resolver.CategoryAsync(suggestion.Path, cancellationToken);
            if (story.CategorySuggestions.Any(s => s.Category == category || (category.Id != 0 && s.CategoryId == category.Id)))
            {
                continue;
            }

            story.CategorySuggestions.Add(new CategorySuggestion
            {
                Category = category,
                Score = suggestion.Score,
                Reasons = Truncate(string.Join("; ", suggestion.Reasons), CategorySuggestion.ReasonsLength),
                State = suggestion.Score >= StoryClassifier.ApplyThreshold ? SuggestionState.Applied : SuggestionState.Offered,
            });
        }

        story.Tags.Clear();
        foreach (var name in imported.Tags.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var tag = await resolver.TagAsync(name, cancellationToken);
            tag.IsCollection |= imported.Collections.Contains(name, StringComparer.OrdinalIgnoreCase);
            story.Tags.Add(tag);
        }

        // Readers' comments left on the portal stay; only those that came with the source are replaced.
        story.Comments.RemoveAll(c => c.IsImported);
        for (var i = 0; i < imported.Comments.Count; i++)
        {
            story.Comments.Add(new Comment
            {
                AuthorName = imported.Comments[i].Author,
                Body = imported.Comments[i].Body,
                Status = ModerationStatus.Approved,
                IsImported = true,
                Position = i + 1,
            });
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static async Task<string> UniqueSlugAsync(StoriesDbContext db, string title, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(title);
        var candidate = slug;
        for (var n = 2;
             db.Stories.Local.Any(s => s.Slug == candidate) || await db.Stories.AnyAsync(s => s.Slug == candidate, cancellationToken);
             n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    public static string Fingerprint(ImportedStory story) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(story))));
}

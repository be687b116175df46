using SocialCareStories.Web.Features.Categories.Taxonomy;
using SocialCareStories.Web.Features.Import.Curation;

namespace SocialCareStories.Web.Features.Import;

/// <summary>
/// The whole import: read a folder's documents, apply its curation file (if it has one) to the posts,
/// write them, then add the case studies and awards the curation records.
/// </summary>
public sealed class SeedImporter(
    SourceDocumentParser parser,
    StoryImportWriter writer,
    ContentCurator curator,
    TaxonomyLoader taxonomy,
    Components.ContentCache cache,
    IConfiguration configuration,
    ILogger<SeedImporter> logger)
{
    /// <summary>The seeds folder shipped beside the app, unless <c>Import:SeedsFolder</c> says otherwise.</summary>
    public string SeedsFolder => configuration["Import:SeedsFolder"] is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "seeds");

    public Task<ImportOutcome> ImportSeedsAsync(CancellationToken cancellationToken = default) => ImportAsync(SeedsFolder, cancellationToken);

    public async Task<ImportOutcome> ImportAsync(string folder, CancellationToken cancellationToken = default)
    {
        var parsed = parser.ParseFolder(folder);
        var problems = parsed.Problems.ToList();
        var curation = ReadCuration(folder, problems);
        var stories = curation is null ? parsed.Stories : StoryCurator.Apply(parsed.Stories, curation, problems);
        await taxonomy.EnsureLoadedAsync(cancellationToken);
        var filedUnder = await taxonomy.ReadAsync(cancellationToken);
        stories = stories.Select(s => StoryFiling.File(s, filedUnder)).ToList();

        var outcome = await writer.WriteAsync(stories, cancellationToken);
        if (curation is not null)
        {
            problems.AddRange(await curator.ApplyAsync(curation, cancellationToken));
        }

        if (outcome.Created + outcome.Updated > 0 || curation is not null)
        {
            await cache.InvalidateAsync(cancellationToken);
        }

        outcome = outcome with { Problems = [.. problems, .. outcome.Problems] };
        logger.LogInformation(
            "Imported {Folder}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Kept} kept as edited, {Problems} problem(s)",
            folder, outcome.Created, outcome.Updated, outcome.Unchanged, outcome.KeptEditorChanges, outcome.Problems.Count);
        foreach (var problem in outcome.Problems)
        {
            logger.LogWarning("Import problem in {SourceFile}: {Message}", problem.SourceFile, problem.Message);
        }

        return outcome;
    }

    private static CurationFile? ReadCuration(string folder, List<ImportProblem> problems)
    {
        var path = Path.Combine(folder, CurationFile.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            problems.Add(new ImportProblem(CurationFile.FileName, SourceDocumentParser.FollowsNoLinks + " No curation was applied."));
            return null;
        }

        if (file.Length > CurationFile.MaxBytes)
        {
            problems.Add(new ImportProblem(CurationFile.FileName, $"The curation file is {file.Length / 1024:N0} KB, over the {CurationFile.MaxBytes / 1024:N0} KB limit; no curation was applied."));
            return null;
        }

        try
        {
            return CurationFile.Parse(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            problems.Add(new ImportProblem(CurationFile.FileName, $"The curation file is not valid ({e.Message}); no curation was applied."));
            return null;
        }
    }
}

using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories.Taxonomy;

namespace SocialCareStories.Web.Features.Import;

/// <summary>
/// <c>import FOLDER [--dry-run]</c>. A dry run prints one JSON document of what the folder holds and writes
/// nothing; otherwise the folder is imported into the store, one transaction per file.
/// </summary>
public static class ImportCommand
{
    public const int Succeeded = 0;
    public const int HadProblems = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var dryRun = args.Contains("--dry-run", StringComparer.Ordinal);
        var folders = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (folders.Count != 1)
        {
            await Console.Error.WriteLineAsync("usage: import FOLDER [--dry-run]");
            return Usage;
        }

        var folder = Path.GetFullPath(folders[0]);
        await using var scope = app.Services.CreateAsyncScope();
        if (dryRun)
        {
            var result = scope.ServiceProvider.GetRequiredService<SourceDocumentParser>().ParseFolder(folder);
            // A dry run reads no store: it files the posts under the folder's own taxonomy.json, else the shipped one.
            var taxonomy = Taxonomy.From(TaxonomyFile.Read(folder) ?? scope.ServiceProvider.GetRequiredService<TaxonomyLoader>().ShippedFile());
            result = result with { Stories = result.Stories.Select(s => StoryFiling.File(s, taxonomy)).ToList() };
            await Console.Out.WriteLineAsync(DryRunReport.ToJson(result));
            return result.Problems.Count == 0 ? Succeeded : HadProblems;
        }

        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().MigrateAsync();
        var outcome = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(folder);
        await Console.Out.WriteLineAsync(
            $"{outcome.Created} created, {outcome.Updated} updated, {outcome.Unchanged} unchanged, {outcome.KeptEditorChanges} kept as edited");
        foreach (var problem in outcome.Problems)
        {
            await Console.Out.WriteLineAsync($"problem: {problem.SourceFile}: {problem.Message}");
        }

        return outcome.Problems.Count == 0 ? Succeeded : HadProblems;
    }
}

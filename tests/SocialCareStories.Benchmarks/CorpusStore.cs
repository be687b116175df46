using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories.Taxonomy;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Benchmarks;

/// <summary>
/// Keeps generated corpora between runs: generating 100,000 stories takes about a minute, copying the file a
/// second or two. A corpus is reused only if everything it was made from is unchanged: the story count, the
/// generator (<see cref="GeneratorVersion"/>), the Markdown renderer's version, the seed texts, the taxonomy and the app's migrations. So a branch that adds a
/// migration, or edits the seeds, gets a fresh corpus automatically. Each run works on its own copy, so
/// whatever the app writes at start (roles, say) never leaks into the next run.
/// </summary>
internal static class CorpusStore
{
    /// <summary>Bump when <see cref="CorpusGenerator"/> changes what it writes.</summary>
    private const int GeneratorVersion = 3;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string DefaultFolder => Path.Combine(Path.GetTempPath(), "socialcarestories-benchmark-corpora");

    public static async Task<Corpus> GetAsync(string seedsFolder, string databasePath, int count, string? cacheFolder, bool fresh, CancellationToken cancellationToken)
    {
        if (cacheFolder is null)
        {
            return await CorpusGenerator.GenerateAsync(seedsFolder, databasePath, count, cancellationToken);
        }

        var key = Key(seedsFolder, count);
        var cachedDatabase = Path.Combine(cacheFolder, $"{key}.db");
        var cachedCorpus = Path.Combine(cacheFolder, $"{key}.json");
        if (!fresh && File.Exists(cachedDatabase) && File.Exists(cachedCorpus))
        {
            var corpus = JsonSerializer.Deserialize<Corpus>(await File.ReadAllTextAsync(cachedCorpus, cancellationToken), Json);
            if (corpus is { Slugs.Count: > 0 })
            {
                File.Copy(cachedDatabase, databasePath, overwrite: true);
                Console.WriteLine($"  reused the corpus generated earlier ({cachedDatabase}); --fresh regenerates it");
                return corpus;
            }
        }

        var generated = await CorpusGenerator.GenerateAsync(seedsFolder, databasePath, count, cancellationToken);
        Directory.CreateDirectory(cacheFolder);
        // One file without -wal/-shm companions, so a plain copy is the whole database.
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        // Written under temporary names and moved into place, so an interrupted run never leaves half a corpus.
        File.Copy(databasePath, cachedDatabase + ".partial", overwrite: true);
        await File.WriteAllTextAsync(cachedCorpus + ".partial", JsonSerializer.Serialize(generated, Json), cancellationToken);
        File.Move(cachedDatabase + ".partial", cachedDatabase, overwrite: true);
        File.Move(cachedCorpus + ".partial", cachedCorpus, overwrite: true);
        Console.WriteLine($"  kept for later runs in {cacheFolder}");
        return generated;
    }

    private static string Key(string seedsFolder, int count)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"generator {GeneratorVersion}; renderer {MarkdownRenderer.Version}; stories {count};"));
        using (var db = new StoriesDbContext(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite("Data Source=:memory:").Options, TimeProvider.System))
        {
            foreach (var migration in db.Database.GetMigrations())
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"migration {migration};"));
            }
        }

        // The seed texts the sentences come from, and the taxonomy the stories are filed under.
        foreach (var file in Directory.EnumerateFiles(seedsFolder, "*.txt").Append(Path.Combine(seedsFolder, TaxonomyFile.FileName)).Where(File.Exists).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return $"stories-{count}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }
}

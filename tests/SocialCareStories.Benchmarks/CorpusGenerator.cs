using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Categories.Taxonomy;
using SocialCareStories.Web.Features.Shared;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Benchmarks;

/// <summary>
/// What the generator made: the slugs to request, words of known frequency to search for, and the query strings of
/// filtered listings (<c>sector=…&amp;theme=…&amp;year=…</c>, every theme under its sector in every year the stories span).
/// </summary>
internal sealed record Corpus(
    int Stories,
    IReadOnlyList<string> Slugs,
    TimeSpan GenerationTime,
    long DatabaseBytes,
    IReadOnlyList<SearchWord> SearchWords,
    IReadOnlyList<string> ListingFilters);

/// <summary>A word to search for and in how many stories it occurs (estimated from a sample for the common ones).</summary>
internal sealed record SearchWord(string Label, string Word, int StoriesContaining);

/// <summary>
/// Writes a corpus of published stories straight into the app's tables. The text is sentences sampled from the
/// seed documents, so word frequencies look like real social-care writing rather than lorem ipsum. Rows go in
/// through the ordinary tables (any triggers, such as a search index's, do their own work) in one transaction
/// with prepared commands: EF Core change tracking would take minutes for 100,000 stories.
/// </summary>
internal static partial class CorpusGenerator
{
    public const string RareWord = "zephyrine";
    private const string CommonWord = "care";
    private const int RareStories = 20;
    private const int BodyTarget = 1500;
    private const int Seed = 20261123;

    private static readonly string[] DatabaseFileSuffixes = ["", "-wal", "-shm"];
    private static readonly string[] StoryKinds = [nameof(StoryKind.BlogPost), nameof(StoryKind.News), nameof(StoryKind.CaseStudy)];
    private static readonly string[] FirstNames = ["Amina", "Ben", "Chloe", "Dev", "Eleanor", "Femi", "Grace", "Harj", "Isla", "Jack", "Kiran", "Lucy", "Mo", "Niamh", "Owen", "Priya", "Rhys", "Sara", "Tom", "Una"];
    private static readonly string[] LastNames = ["Ahmed", "Brown", "Campbell", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nolan", "Patel"];
    private static readonly string[] Places = ["Leeds", "Bristol", "Norfolk", "Cumbria", "Kent", "Sheffield", "Devon", "Lancashire", "Essex", "Derby", "Hull", "Surrey"];
    private static readonly string[] OrganisationKinds = ["City Council", "Care Services", "Home Care", "Carers Centre", "Housing Trust"];
    private const int FirstYear = 2012;
    private const int Years = 14;

    // A story's number of themes: one for most, up to three (each theme brings its sector).
    private static readonly int[] ThemesPerStory = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3];

    private static readonly string[] TagNames =
    [
        "apprenticeships", "befriending", "carers", "co-production", "community", "dementia", "digital", "domiciliary care",
        "end of life", "extra care", "housing", "innovation", "integration", "isolation", "leadership", "learning disability",
        "mental health", "nutrition", "older people", "partnership", "personalisation", "recruitment", "reablement", "retention",
        "safeguarding", "technology", "training", "values", "volunteering", "wellbeing", "young carers", "autism",
    ];

    public static async Task<Corpus> GenerateAsync(string seedsFolder, string databasePath, int count, CancellationToken cancellationToken)
    {
        var sentences = LoadSentences(seedsFolder);
        Console.WriteLine($"  {sentences.Count} sentences sampled from {seedsFolder}");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();

        var clock = Stopwatch.StartNew();
        // The stored HTML is rendered as the app's saves render it, so the app starts with nothing to render again.
        var renderer = new MarkdownRenderer();
        // The app's own migrations, so the schema (and any triggers a later migration adds) is exactly what it runs on.
        await using (var db = new StoriesDbContext(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite(connectionString).Options, TimeProvider.System, renderer))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        var random = new Random(Seed);
        var slugs = new List<string>(count);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var sampled = 0;

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // A throwaway file: durability is not what is being measured, and fsyncs would dominate the insert.
        await ExecuteAsync(connection, null, "PRAGMA synchronous = OFF;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        var organisations = await InsertNamedAsync(connection, transaction, "Organisations",
            Places.SelectMany(p => OrganisationKinds.Select(k => $"{p} {k}")).ToList(), cancellationToken);
        var authors = await InsertAuthorsAsync(connection, transaction, organisations, random, cancellationToken);
        var taxonomy = TaxonomyFile.Read(seedsFolder) is { Sectors.Count: > 0 } file
            ? file
            : throw new InvalidOperationException($"No sectors in {Path.Combine(seedsFolder, TaxonomyFile.FileName)} to file the corpus under");
        var themes = await InsertTaxonomyAsync(connection, transaction, taxonomy, cancellationToken);
        var themeWeights = Skewed(themes.Count, random);
        var tags = await InsertNamedAsync(connection, transaction, "Tags", TagNames, cancellationToken);
        var collections = await InsertCollectionsAsync(connection, transaction, taxonomy, cancellationToken);

        await using var story = Prepare(connection, transaction,
            """
            INSERT INTO Stories (Kind, Title, Slug, Summary, BodyMarkdown, BodyHtml, BodyHtmlVersion, Status, CreatedAt, UpdatedAt, NeedsReview, Version, PublishedYear, PublishedMonth, PublishedDay)
            VALUES ($kind, $title, $slug, $summary, $body, $html, $htmlVersion, $status, $created, $updated, 0, $version, $year, $month, $day)
            RETURNING Id
            """,
            "$kind", "$title", "$slug", "$summary", "$body", "$html", "$htmlVersion", "$status", "$created", "$updated", "$version", "$year", "$month", "$day");
        await using var storyAuthor = Prepare(connection, transaction,
            "INSERT INTO StoryAuthors (StoryId, AuthorId, Position) VALUES ($story, $author, $position)", "$story", "$author", "$position");
        await using var storyCategory = Prepare(connection, transaction,
            "INSERT INTO StoryCategories (StoriesId, CategoriesId) VALUES ($story, $category)", "$story", "$category");
        await using var storyTag = Prepare(connection, transaction,
            "INSERT INTO StoryTags (StoriesId, TagsId) VALUES ($story, $tag)", "$story", "$tag");

        var rareEvery = count / RareStories;
        var body = new StringBuilder(BodyTarget * 2);
        for (var i = 0; i < count; i++)
        {
            var title = Title(sentences[random.Next(sentences.Count)], random);
            var slug = $"{Slugify(title)}-{i + 1}";
            slugs.Add(slug);
            var summary = sentences[random.Next(sentences.Count)];
            BuildBody(body, sentences, random, rare: i % rareEvery == rareEvery / 2 && i / rareEvery < RareStories);
            var text = body.ToString();
            var published = new DateOnly(FirstYear, 1, 1).AddDays(random.Next(Years * 365));
            var created = new DateTimeOffset(published.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

            Bind(story, StoryKinds[random.Next(StoryKinds.Length)], title, slug, summary, text, renderer.ToSafeHtml(text), MarkdownRenderer.Version, nameof(StoryStatus.Published),
                DateText(created), DateText(created.AddDays(random.Next(30))), Guid.NewGuid().ToString().ToUpperInvariant(),
                published.Year, published.Month, published.Day);
            var id = (long)(await story.ExecuteScalarAsync(cancellationToken))!;

            var authorCount = random.Next(5) == 0 ? 2 : 1;
            var firstAuthor = random.Next(authors.Count);
            for (var a = 0; a < authorCount; a++)
            {
                Bind(storyAuthor, id, authors[(firstAuthor + (a * 7)) % authors.Count], a);
                await storyAuthor.ExecuteNonQueryAsync(cancellationToken);
            }

            // One to three themes, popular ones far more often than rare ones, each with its sector (once).
            var categories = new SortedSet<long>();
            var themeCount = ThemesPerStory[random.Next(ThemesPerStory.Length)];
            for (var chosen = 0; chosen < themeCount;)
            {
                var theme = themes[Pick(themeWeights, random)];
                if (categories.Add(theme.Id))
                {
                    categories.Add(theme.ParentId);
                    chosen++;
                }
            }

            foreach (var category in categories)
            {
                Bind(storyCategory, id, category);
                await storyCategory.ExecuteNonQueryAsync(cancellationToken);
            }

            var tagCount = random.Next(4);
            var firstTag = random.Next(tags.Count);
            for (var t = 0; t < tagCount; t++)
            {
                Bind(storyTag, id, tags[(firstTag + (t * 5)) % tags.Count]);
                await storyTag.ExecuteNonQueryAsync(cancellationToken);
            }

            // About one story in twelve in the first collection (the source site's "Fabulous Stuff"), fewer in any other.
            for (var c = 0; c < collections.Count; c++)
            {
                if (random.Next(12 * (c + 1)) == 0)
                {
                    Bind(storyTag, id, collections[c]);
                    await storyTag.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            // Word frequencies from every tenth story: enough to pick a mid-frequency word, cheap enough not to matter.
            if (i % 10 == 0)
            {
                sampled++;
                foreach (var word in Words(title + " " + summary + " " + text))
                {
                    frequencies[word] = frequencies.GetValueOrDefault(word) + 1;
                }
            }

            if ((i + 1) % 20_000 == 0)
            {
                Console.WriteLine($"  {i + 1:N0} stories ({clock.Elapsed.TotalSeconds:F1} s)");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        await connection.CloseAsync();
        clock.Stop();

        var scale = (double)count / sampled;
        var common = (int)(frequencies.GetValueOrDefault(CommonWord) * scale);
        // A word in about 2% of stories: frequent enough to page through, far from every story.
        var mid = frequencies
            .Where(f => f.Key.Length >= 5 && f.Key != CommonWord && f.Key != RareWord)
            .OrderBy(f => Math.Abs((f.Value * scale) - (count * 0.02)))
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .First();
        var words = new List<SearchWord>
        {
            new("common", CommonWord, common),
            new("mid-frequency", mid.Key, (int)(mid.Value * scale)),
            new("rare", RareWord, RareStories),
        };

        var bytes = DatabaseFileSuffixes.Select(s => new FileInfo(databasePath + s)).Where(f => f.Exists).Sum(f => f.Length);
        var filters = themes
            .SelectMany(t => Enumerable.Range(FirstYear, Years).Select(year => $"sector={t.SectorSlug}&theme={t.Slug}&year={year}"))
            .ToList();
        // Shuffled (seeded), so consecutive requests ask for different sectors, themes and years.
        new Random(Seed).Shuffle(CollectionsMarshal.AsSpan(filters));
        return new Corpus(count, slugs, clock.Elapsed, bytes, words, filters);
    }

    /// <summary>The seed texts cut into plain sentences; Markdown and HTML punctuation is dropped so the body renders as prose.</summary>
    private static List<string> LoadSentences(string seedsFolder)
    {
        var sentences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(seedsFolder, "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                foreach (var raw in SentenceEnd().Split(line.Replace('\u00a0', ' ').Trim()))
                {
                    var sentence = Whitespace().Replace(MarkupCharacters().Replace(raw, ""), " ").Trim();
                    if (sentence.Length is >= 40 and <= 300 && char.IsUpper(sentence[0]) && !sentence.Contains("http", StringComparison.OrdinalIgnoreCase))
                    {
                        sentences.Add(sentence);
                    }
                }
            }
        }

        return sentences.Count >= 50 ? sentences : throw new InvalidOperationException($"Too few sentences in {seedsFolder} to build a corpus");
    }

    private static void BuildBody(StringBuilder body, List<string> sentences, Random random, bool rare)
    {
        body.Clear();
        if (rare)
        {
            body.Append("Residents named the new garden room the ").Append(RareWord).Append(" after a favourite old song. ");
        }

        var inParagraph = 0;
        while (body.Length < BodyTarget)
        {
            body.Append(sentences[random.Next(sentences.Count)]);
            if (++inParagraph == 3)
            {
                body.Append("\n\n");
                inParagraph = 0;
            }
            else
            {
                body.Append(' ');
            }
        }
    }

    private static string Title(string sentence, Random random)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var title = string.Join(' ', words.Take(5 + random.Next(5)));
        return title.TrimEnd('.', ',', ';', ':', '!', '?', '-', '–');
    }

    private static string Slugify(string text)
    {
        var slug = NonSlug().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal);

    private static string DateText(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static async Task<List<long>> InsertNamedAsync(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await using var command = Prepare(connection, transaction, $"INSERT INTO {table} (Name, Slug) VALUES ($name, $slug) RETURNING Id", "$name", "$slug");
        var ids = new List<long>(names.Count);
        foreach (var name in names)
        {
            Bind(command, name, Slugify(name));
            ids.Add((long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        return ids;
    }

    private static async Task<List<long>> InsertAuthorsAsync(SqliteConnection connection, SqliteTransaction transaction, List<long> organisations, Random random, CancellationToken cancellationToken)
    {
        await using var command = Prepare(connection, transaction,
            "INSERT INTO Authors (Name, Slug, Role, OrganisationId) VALUES ($name, $slug, $role, $organisation) RETURNING Id", "$name", "$slug", "$role", "$organisation");
        var ids = new List<long>();
        foreach (var first in FirstNames)
        {
            foreach (var last in LastNames)
            {
                var name = $"{first} {last}";
                var employed = random.Next(3) > 0;
                Bind(command, name, Slugify(name), employed ? "Registered manager" : null, employed ? organisations[random.Next(organisations.Count)] : null);
                ids.Add((long)(await command.ExecuteScalarAsync(cancellationToken))!);
            }
        }

        return ids;
    }

    /// <summary>
    /// The taxonomy's sectors and themes with their descriptions and terms, as <see cref="TaxonomyLoader"/> writes them
    /// (same slugs), so the app finds a taxonomy already in the store and loads none on start.
    /// </summary>
    private static async Task<List<(long Id, long ParentId, string Slug, string SectorSlug)>> InsertTaxonomyAsync(
        SqliteConnection connection, SqliteTransaction transaction, TaxonomyFile taxonomy, CancellationToken cancellationToken)
    {
        await using var command = Prepare(connection, transaction,
            "INSERT INTO Categories (Name, Slug, ParentId, Description, Terms) VALUES ($name, $slug, $parent, $description, $terms) RETURNING Id",
            "$name", "$slug", "$parent", "$description", "$terms");
        var themes = new List<(long, long, string, string)>();
        foreach (var sector in taxonomy.Sectors)
        {
            var sectorSlug = Slugs.From(sector.Name);
            Bind(command, sector.Name, sectorSlug, null, sector.Description, CategoryTerms.Join(sector.Terms));
            var parent = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            foreach (var theme in sector.Themes)
            {
                var slug = Slugs.From($"{sectorSlug} {theme.Name}");
                Bind(command, theme.Name, slug, parent, theme.Description, CategoryTerms.Join(theme.Terms));
                themes.Add(((long)(await command.ExecuteScalarAsync(cancellationToken))!, parent, slug, sectorSlug));
            }
        }

        return themes;
    }

    /// <summary>The taxonomy's collections, each a tag marked as one.</summary>
    private static async Task<List<long>> InsertCollectionsAsync(SqliteConnection connection, SqliteTransaction transaction, TaxonomyFile taxonomy, CancellationToken cancellationToken)
    {
        await using var command = Prepare(connection, transaction,
            "INSERT INTO Tags (Name, Slug, IsCollection) VALUES ($name, $slug, 1) RETURNING Id", "$name", "$slug");
        var ids = new List<long>();
        foreach (var collection in taxonomy.Collections)
        {
            Bind(command, collection.Name, Slugs.From(collection.Name));
            ids.Add((long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        return ids;
    }

    /// <summary>Cumulative weights of <paramref name="count"/> items in a seeded random order, Zipf-like (1/rank): the first few themes get most stories.</summary>
    private static double[] Skewed(int count, Random random)
    {
        var ranks = Enumerable.Range(1, count).ToArray();
        random.Shuffle(ranks);
        var cumulative = new double[count];
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            total += 1.0 / ranks[i];
            cumulative[i] = total;
        }

        return cumulative;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z‘“""'])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[*_`#<>\[\]|\\~]")]
    private static partial Regex MarkupCharacters();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    [GeneratedRegex(@"\b[A-Za-z]{4,}\b")]
    private static partial Regex WordPattern();
}

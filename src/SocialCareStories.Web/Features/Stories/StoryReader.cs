using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Tags;

namespace SocialCareStories.Web.Features.Stories;

/// <param name="BodyHtml">The story's body as sanitised HTML (from <see cref="MarkdownRenderer.ToSafeHtml"/> only).</param>
public sealed record StoryView(
    Story Story,
    string BodyHtml,
    IReadOnlyList<AuthorView> Authors,
    IReadOnlyList<(string Path, string Slug)> Categories,
    IReadOnlyList<Comment> Comments,
    IReadOnlyList<CaseStudyView> CaseStudies,
    IReadOnlyList<StoryAward> Awards,
    IReadOnlyList<StorySummary> Related);

public sealed record AuthorView(string Name, string Slug, string? Role, string? OrganisationName, string? OrganisationSlug);

public sealed record CaseStudyView(string Title, string Slug, string? Place, string? Outcomes, IReadOnlyList<string> Organisations);

/// <summary>An award an entry linked to this story won or was listed for, e.g. "Accolades winner 2015".</summary>
public sealed record StoryAward(string Programme, int Year, string Category, AwardResult Result, string Organisation)
{
    public string Label => Result switch
    {
        AwardResult.Winner => $"{ShortProgramme} winner {Year}",
        AwardResult.HighlyCommended => $"{ShortProgramme} highly commended {Year}",
        _ => $"{ShortProgramme} shortlisted {Year}",
    };

    private string ShortProgramme => Programme.StartsWith("Skills for Care ", StringComparison.Ordinal) ? Programme["Skills for Care ".Length..] : Programme;
}

/// <summary>Everything a story page shows, in four commands: the story, its details, related ids, their summaries.</summary>
public sealed class StoryReader(IDbContextFactory<StoriesDbContext> contextFactory, MarkdownRenderer renderer)
{
    private const int RelatedCount = 4;
    private const int RelatedCandidateLinks = 400;

    /// <summary>How many of the best-ranked candidates are checked for being published before the four are chosen.</summary>
    private const int LeadingCandidates = 16;

    // Compiled once (per model: SQLite's and PostgreSQL's differ): translating the LINQ tree on every request
    // (parameter extraction, cache-key hashing) cost as much as running the query.
    private static readonly CompiledPerModel<Func<StoriesDbContext, string, CancellationToken, Task<Story?>>> PublishedStory = new(() => EF.CompileAsyncQuery(
        (StoriesDbContext db, string slug, CancellationToken _) => db.Stories.AsNoTracking()
            .SingleOrDefault(s => s.Slug == slug && s.Status == StoryStatus.Published)));

    private static readonly CompiledPerModel<Func<StoriesDbContext, int, CancellationToken, Task<Story?>>> AnyStory = new(() => EF.CompileAsyncQuery(
        (StoriesDbContext db, int id, CancellationToken _) => db.Stories.AsNoTracking()
            .SingleOrDefault(s => s.Id == id)));

    /// <summary>
    /// Everything around the story, as one command of seven statements read with NextResult: its tags, its
    /// categories with their parents, its authors, approved comments, case studies and their organisations, and
    /// the published awards it is linked to. Eight EF Core queries (three for the story's includes) cost more in
    /// EF Core's per-query work than in SQLite. Enums are stored as their names, as the model maps them. Quoted names
    /// and @-parameters read the same on SQLite and PostgreSQL.
    /// </summary>
    private const string DetailsSql = """
        SELECT t."Id", t."Name", t."Slug" FROM "StoryTags" AS st JOIN "Tags" AS t ON t."Id" = st."TagsId" WHERE st."StoriesId" = @story;
        SELECT c."Id", c."Name", c."Slug", p."Id", p."Name", p."Slug"
            FROM "StoryCategories" AS sc JOIN "Categories" AS c ON c."Id" = sc."CategoriesId" LEFT JOIN "Categories" AS p ON p."Id" = c."ParentId"
            WHERE sc."StoriesId" = @story;
        SELECT a."Name", a."Slug", a."Role", o."Name", o."Slug"
            FROM "StoryAuthors" AS sa JOIN "Authors" AS a ON a."Id" = sa."AuthorId" LEFT JOIN "Organisations" AS o ON o."Id" = a."OrganisationId"
            WHERE sa."StoryId" = @story ORDER BY sa."Position";
        SELECT "AuthorName", "Body" FROM "Comments" WHERE "StoryId" = @story AND "Status" = @approved ORDER BY "Position", "Id";
        SELECT "Id", "Title", "Slug", "Place", "Outcomes" FROM "CaseStudies" WHERE "StoryId" = @story ORDER BY "Title";
        SELECT co."CaseStudyId", o."Name"
            FROM "CaseStudies" AS c JOIN "CaseStudyOrganisations" AS co ON co."CaseStudyId" = c."Id" JOIN "Organisations" AS o ON o."Id" = co."OrganisationsId"
            WHERE c."StoryId" = @story ORDER BY co."CaseStudyId", co."OrganisationsId";
        SELECT p."Name", y."Year", c."Name", e."Result", o."Name"
            FROM "AwardEntries" AS e JOIN "AwardCategories" AS c ON c."Id" = e."CategoryId" JOIN "AwardYears" AS y ON y."Id" = c."YearId"
                JOIN "AwardProgrammes" AS p ON p."Id" = y."ProgrammeId" JOIN "Organisations" AS o ON o."Id" = e."OrganisationId"
            WHERE e."StoryId" = @story AND y."IsPublished" AND e."Result" <> @notYetAnnounced
            ORDER BY y."Year" DESC, CASE e."Result" WHEN @winner THEN 3 WHEN @highlyCommended THEN 2 ELSE 1 END DESC;
        """;

    public async Task<StoryView?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // One connection for the page's queries, rather than EF Core opening and closing it around each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (await PublishedStory.For(db)(db, slug, cancellationToken) is not { } story)
        {
            return null;
        }

        var html = renderer.StoredOrRendered(story.BodyHtml, story.BodyHtmlVersion, story.BodyMarkdown);
        return await ViewOfAsync(db, story, html, cancellationToken);
    }

    /// <summary>A story whatever its status, for the editors' preview: never for readers.</summary>
    public async Task<StoryView?> FindForPreviewAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Rendered now rather than read: the preview shows what the current pipeline makes of the saved text.
        return await AnyStory.For(db)(db, id, cancellationToken) is { } story
            ? await ViewOfAsync(db, story, renderer.ToSafeHtml(story.BodyMarkdown), cancellationToken)
            : null;
    }

    private static async Task<StoryView> ViewOfAsync(StoriesDbContext db, Story story, string bodyHtml, CancellationToken cancellationToken)
    {
        var authors = new List<AuthorView>();
        var comments = new List<Comment>();
        var caseStudies = new List<(int Id, string Title, string Slug, string? Place, string? Outcomes)>();
        var caseStudyOrganisations = new List<(int CaseStudyId, string Name)>();
        var awards = new List<StoryAward>();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = DetailsSql;
            AddParameter(command, "@story", story.Id);
            AddParameter(command, "@approved", nameof(ModerationStatus.Approved));
            AddParameter(command, "@notYetAnnounced", nameof(AwardResult.NotYetAnnounced));
            AddParameter(command, "@winner", nameof(AwardResult.Winner));
            AddParameter(command, "@highlyCommended", nameof(AwardResult.HighlyCommended));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                story.Tags.Add(new Tag { Id = reader.GetInt32(0), Name = reader.GetString(1), Slug = reader.GetString(2) });
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var parent = reader.IsDBNull(3) ? null : new Category { Id = reader.GetInt32(3), Name = reader.GetString(4), Slug = reader.GetString(5) };
                story.Categories.Add(new Category { Id = reader.GetInt32(0), Name = reader.GetString(1), Slug = reader.GetString(2), ParentId = parent?.Id, Parent = parent });
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                authors.Add(new AuthorView(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3), NullableString(reader, 4)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                comments.Add(new Comment { StoryId = story.Id, AuthorName = NullableString(reader, 0), Body = reader.GetString(1), Status = ModerationStatus.Approved });
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                caseStudies.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                caseStudyOrganisations.Add((reader.GetInt32(0), reader.GetString(1)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                awards.Add(new StoryAward(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), Enum.Parse<AwardResult>(reader.GetString(3)), reader.GetString(4)));
            }
        }

        var organisationsOf = caseStudyOrganisations.ToLookup(o => o.CaseStudyId, o => o.Name);
        var caseStudyViews = caseStudies.Select(c => new CaseStudyView(c.Title, c.Slug, c.Place, c.Outcomes, organisationsOf[c.Id].ToList())).ToList();
        var related = await RelatedAsync(db, story, cancellationToken);
        var categories = story.Categories.Select(c => (c.Path.Replace(" > ", " › ", StringComparison.Ordinal), c.Slug)).OrderBy(c => c.Item1, StringComparer.OrdinalIgnoreCase).ToList();
        return new StoryView(story, bodyHtml, authors, categories, comments, caseStudyViews, awards, related);
    }

    private static string? NullableString(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// The stories most alike this one: those sharing the most categories and tags, newest first among equals.
    /// Candidates are the newest <see cref="RelatedCandidateLinks"/> links from the join tables, so the cost stays
    /// flat however many stories share a busy category; scoring every story made an uncached page take about
    /// 200 ms at 100,000 stories. Those newest links are gathered per category and per tag, each an index range
    /// read newest first (a link in the newest 400 overall is among the newest 400 of its own category or tag).
    /// </summary>
    /// <remarks>
    /// One SQL statement does the gathering, the counting and the ranking, and returns only the ids shown:
    /// reading the ~2,000 candidate links into .NET one row at a time and ranking them there was two thirds
    /// of an uncached story page. The statement's shape depends only on how many categories and tags the story
    /// has; the ids themselves are parameters.
    /// The published check is an EXISTS rather than a join: with a join, the SQLite bundled with the app (3.53)
    /// chose to read every published story's entry in the Status index and probe the few hundred candidates,
    /// ~11 ms per page at 100,000 stories, against ~1 ms for a primary-key lookup per candidate. And it runs on
    /// the <see cref="LeadingCandidates"/> best-ranked only: both engines otherwise looked up every one of the ~300
    /// candidates before sorting, which on PostgreSQL was 3–9 ms of a page (0.5 ms this way), on SQLite a fifth
    /// of the statement. When fewer than four of those are published, the statement runs again over all of them.
    /// </remarks>
    private static async Task<IReadOnlyList<StorySummary>> RelatedAsync(StoriesDbContext db, Story story, CancellationToken cancellationToken)
    {
        if (story.Categories.Count + story.Tags.Count == 0)
        {
            return [];
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        var ranges = new List<string>(story.Categories.Count + story.Tags.Count);
        void AddRange(string table, string column, int id)
        {
            var name = $"@l{ranges.Count}";
            ranges.Add($"SELECT \"StoriesId\" FROM (SELECT \"StoriesId\" FROM \"{table}\" WHERE \"{column}\" = {name} AND \"StoriesId\" <> @story ORDER BY \"StoriesId\" DESC LIMIT @candidates) AS \"l{ranges.Count}\"");
            AddParameter(command, name, id);
        }

        foreach (var category in story.Categories)
        {
            AddRange("StoryCategories", "CategoriesId", category.Id);
        }

        foreach (var tag in story.Tags)
        {
            AddRange("StoryTags", "TagsId", tag.Id);
        }

        command.CommandText = $"""
            WITH "Links"("Id") AS ({string.Join(" UNION ALL ", ranges)}),
            "Newest"("Id") AS (SELECT "Id" FROM "Links" ORDER BY "Id" DESC LIMIT @candidates),
            "Ranked"("Id", "Shared") AS (SELECT "Id", count(*) FROM "Newest" GROUP BY "Id"),
            "Leading"("Id", "Shared") AS (SELECT "Id", "Shared" FROM "Ranked" ORDER BY "Shared" DESC, "Id" DESC LIMIT @leading)
            SELECT "Leading"."Id" FROM "Leading"
            WHERE EXISTS (SELECT 1 FROM "Stories" WHERE "Stories"."Id" = "Leading"."Id" AND "Stories"."Status" = @published)
            ORDER BY "Leading"."Shared" DESC, "Leading"."Id" DESC
            LIMIT @count
            """;
        AddParameter(command, "@story", story.Id);
        AddParameter(command, "@candidates", RelatedCandidateLinks);
        AddParameter(command, "@published", nameof(StoryStatus.Published));
        AddParameter(command, "@count", RelatedCount);
        var leading = AddParameter(command, "@leading", LeadingCandidates);

        var ids = await ReadIdsAsync(command, cancellationToken);
        if (ids.Count < RelatedCount)
        {
            // Fewer than four of the leading candidates are published (drafts among the newest, or a small
            // category): check every candidate, which is exactly the ranking without the shortcut.
            leading.Value = RelatedCandidateLinks;
            ids = await ReadIdsAsync(command, cancellationToken);
        }

        return await StoryCatalogue.SummariesAsync(db, ids, cancellationToken);
    }

    private static async Task<List<int>> ReadIdsAsync(System.Data.Common.DbCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<int>(RelatedCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private static System.Data.Common.DbParameter AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Media;
using SocialCareStories.Web.Features.Tags;

namespace SocialCareStories.Web.Features.Stories;

/// <param name="Story">What a page shows of the story: its text, kind, status, date, source, categories and tags (not its revisions, timestamps or import bookkeeping).</param>
/// <param name="BodyHtml">The story's body as sanitised HTML (from <see cref="MarkdownRenderer.ToSafeHtml"/> only).</param>
public sealed record StoryView(
    Story Story,
    string BodyHtml,
    IReadOnlyList<AuthorView> Authors,
    IReadOnlyList<(string Path, string Slug)> Categories,
    IReadOnlyList<Comment> Comments,
    IReadOnlyList<CaseStudyView> CaseStudies,
    IReadOnlyList<StoryAward> Awards,
    IReadOnlyList<StorySummary> Related)
{
    /// <summary>The image at the top of the story and on its social card, if it has one.</summary>
    public ImageRef? FeatureImage { get; init; }
}

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

    /// <summary>Who won it and in which category, leaving out a category the source never named.</summary>
    public string Description => AwardCategoryNames.ForReaders(Category) is { } category ? $"{Organisation}, {category}" : Organisation;
}

/// <summary>
/// One badge on a story page. Awards with the same visible label share one badge, so a story linked to two 2015
/// winners says "Accolades winner 2015" once rather than twice; its hidden text names every award it stands for.
/// </summary>
public sealed record StoryAwardBadge(string Label, int Year, string For)
{
    /// <summary>The badges in the order the awards come (newest year, best result first).</summary>
    public static IReadOnlyList<StoryAwardBadge> From(IEnumerable<StoryAward> awards) =>
        awards.GroupBy(a => (a.Label, a.Year))
            .Select(g => new StoryAwardBadge(g.Key.Label, g.Key.Year, string.Join("; ", g.Select(a => a.Description).Distinct(StringComparer.Ordinal))))
            .ToList();
}

/// <summary>Everything a story page shows, in two commands: the story with its details, then the related stories' summaries.</summary>
public sealed class StoryReader(ReadConnections reads, MarkdownRenderer renderer, RelatedCandidates candidates)
{
    private const int RelatedCount = 4;
    private const int SpareRelated = 2;

    /// <summary>
    /// The story and everything around it, as one command of nine statements read with NextResult: the story's
    /// row, its tags, its categories with their parents, its authors, approved comments, case studies and their
    /// organisations, the published awards it is linked to, and its feature image. As EF Core queries (a compiled one for the story,
    /// eight more for the rest) they cost more in EF Core's per-query work than in SQLite.
    /// <paramref name="findStory"/> is how the story is found, <paramref name="storyId"/> its id in the statements
    /// after the first: by slug for readers (an index seek in each statement), by id for the preview. Enums are stored as their names, as the model maps them; the names
    /// are written into the text, leaving one parameter to bind in each statement. Quoted names and @-parameters
    /// read the same on SQLite and PostgreSQL.
    /// </summary>
    private static string StoryAndDetailsSql(string findStory, string storyId) => $"""
        SELECT "Id", "Kind", "Title", "Slug", "Summary", "BodyMarkdown", "BodyHtml", "BodyHtmlVersion", "Status",
            "PublishedYear", "PublishedMonth", "PublishedDay", "SourcePublication", "SourceUrl", "EditedAt"
            FROM "Stories" WHERE {findStory};
        SELECT t."Id", t."Name", t."Slug" FROM "StoryTags" AS st JOIN "Tags" AS t ON t."Id" = st."TagsId" WHERE st."StoriesId" = {storyId};
        SELECT c."Id", c."Name", c."Slug", p."Id", p."Name", p."Slug"
            FROM "StoryCategories" AS sc JOIN "Categories" AS c ON c."Id" = sc."CategoriesId" LEFT JOIN "Categories" AS p ON p."Id" = c."ParentId"
            WHERE sc."StoriesId" = {storyId};
        SELECT a."Name", a."Slug", a."Role", o."Name", o."Slug"
            FROM "StoryAuthors" AS sa JOIN "Authors" AS a ON a."Id" = sa."AuthorId" LEFT JOIN "Organisations" AS o ON o."Id" = a."OrganisationId"
            WHERE sa."StoryId" = {storyId} ORDER BY sa."Position";
        SELECT "AuthorName", "Body" FROM "Comments" WHERE "StoryId" = {storyId} AND "Status" = '{nameof(ModerationStatus.Approved)}' ORDER BY "Position", "Id";
        SELECT "Id", "Title", "Slug", "Place", "Outcomes" FROM "CaseStudies" WHERE "StoryId" = {storyId} ORDER BY "Title";
        SELECT co."CaseStudyId", o."Name"
            FROM "CaseStudies" AS c JOIN "CaseStudyOrganisations" AS co ON co."CaseStudyId" = c."Id" JOIN "Organisations" AS o ON o."Id" = co."OrganisationsId"
            WHERE c."StoryId" = {storyId} ORDER BY co."CaseStudyId", co."OrganisationsId";
        SELECT p."Name", y."Year", c."Name", e."Result", o."Name"
            FROM "AwardEntries" AS e JOIN "AwardCategories" AS c ON c."Id" = e."CategoryId" JOIN "AwardYears" AS y ON y."Id" = c."YearId"
                JOIN "AwardProgrammes" AS p ON p."Id" = y."ProgrammeId" JOIN "Organisations" AS o ON o."Id" = e."OrganisationId"
            WHERE e."StoryId" = {storyId} AND y."IsPublished" AND e."Result" <> '{nameof(AwardResult.NotYetAnnounced)}'
            ORDER BY y."Year" DESC, CASE e."Result" WHEN '{nameof(AwardResult.Winner)}' THEN 3 WHEN '{nameof(AwardResult.HighlyCommended)}' THEN 2 ELSE 1 END DESC;
        SELECT {FeatureImageColumns("m")}
            FROM "MediaImages" AS m WHERE m."Id" = (SELECT "FeatureImageId" FROM "Stories" WHERE "Id" = {storyId});
        """;

    /// <summary>The columns <see cref="ReadImage"/> reads, from the MediaImages table under <paramref name="alias"/>.</summary>
    internal static string FeatureImageColumns(string alias) =>
        $"""{alias}."Id", {alias}."Hash", {alias}."Width", {alias}."Height", {alias}."AltText", {alias}."Caption", {alias}."Credit", {alias}."FocalX", {alias}."FocalY" """;

    internal static ImageRef? ReadImage(System.Data.Common.DbDataReader reader, int first) => reader.IsDBNull(first)
        ? null
        : new ImageRef(reader.GetInt32(first), reader.GetString(first + 1), reader.GetInt32(first + 2), reader.GetInt32(first + 3),
            reader.GetString(first + 4), reader.GetNullableString(first + 5), reader.GetNullableString(first + 6),
            reader.GetDouble(first + 7), reader.GetDouble(first + 8));

    private static readonly string PublishedBySlugSql = StoryAndDetailsSql(
        findStory: $"\"Slug\" = @slug AND \"Status\" = '{StoryVisibility.PublicStatusInSql}'",
        storyId: $"(SELECT \"Id\" FROM \"Stories\" WHERE \"Slug\" = @slug AND \"Status\" = '{StoryVisibility.PublicStatusInSql}')");

    private static readonly string AnyByIdSql = StoryAndDetailsSql(findStory: "\"Id\" = @id", storyId: "@id");

    public async Task<StoryView?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var read = await reads.OpenAsync(cancellationToken);
        return await ViewOfAsync(read, PublishedBySlugSql, ("@slug", slug), html: null, cancellationToken);
    }

    /// <summary>Where the published story that had <paramref name="formerSlug"/> before its slug changed lives now, if any.</summary>
    public async Task<string?> CurrentSlugAsync(string formerSlug, CancellationToken cancellationToken = default)
    {
        await using var read = await reads.OpenAsync(cancellationToken);
        await using var reader = await read.Command(CurrentSlugSql, ("@slug", formerSlug)).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetString(0) : null;
    }

    private const string CurrentSlugSql = $"""
        SELECT s."Slug" FROM "FormerSlugs" AS f JOIN "Stories" AS s ON s."Id" = f."StoryId"
        WHERE f."Slug" = @slug AND s."Status" = '{StoryVisibility.PublicStatusInSql}'
        """;

    /// <summary>A story whatever its status, for the editors' preview: never for readers.</summary>
    public async Task<StoryView?> FindForPreviewAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var read = await reads.OpenAsync(cancellationToken);
        // Rendered now rather than read: the preview shows what the current pipeline makes of the saved text.
        return await ViewOfAsync(read, AnyByIdSql, ("@id", id), html: renderer.ToSafeHtml, cancellationToken);
    }

    /// <param name="html">How the body becomes HTML; null for the HTML stored at save (or rendered if that is stale).</param>
    private async Task<StoryView?> ViewOfAsync(
        ReadConnection read, string sql, (string Name, object Value) key, Func<string, string>? html, CancellationToken cancellationToken)
    {
        Story? story = null;
        var authors = new List<AuthorView>();
        var comments = new List<Comment>();
        var caseStudies = new List<(int Id, string Title, string Slug, string? Place, string? Outcomes)>();
        var caseStudyOrganisations = new List<(int CaseStudyId, string Name)>();
        var awards = new List<StoryAward>();
        ImageRef? featureImage = null;
        string? storedHtml = null;
        var storedHtmlVersion = 0;
        await using (var reader = await read.Command(sql, key).ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            story = new Story
            {
                Id = reader.GetInt32(0),
                Kind = Enum.Parse<StoryKind>(reader.GetString(1)),
                Title = reader.GetString(2),
                Slug = reader.GetString(3),
                Summary = reader.GetNullableString(4),
                BodyMarkdown = reader.GetString(5),
                Status = Enum.Parse<StoryStatus>(reader.GetString(8)),
                PublishedOn = new PartialDate(reader.GetNullableInt32(9), reader.GetNullableInt32(10), reader.GetNullableInt32(11)),
                SourcePublication = reader.GetNullableString(12),
                SourceUrl = reader.GetNullableString(13),
                EditedAt = reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
            };
            storedHtml = reader.GetNullableString(6);
            storedHtmlVersion = reader.GetInt32(7);

            await reader.NextResultAsync(cancellationToken);
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
                authors.Add(new AuthorView(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetNullableString(4)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                comments.Add(new Comment { StoryId = story.Id, AuthorName = reader.GetNullableString(0), Body = reader.GetString(1), Status = ModerationStatus.Approved });
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                caseStudies.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetNullableString(4)));
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

            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                featureImage = ReadImage(reader, 0);
            }
        }

        var bodyHtml = html is not null ? html(story.BodyMarkdown) : renderer.StoredOrRendered(storedHtml, storedHtmlVersion, story.BodyMarkdown);
        var organisationsOf = caseStudyOrganisations.ToLookup(o => o.CaseStudyId, o => o.Name);
        var caseStudyViews = caseStudies.Select(c => new CaseStudyView(c.Title, c.Slug, c.Place, c.Outcomes, organisationsOf[c.Id].ToList())).ToList();
        var related = await RelatedAsync(read, story, cancellationToken);
        var categories = story.Categories.Select(c => (c.Path.Replace(" > ", " › ", StringComparison.Ordinal), c.Slug)).OrderBy(c => c.Item1, StringComparer.OrdinalIgnoreCase).ToList();
        return new StoryView(story, bodyHtml, authors, categories, comments, caseStudyViews, awards, related) { FeatureImage = featureImage };
    }

    /// <summary>
    /// The stories most alike this one: those sharing the most categories and tags, newest first among equals,
    /// ranked over the newest links to each of them (<see cref="RelatedCandidates"/>), so the cost stays flat however
    /// many stories share a busy category. A few more than are shown are asked for: a story unpublished on
    /// another instance can still be in this one's candidates for a moment, and the summaries leave it out.
    /// </summary>
    private async Task<IReadOnlyList<StorySummary>> RelatedAsync(ReadConnection read, Story story, CancellationToken cancellationToken)
    {
        var ids = await candidates.RankAsync(
            read, story.Id, story.Categories.Select(c => c.Id).ToList(), story.Tags.Select(t => t.Id).ToList(),
            RelatedCount + SpareRelated, cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var summaries = await StoryCatalogue.SummariesAsync(read, ids, cancellationToken);
        return summaries.Count > RelatedCount ? summaries.Take(RelatedCount).ToList() : summaries;
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace SocialCareStories.Web.Features.Search;

/// <summary>
/// The full-text index behind /search on PostgreSQL, the counterpart of SQLite's StorySearchIndex migration:
/// a "StorySearch" table with one row per published story (Id = story id) holding its text and a weighted
/// tsvector, kept in step by triggers so that every save updates it, whichever code makes the save. The
/// PostgresSearchIndex migration runs <see cref="Create"/>; the SQL lives here so a regenerated migration set
/// only has to call it again.
/// </summary>
/// <remarks>
/// The tsvector is a generated column over the row's own text: title weight A, summary B, authors and
/// organisations C, body D, so ts_rank can weigh them as bm25 does on SQLite. A generated column on Stories
/// itself could not see author and organisation names, which live in other tables. The text search
/// configuration `stories_english` is `english` (Snowball stemming: "recruit" finds "recruitment") with
/// accents folded by `unaccent` ("Cafe" finds "Café"), as `porter unicode61 remove_diacritics 2` does on SQLite.
/// Only published stories are indexed, and the search checks the status again.
/// </remarks>
public static class PostgresSearchIndex
{
    public const string Configuration = "stories_english";

    private const string SourceView = """
        CREATE VIEW "StorySearchSource" AS
        SELECT
            s."Id",
            s."Title",
            coalesce(s."Summary", '') AS "Summary",
            s."BodyMarkdown" AS "Body",
            coalesce((
                SELECT string_agg(a."Name", ', ' ORDER BY sa."Position")
                FROM "StoryAuthors" sa JOIN "Authors" a ON a."Id" = sa."AuthorId"
                WHERE sa."StoryId" = s."Id"), '') AS "Authors",
            coalesce((
                SELECT string_agg(n."Name", ', ') FROM (
                    SELECT o."Name"
                    FROM "StoryAuthors" sa
                    JOIN "Authors" a ON a."Id" = sa."AuthorId"
                    JOIN "Organisations" o ON o."Id" = a."OrganisationId"
                    WHERE sa."StoryId" = s."Id"
                    UNION
                    SELECT o."Name"
                    FROM "CaseStudies" c
                    JOIN "CaseStudyOrganisations" co ON co."CaseStudyId" = c."Id"
                    JOIN "Organisations" o ON o."Id" = co."OrganisationsId"
                    WHERE c."StoryId" = s."Id") n), '') AS "Organisations"
        FROM "Stories" s
        WHERE s."Status" = 'Published';
        """;

    /// <summary>Trigger name, the table and events it fires on, and an expression for the ids (an integer[]) of the stories it touches.</summary>
    private static readonly (string Name, string On, string StoryIds)[] Triggers =
    [
        ("Stories_Search", """INSERT OR DELETE OR UPDATE OF "Id", "Title", "Summary", "BodyMarkdown", "Status" ON "Stories" """,
            """ARRAY[OLD."Id", NEW."Id"]"""),
        ("StoryAuthors_Search", """INSERT OR DELETE OR UPDATE OF "StoryId", "AuthorId" ON "StoryAuthors" """,
            """ARRAY[OLD."StoryId", NEW."StoryId"]"""),
        ("Authors_Search", """UPDATE OF "Name", "OrganisationId" ON "Authors" """,
            """ARRAY(SELECT "StoryId" FROM "StoryAuthors" WHERE "AuthorId" = NEW."Id")"""),
        ("Organisations_Search", """UPDATE OF "Name" ON "Organisations" """, """
            ARRAY(SELECT sa."StoryId" FROM "StoryAuthors" sa JOIN "Authors" a ON a."Id" = sa."AuthorId" WHERE a."OrganisationId" = NEW."Id"
                  UNION
                  SELECT c."StoryId" FROM "CaseStudies" c JOIN "CaseStudyOrganisations" co ON co."CaseStudyId" = c."Id" WHERE co."OrganisationsId" = NEW."Id")
            """),
        ("CaseStudies_Search", """DELETE OR UPDATE OF "StoryId" ON "CaseStudies" """,
            """ARRAY[OLD."StoryId", NEW."StoryId"]"""),
        ("CaseStudyOrganisations_Search", """INSERT OR DELETE ON "CaseStudyOrganisations" """,
            """ARRAY(SELECT "StoryId" FROM "CaseStudies" WHERE "Id" IN (OLD."CaseStudyId", NEW."CaseStudyId"))"""),
    ];

    /// <summary>The names of the index's triggers, for the test that checks none went missing.</summary>
    public static IEnumerable<string> TriggerNames => Triggers.Select(t => t.Name);

    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
        migrationBuilder.Sql($"""
            CREATE TEXT SEARCH CONFIGURATION {Configuration} (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION {Configuration}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
            """);
        migrationBuilder.Sql($"""
            CREATE TABLE "StorySearch" (
                "Id" integer PRIMARY KEY,
                "Title" text NOT NULL,
                "Summary" text NOT NULL,
                "Body" text NOT NULL,
                "Authors" text NOT NULL,
                "Organisations" text NOT NULL,
                "Document" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('{Configuration}', "Title"), 'A') ||
                    setweight(to_tsvector('{Configuration}', "Summary"), 'B') ||
                    setweight(to_tsvector('{Configuration}', "Authors"), 'C') ||
                    setweight(to_tsvector('{Configuration}', "Organisations"), 'C') ||
                    setweight(to_tsvector('{Configuration}', "Body"), 'D')) STORED);
            CREATE INDEX "IX_StorySearch_Document" ON "StorySearch" USING GIN ("Document");
            """);
        migrationBuilder.Sql(SourceView);

        // Each trigger rebuilds the index rows of the stories it touches from the view: simpler and safer than
        // patching columns, and a story that is no longer published simply is not re-inserted.
        migrationBuilder.Sql("""
            CREATE FUNCTION "StorySearch_Refresh"(story_ids integer[]) RETURNS void LANGUAGE sql AS $$
                DELETE FROM "StorySearch" WHERE "Id" = ANY(story_ids);
                INSERT INTO "StorySearch"("Id", "Title", "Summary", "Body", "Authors", "Organisations")
                    SELECT "Id", "Title", "Summary", "Body", "Authors", "Organisations" FROM "StorySearchSource" WHERE "Id" = ANY(story_ids);
            $$;
            """);
        foreach (var (name, on, storyIds) in Triggers)
        {
            // OLD is null on INSERT and NEW on DELETE, so one expression serves every event.
            migrationBuilder.Sql($"""
                CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM "StorySearch_Refresh"({storyIds});
                    RETURN NULL;
                END;
                $$;
                CREATE TRIGGER "{name}" AFTER {on} FOR EACH ROW EXECUTE FUNCTION "{name}"();
                """);
        }

        migrationBuilder.Sql("""SELECT "StorySearch_Refresh"(ARRAY(SELECT "Id" FROM "Stories"));""");
    }

    /// <summary>
    /// For a bulk copy (copy-store): switches the index's triggers off, so that each story is not indexed again as
    /// each of its rows arrives (a story, then its authors, then its case studies). Transactional, like
    /// <see cref="ResumeAndRebuildSql"/>, which must follow in the same transaction.
    /// </summary>
    public static IEnumerable<string> SuspendSql() =>
        Triggers.Select(t => $"""ALTER TABLE {TableOf(t.On)} DISABLE TRIGGER "{t.Name}";""");

    /// <summary>Switches the triggers back on and indexes every story once.</summary>
    public static IEnumerable<string> ResumeAndRebuildSql() =>
        Triggers.Select(t => $"""ALTER TABLE {TableOf(t.On)} ENABLE TRIGGER "{t.Name}";""")
            .Append("""SELECT "StorySearch_Refresh"(ARRAY(SELECT "Id" FROM "Stories"));""");

    private static string TableOf(string on) => on[(on.LastIndexOf(" ON ", StringComparison.Ordinal) + 4)..].Trim();

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, on, _) in Triggers)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{name}" ON {TableOf(on)}; DROP FUNCTION IF EXISTS "{name}"();""");
        }

        migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "StorySearch_Refresh"(integer[]);""");
        migrationBuilder.Sql("""DROP VIEW IF EXISTS "StorySearchSource";""");
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "StorySearch";""");
        migrationBuilder.Sql($"DROP TEXT SEARCH CONFIGURATION IF EXISTS {Configuration};");
    }
}

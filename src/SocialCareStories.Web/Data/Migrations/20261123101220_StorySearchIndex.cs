using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCareStories.Web.Data.Migrations;

/// <summary>
/// The full-text index behind /search: an FTS5 table with one row per published story (rowid = Stories.Id),
/// kept in step by triggers so that every save updates it, whichever code makes the save (import, curation,
/// an editor, a test writing through the DbContext).
/// </summary>
/// <remarks>
/// A regular FTS5 table (it keeps its own copy of the text) rather than an external-content one: the indexed
/// row gathers text from four tables (author and organisation names), which no single content table holds,
/// and snippet() needs the text. A contentless table could not give snippets, and deleting from it needs the
/// old values.
///
/// Tokenizer: `porter unicode61 remove_diacritics 2`. Readers search in plain English, so the Porter stemmer
/// lets "recruit" find "recruitment" and "carers" find "carer"; unicode61 with remove_diacritics 2 folds case
/// and accents ("Cafe" finds "Café"). Names are stemmed too, but query and text are stemmed alike, so an
/// exact name still matches.
///
/// Only published stories are indexed (the source view filters on Status), and the search service checks the
/// status again, so a draft never appears in results.
///
/// Trap for later migrations: when EF Core has to rebuild a SQLite table (most column changes), it drops the
/// old table and with it that table's triggers. A migration that rebuilds Stories, StoryAuthors, Authors,
/// Organisations, CaseStudies or CaseStudyOrganisations must recreate the search triggers
/// (SearchIndexTests checks they all exist).
/// </remarks>
public partial class StorySearchIndex : Migration
{
    // The text of each published story as the index holds it. Author order does not matter to search.
    private const string SourceView = """
        CREATE VIEW StorySearchSource AS
        SELECT
            s.Id AS Id,
            s.Title AS Title,
            coalesce(s.Summary, '') AS Summary,
            s.BodyMarkdown AS Body,
            coalesce((
                SELECT group_concat(a.Name, ', ')
                FROM StoryAuthors sa JOIN Authors a ON a.Id = sa.AuthorId
                WHERE sa.StoryId = s.Id), '') AS Authors,
            coalesce((
                SELECT group_concat(Name, ', ') FROM (
                    SELECT o.Name AS Name
                    FROM StoryAuthors sa
                    JOIN Authors a ON a.Id = sa.AuthorId
                    JOIN Organisations o ON o.Id = a.OrganisationId
                    WHERE sa.StoryId = s.Id
                    UNION
                    SELECT o.Name
                    FROM CaseStudies c
                    JOIN CaseStudyOrganisations co ON co.CaseStudyId = c.Id
                    JOIN Organisations o ON o.Id = co.OrganisationsId
                    WHERE c.StoryId = s.Id)), '') AS Organisations
        FROM Stories s
        WHERE s.Status = 'Published';
        """;

    /// <summary>Trigger name and the SQL that fires it, with the ids (a list or a SELECT) of the stories it touches.</summary>
    private static readonly (string Name, string Event, string StoryIds)[] Triggers =
    [
        ("Stories_Search_Insert", "AFTER INSERT ON Stories", "NEW.Id"),
        ("Stories_Search_Update", "AFTER UPDATE OF Id, Title, Summary, BodyMarkdown, Status ON Stories", "OLD.Id, NEW.Id"),
        ("Stories_Search_Delete", "AFTER DELETE ON Stories", "OLD.Id"),
        ("StoryAuthors_Search_Insert", "AFTER INSERT ON StoryAuthors", "NEW.StoryId"),
        ("StoryAuthors_Search_Update", "AFTER UPDATE OF StoryId, AuthorId ON StoryAuthors", "OLD.StoryId, NEW.StoryId"),
        ("StoryAuthors_Search_Delete", "AFTER DELETE ON StoryAuthors", "OLD.StoryId"),
        ("Authors_Search_Update", "AFTER UPDATE OF Name, OrganisationId ON Authors",
            "SELECT StoryId FROM StoryAuthors WHERE AuthorId = NEW.Id"),
        ("Organisations_Search_Update", "AFTER UPDATE OF Name ON Organisations", """
            SELECT sa.StoryId FROM StoryAuthors sa JOIN Authors a ON a.Id = sa.AuthorId WHERE a.OrganisationId = NEW.Id
            UNION
            SELECT c.StoryId FROM CaseStudies c JOIN CaseStudyOrganisations co ON co.CaseStudyId = c.Id WHERE co.OrganisationsId = NEW.Id
            """),
        ("CaseStudies_Search_Update", "AFTER UPDATE OF StoryId ON CaseStudies", "OLD.StoryId, NEW.StoryId"),
        ("CaseStudies_Search_Delete", "AFTER DELETE ON CaseStudies", "OLD.StoryId"),
        ("CaseStudyOrganisations_Search_Insert", "AFTER INSERT ON CaseStudyOrganisations",
            "SELECT StoryId FROM CaseStudies WHERE Id = NEW.CaseStudyId"),
        ("CaseStudyOrganisations_Search_Delete", "AFTER DELETE ON CaseStudyOrganisations",
            "SELECT StoryId FROM CaseStudies WHERE Id = OLD.CaseStudyId"),
    ];

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE StorySearch USING fts5(
                Title, Summary, Body, Authors, Organisations,
                tokenize = 'porter unicode61 remove_diacritics 2');
            """);
        migrationBuilder.Sql(SourceView);

        // Each trigger rebuilds the index rows of the stories it touches from the view: simpler and safer than
        // patching columns, and a story that is no longer published simply is not re-inserted.
        foreach (var (name, on, storyIds) in Triggers)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER {name} {on}
                BEGIN
                    DELETE FROM StorySearch WHERE rowid IN ({storyIds});
                    INSERT INTO StorySearch(rowid, Title, Summary, Body, Authors, Organisations)
                        SELECT Id, Title, Summary, Body, Authors, Organisations FROM StorySearchSource WHERE Id IN ({storyIds});
                END;
                """);
        }

        migrationBuilder.Sql("""
            INSERT INTO StorySearch(rowid, Title, Summary, Body, Authors, Organisations)
                SELECT Id, Title, Summary, Body, Authors, Organisations FROM StorySearchSource;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, _, _) in Triggers)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
        }

        migrationBuilder.Sql("DROP VIEW IF EXISTS StorySearchSource;");
        migrationBuilder.Sql("DROP TABLE IF EXISTS StorySearch;");
    }
}

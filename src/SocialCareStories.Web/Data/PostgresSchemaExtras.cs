using Microsoft.EntityFrameworkCore.Migrations;
using SocialCareStories.Web.Features.Search;

namespace SocialCareStories.Web.Data;

/// <summary>
/// What the PostgreSQL schema holds beyond the EF Core model, as SQLite's raw-SQL migrations add it there: the
/// search index (<see cref="PostgresSearchIndex"/>) and the two covering indexes the reader queries walk. The
/// PostgresSchemaExtras migration calls <see cref="Create"/>; a regenerated migration set calls it again
/// (docs/decisions/ADR-008).
/// </summary>
public static class PostgresSchemaExtras
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        // Published stories newest first by year (the story facets' read) and related stories' newest links per tag.
        migrationBuilder.Sql("""CREATE INDEX "IX_Stories_Status_PublishedYear" ON "Stories" ("Status", "PublishedYear");""");
        migrationBuilder.Sql("""CREATE INDEX "IX_StoryTags_TagsId_StoriesId" ON "StoryTags" ("TagsId", "StoriesId");""");
        PostgresSearchIndex.Create(migrationBuilder);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        PostgresSearchIndex.Drop(migrationBuilder);
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_StoryTags_TagsId_StoriesId";""");
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Stories_Status_PublishedYear";""");
    }
}

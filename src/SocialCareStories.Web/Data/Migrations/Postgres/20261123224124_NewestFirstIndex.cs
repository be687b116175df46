using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCareStories.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NewestFirstIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The SQLite set's NewestFirstIndex, with quoted identifiers: listings and feeds read published stories in
            // StoryOrdering.NewestFirst's order, and these expressions are the ones EF Core writes for it.
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_Stories_Status_NewestFirst\" ON \"Stories\" (\"Status\", COALESCE(\"PublishedYear\", 0) DESC, COALESCE(\"PublishedMonth\", 0) DESC, COALESCE(\"PublishedDay\", 0) DESC, \"Id\" DESC);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Stories_Status_NewestFirst\";");
        }
    }
}

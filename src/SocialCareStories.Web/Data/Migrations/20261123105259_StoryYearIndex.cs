using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCareStories.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoryYearIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // EF Core cannot index a complex type's column, so this one is plain SQL. The year filter's menu
            // reads the distinct years of published stories, and this index answers that without the table.
            migrationBuilder.Sql("CREATE INDEX IX_Stories_Status_PublishedYear ON Stories (Status, PublishedYear);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IX_Stories_Status_PublishedYear;");
        }
    }
}

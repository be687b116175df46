using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCareStories.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoredStoryHtml : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyHtml",
                table: "Stories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BodyHtmlVersion",
                table: "Stories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Stories_BodyHtmlVersion",
                table: "Stories",
                column: "BodyHtmlVersion");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Stories_BodyHtmlVersion",
                table: "Stories");

            // DropColumn would make EF Core rebuild Stories, which the search view and triggers stand on
            // (SQLite refuses the rename under a view, and a rebuild drops the triggers). SQLite 3.35+ drops
            // an unindexed column in place.
            migrationBuilder.Sql("ALTER TABLE Stories DROP COLUMN BodyHtml;");
            migrationBuilder.Sql("ALTER TABLE Stories DROP COLUMN BodyHtmlVersion;");
        }
    }
}

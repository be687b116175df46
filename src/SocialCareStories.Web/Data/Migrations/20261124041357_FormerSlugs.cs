using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCareStories.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormerSlugs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FormerSlugs",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormerSlugs", x => x.Slug);
                    table.ForeignKey(
                        name: "FK_FormerSlugs_Stories_StoryId",
                        column: x => x.StoryId,
                        principalTable: "Stories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FormerSlugs_StoryId",
                table: "FormerSlugs",
                column: "StoryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormerSlugs");
        }
    }
}

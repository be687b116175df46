using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCareStories.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RelatedStoriesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Related stories read the newest links of each of a story's tags. Neither the key (StoriesId, TagsId)
            // nor EF Core's IX_StoryTags_TagsId gives a tag's links newest first, so every link of the tag was read
            // and sorted (~3 ms a tag at 100,000 stories). StoryCategories' key (CategoriesId, StoriesId) already
            // serves categories. Plain SQL like IX_Stories_Status_PublishedYear: the model is unchanged and no
            // table is rebuilt.
            migrationBuilder.Sql("CREATE INDEX IX_StoryTags_TagsId_StoriesId ON StoryTags (TagsId, StoriesId);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IX_StoryTags_TagsId_StoriesId;");
        }
    }
}

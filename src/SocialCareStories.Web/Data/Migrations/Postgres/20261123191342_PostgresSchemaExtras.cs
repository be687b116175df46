using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCareStories.Web.Data.Migrations.Postgres
{
    /// <summary>The search index and indexes the model cannot express (see <see cref="PostgresSchemaExtras"/>).</summary>
    public partial class PostgresSchemaExtras : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Data.PostgresSchemaExtras.Create(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Data.PostgresSchemaExtras.Drop(migrationBuilder);
    }
}

using Microsoft.EntityFrameworkCore;

namespace SocialCareStories.Web.Data;

/// <summary>
/// The same model on PostgreSQL. It exists only so that EF Core keeps a second migration set
/// (Data/Migrations/Postgres, tagged with this type) beside SQLite's; the app's code never names it and
/// always works with <see cref="StoriesDbContext"/> (ADR-008: migrations with multiple providers).
/// </summary>
public sealed class PostgresStoriesDbContext(DbContextOptions<StoriesDbContext> options, TimeProvider clock) : StoriesDbContext(options, clock);

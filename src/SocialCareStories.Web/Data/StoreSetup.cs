using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace SocialCareStories.Web.Data;

/// <summary>The database engines the content store runs on (`Storage:Provider`).</summary>
public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which engine holds the store and how to reach it, read once from configuration.</summary>
/// <param name="ConnectionString">For SQLite a relative file is already resolved under the working folder.</param>
/// <param name="MigrateOnStart">False when an operator applies migrations with the `migrate` command instead.</param>
public sealed record StoreSettings(StoreProvider Provider, string ConnectionString, bool MigrateOnStart)
{
    public const string Section = "Storage";

    /// <summary>`ConnectionStrings:Stories`: the SQLite store, and the source that `copy-store` reads.</summary>
    public const string SqliteConnectionStringName = "Stories";

    /// <summary>`ConnectionStrings:StoriesPostgres`: the PostgreSQL store, and the target that `copy-store` writes.</summary>
    public const string PostgresConnectionStringName = "StoriesPostgres";

    public const string DefaultSqliteConnectionString = "Data Source=App_Data/socialcarestories.db";

    public static StoreSettings From(IConfiguration configuration, string workingFolder)
    {
        var providerName = configuration[$"{Section}:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerName)
            ? StoreProvider.Sqlite
            : Enum.TryParse<StoreProvider>(providerName, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"Storage:Provider is '{providerName}'; it must be Sqlite or Postgres.");
        var connectionString = provider switch
        {
            StoreProvider.Postgres => configuration.GetConnectionString(PostgresConnectionStringName) is { Length: > 0 } postgres
                ? postgres
                : throw new InvalidOperationException(
                    $"Storage:Provider is Postgres but ConnectionStrings:{PostgresConnectionStringName} is not set."),
            _ => SqliteFile(configuration, workingFolder),
        };
        return new StoreSettings(provider, connectionString, configuration.GetValue($"{Section}:MigrateOnStart", defaultValue: true));
    }

    /// <summary>The SQLite store's connection string, whichever provider serves (copy-store reads it).</summary>
    public static string SqliteFile(IConfiguration configuration, string workingFolder) => StoreSetup.ResolveConnectionString(
        configuration.GetConnectionString(SqliteConnectionStringName) ?? DefaultSqliteConnectionString, workingFolder);
}

public static class StoreSetup
{
    /// <summary>
    /// The content store: one DbContext type for the app's code (<see cref="StoriesDbContext"/>), on SQLite by
    /// default (the file App_Data/socialcarestories.db under the working folder) or on PostgreSQL.
    /// </summary>
    public static WebApplicationBuilder AddStore(this WebApplicationBuilder builder)
    {
        var settings = StoreSettings.From(builder.Configuration, Directory.GetCurrentDirectory());
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        if (settings.Provider == StoreProvider.Postgres)
        {
            builder.Services.AddDbContextFactory<StoriesDbContext, PostgresStoriesDbContextFactory>(options => UsePostgres(options, settings.ConnectionString));
        }
        else
        {
            builder.Services.AddDbContextFactory<StoriesDbContext>(options => UseSqlite(options, settings.ConnectionString));
        }

        builder.Services.AddSingleton<ReadConnections>();
        builder.Services.AddScoped<StoreInitializer>();
        builder.Services.AddScoped<StoreBackup>();
        return builder;
    }

    /// <summary>
    /// EF Core logs a failed command, query or save as an error and then throws; whoever catches the exception logs it
    /// with its context (the request's exception handler, the scheduler, the import), so EF's own copies go to Debug
    /// and each failure is one error in the log.
    /// </summary>
    public static void LogFailuresOnceWhereHandled(WarningsConfigurationBuilder warnings) => warnings.Log(
        (RelationalEventId.CommandError, LogLevel.Debug),
        (CoreEventId.QueryIterationFailed, LogLevel.Debug),
        (CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (RelationalEventId.TransactionError, LogLevel.Debug));

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance)
            .ConfigureWarnings(LogFailuresOnceWhereHandled);

    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithAutomaticPreparation(connectionString)).ConfigureWarnings(LogFailuresOnceWhereHandled);

    /// <summary>
    /// Npgsql sends every command unprepared unless told otherwise, and PostgreSQL then parses and plans it each
    /// time. On an uncached story page that was more than half of the server's work: planning the awards and
    /// related-stories statements alone took longer than running every statement of the page. With automatic
    /// preparation, a statement used twice on a pooled connection is prepared there and its plan kept. A setting
    /// the operator gives wins: `Max Auto Prepare=0` turns it off, e.g. behind a pooler in transaction mode that
    /// cannot carry prepared statements (PgBouncer before 1.21).
    /// </summary>
    public static string WithAutomaticPreparation(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!keys.Contains("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>Statements kept prepared per connection: the pages and writers use a few dozen distinct ones.</summary>
    private const int AutoPreparedStatements = 100;

    /// <summary>A relative SQLite file is placed under <paramref name="baseFolder"/>, and its folder created.</summary>
    public static string ResolveConnectionString(string connectionString, string baseFolder)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:")
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(baseFolder, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }

        return csb.ToString();
    }
}

/// <summary>
/// On PostgreSQL the app's code still gets a <see cref="StoriesDbContext"/>; the instance is a
/// <see cref="PostgresStoriesDbContext"/>, so EF Core applies the PostgreSQL migrations (ADR-008).
/// </summary>
internal sealed class PostgresStoriesDbContextFactory(DbContextOptions<StoriesDbContext> options, TimeProvider clock) : IDbContextFactory<StoriesDbContext>
{
    public StoriesDbContext CreateDbContext() => new PostgresStoriesDbContext(options, clock);
}

/// <summary>
/// Each SQLite connection waits up to five seconds for another writer's lock (sqlite3_busy_timeout) instead
/// of failing at once with SQLITE_BUSY: with WAL, readers never block, but two writers still take turns.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    internal const string Pragma = "PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>Lets `dotnet ef` build the SQLite context without starting the web host.</summary>
internal sealed class DesignTimeStoriesDbContextFactory : IDesignTimeDbContextFactory<StoriesDbContext>
{
    public StoriesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite("Data Source=design-time.db").Options, TimeProvider.System);
}

/// <summary>
/// Lets `dotnet ef … --context PostgresStoriesDbContext` build the PostgreSQL context; adding a migration never
/// connects, so the connection string only has to parse.
/// </summary>
internal sealed class DesignTimePostgresStoriesDbContextFactory : IDesignTimeDbContextFactory<PostgresStoriesDbContext>
{
    public PostgresStoriesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoriesDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options, TimeProvider.System);
}

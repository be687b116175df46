using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SocialCareStories.Web.Data;

public static class StoreSetup
{
    public const string ConnectionStringName = "Stories";
    private const string DefaultConnectionString = "Data Source=App_Data/socialcarestories.db";

    /// <summary>The content store: one DbContext on SQLite, by default the file App_Data/socialcarestories.db under the working folder.</summary>
    public static WebApplicationBuilder AddStore(this WebApplicationBuilder builder)
    {
        var connectionString = ResolveConnectionString(
            builder.Configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString,
            Directory.GetCurrentDirectory());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContextFactory<StoriesDbContext>(options => options.UseSqlite(connectionString)
            .AddInterceptors(SqliteBusyTimeout.Instance)
            .ConfigureWarnings(LogFailuresOnceWhereHandled));
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
/// Each SQLite connection waits up to five seconds for another writer's lock (sqlite3_busy_timeout) instead
/// of failing at once with SQLITE_BUSY: with WAL, readers never block, but two writers still take turns.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 5000;";

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

/// <summary>Lets `dotnet ef` build the context without starting the web host.</summary>
internal sealed class DesignTimeStoriesDbContextFactory : IDesignTimeDbContextFactory<StoriesDbContext>
{
    public StoriesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite("Data Source=design-time.db").Options, TimeProvider.System);
}

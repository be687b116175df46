using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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
        builder.Services.AddDbContextFactory<StoriesDbContext>(options => options.UseSqlite(connectionString));
        builder.Services.AddScoped<StoreInitializer>();
        return builder;
    }

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

/// <summary>Lets `dotnet ef` build the context without starting the web host.</summary>
internal sealed class DesignTimeStoriesDbContextFactory : IDesignTimeDbContextFactory<StoriesDbContext>
{
    public StoriesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite("Data Source=design-time.db").Options, TimeProvider.System);
}

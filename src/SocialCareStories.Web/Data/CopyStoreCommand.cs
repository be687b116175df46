using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SocialCareStories.Web.Features.Search;

namespace SocialCareStories.Web.Data;

/// <summary>
/// `copy-store --to Postgres [--connection "Host=…"]`: copies the SQLite store (ConnectionStrings:Stories) into an
/// empty PostgreSQL database (ConnectionStrings:StoriesPostgres, or --connection): every table of the model,
/// ids kept, identity sequences moved past the copied ids, row counts compared per table, all in one
/// transaction on the target, so a failed copy leaves it empty.
/// </summary>
/// <remarks>
/// The copy walks the EF Core model rather than a list of tables, so a table added later is copied without
/// anyone remembering to: tables go principal before dependent, rows in key order, as entities read from one
/// context and added to the other (values converted by each provider's own mappings). The search index's triggers
/// are off while the rows arrive (each story would otherwise be indexed again for each of its authors and case
/// studies) and the index is built once at the end, in the same transaction.
/// </remarks>
public static class CopyStoreCommand
{
    private const int RowsPerSave = 1000;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var to = Option(args, "--to");
        if (!string.Equals(to, nameof(StoreProvider.Postgres), StringComparison.OrdinalIgnoreCase) || args.Length is not (2 or 4))
        {
            await Console.Error.WriteLineAsync("usage: copy-store --to Postgres [--connection \"Host=…;Database=…;Username=…;Password=…\"]");
            return 2;
        }

        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var target = Option(args, "--connection") ?? configuration.GetConnectionString(StoreSettings.PostgresConnectionStringName);
        if (string.IsNullOrWhiteSpace(target))
        {
            await Console.Error.WriteLineAsync($"copy-store: give the target with --connection or ConnectionStrings:{StoreSettings.PostgresConnectionStringName}.");
            return 2;
        }

        var clock = app.Services.GetRequiredService<TimeProvider>();
        var sourceConnection = StoreSettings.SqliteFile(configuration, Directory.GetCurrentDirectory());
        var sourceOptions = new DbContextOptionsBuilder<StoriesDbContext>();
        StoreSetup.UseSqlite(sourceOptions, sourceConnection);
        var targetOptions = new DbContextOptionsBuilder<StoriesDbContext>();
        StoreSetup.UsePostgres(targetOptions, target);
        await using var source = new StoriesDbContext(sourceOptions.Options, clock);
        await using var destination = new PostgresStoriesDbContext(targetOptions.Options, clock);
        try
        {
            return await CopyAsync(source, destination, Console.Out, Console.Error);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"copy-store: failed, and the target is left as it was: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    /// <summary>Copies <paramref name="source"/> into the empty <paramref name="target"/>; 0 when every count matches.</summary>
    public static async Task<int> CopyAsync(StoriesDbContext source, StoriesDbContext target, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        if ((await source.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await errors.WriteLineAsync("copy-store: the SQLite store has migrations to apply; start the app on it or run `migrate` first.");
            return 1;
        }

        // One operator's command over every row: building the search index of a large portal in one statement
        // takes longer than the 30 seconds a request's command may.
        target.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await target.Database.MigrateAsync(cancellationToken);
        var tables = InDependencyOrder(target.Model);
        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        foreach (var table in tables)
        {
            if (await CountAsync(target, table, cancellationToken) > 0)
            {
                await errors.WriteLineAsync($"copy-store: the target is not empty ({table.GetTableName()} has rows); copy only into a new database.");
                return 1;
            }
        }

        target.KeepStamps = true;
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        await ExecuteAsync(target, PostgresSearchIndex.SuspendSql(), cancellationToken);
        foreach (var table in tables)
        {
            await CopyTableAsync(source, target, table, cancellationToken);
        }

        await ExecuteAsync(target, PostgresSearchIndex.ResumeAndRebuildSql(), cancellationToken);

        await ResetSequencesAsync(target, tables, cancellationToken);

        var mismatches = 0;
        var total = 0;
        await output.WriteLineAsync("table\tsource\ttarget");
        foreach (var table in tables)
        {
            var from = await CountAsync(source, table, cancellationToken);
            var to = await CountAsync(target, table, cancellationToken);
            total += to;
            mismatches += from == to ? 0 : 1;
            await output.WriteLineAsync($"{table.GetTableName()}\t{from}\t{to}{(from == to ? "" : "\tMISMATCH")}");
        }

        if (mismatches > 0)
        {
            await errors.WriteLineAsync($"copy-store: {mismatches} table(s) differ; nothing was committed.");
            return 1;
        }

        await transaction.CommitAsync(cancellationToken);
        await output.WriteLineAsync($"Copied {total} rows in {tables.Count} tables; every table's count matches the source.");
        return 0;
    }

    /// <summary>Every table the model maps, each after the tables its foreign keys point to.</summary>
    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var ordered = new List<IEntityType>();
        var visited = new HashSet<IEntityType>();
        void Visit(IEntityType type)
        {
            if (!visited.Add(type))
            {
                return;
            }

            foreach (var principal in type.GetForeignKeys().Select(fk => fk.PrincipalEntityType).Where(p => p != type))
            {
                Visit(principal);
            }

            ordered.Add(type);
        }

        foreach (var type in model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).OrderBy(t => t.GetTableName(), StringComparer.Ordinal))
        {
            Visit(type);
        }

        return ordered;
    }

    private static Task CopyTableAsync(StoriesDbContext source, StoriesDbContext target, IEntityType table, CancellationToken cancellationToken) =>
        (Task)typeof(CopyStoreCommand).GetMethod(nameof(CopyRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(table.ClrType).Invoke(null, [source, target, table, cancellationToken])!;

    private static async Task CopyRowsAsync<T>(StoriesDbContext source, StoriesDbContext target, IEntityType table, CancellationToken cancellationToken)
        where T : class
    {
        var rows = Rows<T>(source, table).AsNoTracking();
        // Key order: parents before children in self-referencing tables (categories), and the ids as they were.
        var key = table.FindPrimaryKey()!.Properties[0].Name;
        var pending = 0;
        await foreach (var row in rows.OrderBy(r => EF.Property<object>(r, key)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Rows<T>(target, table).Add(row);
            if (++pending == RowsPerSave)
            {
                await SaveAsync(target, cancellationToken);
                pending = 0;
            }
        }

        await SaveAsync(target, cancellationToken);
    }

    private static async Task SaveAsync(StoriesDbContext target, CancellationToken cancellationToken)
    {
        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
    }

    // Join tables without a class of their own (StoryTags, StoryCategories) are shared-type entities, reached by name.
    private static DbSet<T> Rows<T>(StoriesDbContext db, IEntityType table) where T : class =>
        table.HasSharedClrType ? db.Set<T>(table.Name) : db.Set<T>();

    private static Task<int> CountAsync(StoriesDbContext db, IEntityType table, CancellationToken cancellationToken) =>
        (Task<int>)typeof(CopyStoreCommand).GetMethod(nameof(CountRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(table.ClrType).Invoke(null, [db, table, cancellationToken])!;

    private static Task<int> CountRowsAsync<T>(StoriesDbContext db, IEntityType table, CancellationToken cancellationToken) where T : class =>
        Rows<T>(db, table).CountAsync(cancellationToken);

    private static async Task ExecuteAsync(StoriesDbContext target, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        foreach (var sql in statements)
        {
            await target.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    /// <summary>Each identity column's sequence continues after the largest copied id, so new rows never collide.</summary>
    private static async Task ResetSequencesAsync(StoriesDbContext target, IEnumerable<IEntityType> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            var tableName = table.GetTableName()!;
            var storeObject = StoreObjectIdentifier.Table(tableName, table.GetSchema());
            foreach (var property in table.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
            {
                var column = property.GetColumnName(storeObject)!;
                // Quoted as EF Core created them.
#pragma warning disable EF1002 // The table and column names are the model's own, not user input.
                await target.Database.ExecuteSqlRawAsync(
                    $"""SELECT setval(pg_get_serial_sequence('"{tableName}"', '{column}'), (SELECT coalesce(max("{column}"), 0) + 1 FROM "{tableName}"), false)""",
                    cancellationToken);
#pragma warning restore EF1002
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

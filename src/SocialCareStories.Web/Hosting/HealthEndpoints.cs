using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Hosting.SeveralInstances;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// /health/live answers while the process serves (no dependencies, so a busy store never gets it restarted);
/// /health/ready also checks that the store takes a write and is the file the portal opened (see StoreHealthCheck). Both are anonymous, GET only and
/// never cached (the health-check middleware sends no-store, and they carry no output-cache policy).
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealthEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        Map(app, "/health/live", _ => false);
        Map(app, "/health/ready", check => check.Tags.Contains(ReadyTag));
        return app;
    }

    private static void Map(WebApplication app, string path, Func<HealthCheckRegistration, bool> predicate) =>
        app.MapHealthChecks(path, new HealthCheckOptions { Predicate = predicate })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous();
}

/// <summary>
/// Ready when the store takes a write and the file at the configured path is the one the portal has open. A read
/// alone said Healthy while every write failed (an immutable or read-only file) and, for as long as pooled
/// connections kept it open, after the database file was deleted. So each check:
/// <list type="number">
/// <item>writes a fresh random value into one probe row of the Leases table (an existing table, so no schema change;
/// the row is named so no job ever asks for it) and commits: a rolled-back write or <c>BEGIN IMMEDIATE</c> would
/// not prove the file takes a write, the commit does;</item>
/// <item>on SQLite, opens the path anew (unpooled, read-write, never create) and reads the value back: a deleted
/// file cannot be opened, and a file replaced by another (a restore behind the portal's back) does not hold it.</item>
/// </list>
/// One small committed write and one file open per check, a few milliseconds; probes every few seconds cost nothing
/// worth counting. A store that cannot take the write within <see cref="WriteTimeout"/> is not ready.
/// </summary>
public sealed class StoreHealthCheck(IDbContextFactory<StoriesDbContext> contextFactory, StoreSettings settings) : IHealthCheck
{
    public const string ProbeLeaseName = "health:store-write-probe";

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Guid.NewGuid().ToString("N");
        try
        {
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                db.Database.SetCommandTimeout(WriteTimeout);
                await WriteProbeAsync(db, probe, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store cannot take a write.", ex);
        }

        if (settings.Provider != StoreProvider.Sqlite)
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            return await ReadProbeFromThePathAsync(probe, cancellationToken) == probe
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database file at the configured path is not the one the portal has open (replaced behind its back?).");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy("The database file at the configured path cannot be opened (deleted?).", ex);
        }
    }

    private static async Task WriteProbeAsync(StoriesDbContext db, string probe, CancellationToken cancellationToken)
    {
        if (await UpdateProbeAsync(db, probe, cancellationToken) == 1)
        {
            return;
        }

        db.Leases.Add(new Lease { Name = ProbeLeaseName, Holder = probe, ExpiresAtUnixMs = 0 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance created the row at the same moment: write into it instead.
            db.ChangeTracker.Clear();
            if (await UpdateProbeAsync(db, probe, cancellationToken) != 1)
            {
                throw;
            }
        }
    }

    private static Task<int> UpdateProbeAsync(StoriesDbContext db, string probe, CancellationToken cancellationToken) =>
        db.Leases.Where(l => l.Name == ProbeLeaseName)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, probe), cancellationToken);

    private async Task<string?> ReadProbeFromThePathAsync(string probe, CancellationToken cancellationToken)
    {
        var fresh = new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        await using var connection = new SqliteConnection(fresh.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Holder FROM Leases WHERE Name = $name";
        command.Parameters.AddWithValue("$name", ProbeLeaseName);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}

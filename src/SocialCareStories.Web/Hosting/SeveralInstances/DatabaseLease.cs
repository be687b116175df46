using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Hosting.SeveralInstances;

/// <summary>
/// A row in the Leases table: which instance may do a named job until when. Several instances share one
/// store; whichever holds the lease does the job, the others skip it.
/// </summary>
public sealed class Lease
{
    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    /// <summary>Unix time in milliseconds: a number compares in SQL on every provider, where SQLite cannot compare a DateTimeOffset.</summary>
    public long ExpiresAtUnixMs { get; set; }
}

/// <summary>
/// Takes and renews leases with one conditional UPDATE (<c>WHERE Name = @name AND (Holder = @me OR ExpiresAt &lt;= @now)</c>),
/// which the database evaluates under its row lock, so of two instances asking at once exactly one gets the row.
/// Plain EF Core, so it runs the same on SQLite and PostgreSQL. The instances' clocks must agree to well within a
/// lease's length (NTP does); a holder that stops gracefully releases its leases, one that dies loses them when they expire.
/// </summary>
public sealed class DatabaseLeases(IDbContextFactory<StoriesDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>This instance: the machine, the process and a random part, since one process may host several apps (tests do).</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Takes the lease, or renews it when this instance holds it, for <paramref name="duration"/> from now; false when another instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)duration.TotalMilliseconds;
        var holder = Holder;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAtUnixMs <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUnixMs, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        // The first time anyone asks for this lease: the primary key lets only one instance create its row.
        db.Leases.Add(new Lease { Name = name, Holder = holder, ExpiresAtUnixMs = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Gives the lease up at once (if this instance holds it), so another instance need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var holder = Holder;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Leases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAtUnixMs, 0L), cancellationToken);
    }
}

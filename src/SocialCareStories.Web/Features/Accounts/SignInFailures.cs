using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// Wrong passwords (at sign-in, and current passwords on the change-password form) counted per account and client,
/// where a client is a proven browser (<see cref="ProvenDevices"/>) or else an address. After <see cref="Limit"/>
/// within <see cref="Window"/> that client is locked out of that account, even with the right password, for 5
/// minutes, doubling with each further lock up to a day. Other clients, the account's owner among them, are not
/// affected: a stranger can no longer lock a staff account by guessing (ADR-014).
/// The counts live in Identity's AspNetUserTokens table (provider <see cref="TokenProvider"/>, one row per client),
/// an existing table keyed by account, so every instance on the store shares them without a schema change or Redis
/// on the sign-in path; rows older than the window and past their lock are removed as new failures are written.
/// </summary>
public sealed class SignInFailures(IDbContextFactory<StoriesDbContext> contexts, TimeProvider clock)
{
    public const string TokenProvider = "[sign-in failures]";
    public const int Limit = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestLock = TimeSpan.FromDays(1);

    public async Task<bool> IsLockedAsync(string userId, string client, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var value = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == client)
            .Select(t => t.Value).SingleOrDefaultAsync(cancellationToken);
        return Count.Parse(value) is { } count && count.LockedUntil > clock.GetUtcNow().ToUnixTimeMilliseconds();
    }

    /// <summary>Counts one wrong password; true when it locked the client out of the account.</summary>
    public async Task<bool> RecordAsync(string userId, string client, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordOnceAsync(userId, client, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request for the same account and client wrote first: count on top of theirs.
            }
        }
    }

    /// <summary>The right password from this client: its count starts again.</summary>
    public async Task ClearAsync(string userId, string client, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == client)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> RecordOnceAsync(string userId, string client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == TokenProvider).ToListAsync(cancellationToken);
        foreach (var stale in rows.Where(r => r.Name != client && (Count.Parse(r.Value)?.IsForgotten(now) ?? true)))
        {
            db.UserTokens.Remove(stale);
        }

        var row = rows.FirstOrDefault(r => r.Name == client);
        var previous = Count.Parse(row?.Value);
        var count = previous is null || previous.IsForgotten(now)
            ? new Count(1, now, 0, 0)
            : previous.WindowStart + (long)Window.TotalMilliseconds < now
                ? previous with { Failures = 1, WindowStart = now }
                : previous with { Failures = previous.Failures + 1 };
        var locked = count.Failures >= Limit;
        if (locked)
        {
            var length = Math.Min(FirstLock.TotalMilliseconds * Math.Pow(2, count.Locks), LongestLock.TotalMilliseconds);
            count = new Count(0, now, now + (long)length, count.Locks + 1);
        }

        if (row is null)
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = TokenProvider, Name = client, Value = count.ToString() });
        }
        else
        {
            row.Value = count.ToString();
        }

        await db.SaveChangesAsync(cancellationToken);
        return locked;
    }

    /// <summary>Failures in the window that started at <see cref="WindowStart"/>; the lock, and how many locks in a row (Unix ms).</summary>
    private sealed record Count(int Failures, long WindowStart, long LockedUntil, int Locks)
    {
        /// <summary>Past its window and its lock by a whole window: the next failure starts afresh, locks included.</summary>
        public bool IsForgotten(long now) => Math.Max(WindowStart, LockedUntil) + (long)Window.TotalMilliseconds < now;

        public override string ToString() => string.Join(';', Failures, WindowStart, LockedUntil, Locks);

        public static Count? Parse(string? value)
        {
            var parts = value?.Split(';');
            return parts is { Length: 4 }
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var failures)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var lockedUntil)
                && int.TryParse(parts[3], CultureInfo.InvariantCulture, out var locks)
                ? new Count(failures, start, lockedUntil, locks)
                : null;
        }
    }
}

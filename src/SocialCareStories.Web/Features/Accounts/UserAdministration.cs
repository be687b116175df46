using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>One staff account as the users command and the users page show it.</summary>
public sealed record StaffAccount(string Id, string Email, string Name, IReadOnlyList<string> Roles, bool Disabled, bool LockedOut);

/// <summary>The outcome of a change to an account: done, or a sentence saying why not.</summary>
public sealed record AccountChange(bool Succeeded, string Message)
{
    public static AccountChange Done(string message) => new(true, message);

    public static AccountChange Refused(string message) => new(false, message);
}

/// <summary>
/// Adding, listing, re-roling, disabling and enabling staff accounts, for both the <c>users</c> command and
/// /admin/users. Every change renews the account's security stamp, so a session that was signed in before the
/// change fails its next check and has to sign in again with the new roles (or not at all), and every change is
/// audited in the same transaction. Each call uses its own scope, because an interactive page outlives a request.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, AuditLog audit, TimeProvider clock)
{
    public const string AddedAction = "user.added";
    public const string RoleChangedAction = "user.role-changed";
    public const string DisabledAction = "user.disabled";
    public const string EnabledAction = "user.enabled";
    private const string ItemType = "User";

    public async Task<IReadOnlyList<StaffAccount>> ListAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync();
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        return users.Select(u => new StaffAccount(
                u.Id,
                u.Email ?? u.UserName ?? u.Id,
                u.ShownName,
                rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(),
                u.DisabledAt is not null,
                u.DisabledAt is null && u.LockoutEnd is { } end && end > now))
            .ToList();
    }

    public async Task<AccountChange> AddAsync(Actor actor, string email, string role, string? name, string password)
    {
        if (Roles.Find(role) is not { } canonicalRole)
        {
            return NoSuchRole(role);
        }

        if (NulCharacters.In(email) || NulCharacters.In(name))
        {
            return Refused(NulCharacters.Message(NulCharacters.In(email) ? "Email" : "Name"));
        }

        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Services(scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = string.IsNullOrWhiteSpace(name) ? null : name.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Refused($"could not add {email}: {Describe(created)}");
        }

        audit.Record(db, actor, AddedAction, ItemType, user.Id, $"{email} added as {canonicalRole}");
        var added = await users.AddToRoleAsync(user, canonicalRole);
        if (!added.Succeeded)
        {
            return Refused($"could not give {email} the role {canonicalRole}: {Describe(added)}");
        }

        await transaction.CommitAsync();
        return AccountChange.Done($"added {email} as {canonicalRole}");
    }

    /// <summary>Replaces the account's roles with <paramref name="role"/>.</summary>
    public async Task<AccountChange> SetRoleAsync(Actor actor, string email, string role)
    {
        if (Roles.Find(role) is not { } canonicalRole)
        {
            return NoSuchRole(role);
        }

        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Services(scope);
        if (NulCharacters.In(email) || await users.FindByEmailAsync(email) is not { } user)
        {
            return NoSuchAccount(email);
        }

        if (actor.UserId == user.Id && canonicalRole != Roles.Admin)
        {
            return Refused("you cannot take the Admin role from yourself; ask another admin");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded ? await users.AddToRoleAsync(user, canonicalRole) : removed;
        if (!added.Succeeded)
        {
            return Refused($"could not change the role of {email}: {Describe(added)}");
        }

        audit.Record(db, actor, RoleChangedAction, ItemType, user.Id,
            $"{email}: {(current.Count == 0 ? "no role" : string.Join(", ", current))} → {canonicalRole}");
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync();
        return AccountChange.Done($"{email} is now {canonicalRole}");
    }

    /// <summary>
    /// The account stays (the audit trail names it) but is locked out for good, and its security stamp changes so a
    /// cookie issued before fails its next check.
    /// </summary>
    public async Task<AccountChange> DisableAsync(Actor actor, string email)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Services(scope);
        if (NulCharacters.In(email) || await users.FindByEmailAsync(email) is not { } user)
        {
            return NoSuchAccount(email);
        }

        if (actor.UserId == user.Id)
        {
            return Refused("you cannot disable your own account; ask another admin");
        }

        if (user.DisabledAt is not null)
        {
            return AccountChange.Done($"{email} was already disabled");
        }

        user.DisabledAt = clock.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        audit.Record(db, actor, DisabledAction, ItemType, user.Id, $"{email} disabled");
        var saved = await users.UpdateSecurityStampAsync(user);
        return saved.Succeeded ? AccountChange.Done($"disabled {email}") : Refused($"could not disable {email}: {Describe(saved)}");
    }

    public async Task<AccountChange> EnableAsync(Actor actor, string email)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Services(scope);
        if (NulCharacters.In(email) || await users.FindByEmailAsync(email) is not { } user)
        {
            return NoSuchAccount(email);
        }

        if (user.DisabledAt is null)
        {
            return AccountChange.Done($"{email} was not disabled");
        }

        user.DisabledAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Record(db, actor, EnabledAction, ItemType, user.Id, $"{email} enabled");
        var saved = await users.UpdateSecurityStampAsync(user);
        return saved.Succeeded ? AccountChange.Done($"enabled {email}") : Refused($"could not enable {email}: {Describe(saved)}");
    }

    private static (StoriesDbContext Db, UserManager<PortalUser> Users) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<StoriesDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>());

    private static AccountChange NoSuchRole(string role) =>
        Refused($"there is no role '{role}'; the roles are {string.Join(", ", Roles.All)}");

    private static AccountChange NoSuchAccount(string email) => Refused($"there is no account with the email {email}");

    private static AccountChange Refused(string message) => AccountChange.Refused(message);

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}

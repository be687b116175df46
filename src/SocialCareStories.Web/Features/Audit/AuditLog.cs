using System.Security.Claims;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Audit;

/// <summary>
/// Adds audit entries to the caller's DbContext, so an entry is written in the same transaction as the change
/// it records: the change and its trail either both happen or neither does.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    public const string SystemUserName = "system";

    public AuditEntry Record(StoriesDbContext db, Actor actor, string action, string itemType, object? itemId, string? summary = null)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = actor.UserId,
            UserName = actor.Name,
            Action = action,
            ItemType = itemType,
            ItemId = itemId?.ToString(),
            Summary = summary is { Length: > 500 } ? summary[..500] : summary,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}

/// <summary>Who did something: a signed-in person, or the system.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static Actor System { get; } = new(null, AuditLog.SystemUserName);

    /// <summary>
    /// The security stamp of the session the person acts in, when they act through one (a page, a circuit): a save
    /// can then check that the session is still current (<see cref="Accounts.StaffSessions"/>). Null for the system.
    /// </summary>
    public string? SessionStamp { get; init; }

    public static Actor From(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true
        ? new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue("display_name") ?? user.Identity.Name ?? "unknown")
        {
            SessionStamp = user.FindFirstValue(Accounts.StaffSessions.SecurityStampClaimType) ?? "",
        }
        : System;
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// Whether a staff session is still current: its account exists, is not disabled, and has the security stamp the
/// session was issued with. Signing out, disabling, a role change and a password change renew the stamp, so every
/// older session (a copied cookie, another tab, an open editor) ends on its next request or save, not up to a
/// minute later when Identity's own validator would look (ADR-014). The check is one primary-key read of two
/// columns on every signed-in request; only staff sign in, and readers' pages carry no cookie, so that is a few
/// hundred microseconds on a handful of requests, not on the public site's traffic.
/// </summary>
public static class StaffSessions
{
    /// <summary>Identity's default claim type for the security stamp in the cookie.</summary>
    public const string SecurityStampClaimType = "AspNet.Identity.SecurityStamp";

    public const string EndedMessage =
        "Not saved: your session has ended (you signed out, or your account was changed or disabled). Your text is still here: sign in again in a new tab, then save.";

    public static async Task<bool> IsCurrentAsync(StoriesDbContext db, string? userId, string? stamp, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.DisabledAt }).SingleOrDefaultAsync(cancellationToken);
        return account is { DisabledAt: null } && account.SecurityStamp == stamp;
    }

    /// <summary>
    /// For work done on behalf of a person: true when the actor acts through a session and it has ended. Actors
    /// without a session (the system, commands) are not bound to one.
    /// </summary>
    public static async Task<bool> HasEndedAsync(StoriesDbContext db, Actor actor, CancellationToken cancellationToken = default) =>
        actor.SessionStamp is not null && !await IsCurrentAsync(db, actor.UserId, actor.SessionStamp, cancellationToken);

    /// <summary>
    /// Runs before Identity's own validator on every request that carries the sign-in cookie: a session that is no
    /// longer current is signed out at once (the request then counts as anonymous and is sent to sign in).
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var contexts = context.HttpContext.RequestServices.GetRequiredService<IDbContextFactory<StoriesDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(context.HttpContext.RequestAborted))
        {
            if (principal is null
                || !await IsCurrentAsync(db, principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.FindFirstValue(SecurityStampClaimType), context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

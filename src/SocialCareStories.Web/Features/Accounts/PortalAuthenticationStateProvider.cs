using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// An editor's circuit can outlive their session: every 10 seconds this checks that it is still current (the account
/// exists, is not disabled, and has the same security stamp: signing out, a password change, a role change or
/// disabling renews it), else the circuit is signed out. Saves do not wait for it: each save and publish checks the
/// session itself (<see cref="StaffSessions.HasEndedAsync"/>).
/// </summary>
internal sealed class PortalAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync(cancellationToken);
        var user = authenticationState.User;
        return await StaffSessions.IsCurrentAsync(db, user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(StaffSessions.SecurityStampClaimType), cancellationToken);
    }
}

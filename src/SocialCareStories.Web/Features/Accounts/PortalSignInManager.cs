using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// Sign-in that costs the same whether or not the account exists. Identity answers an unknown email, and a locked
/// or disabled account, without hashing the password, which takes a fraction of the time a wrong password does:
/// a stranger could time the answers to learn which emails have accounts. Here every refused attempt verifies the
/// password against a hash, a dummy one when there is no account to check, so each attempt pays for one hash.
/// Wrong passwords lock out the client that typed them (an address, or a proven browser), never the account for
/// everyone: Identity's own lockout is left to disabling (ADR-014).
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    ProvenDevices devices,
    SignInFailures failures)
    : SignInManager<PortalUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    /// <summary>A hash of a random password, made once with the same hasher (and so the same cost) as real ones.</summary>
    private static string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendOnePasswordCheck(password);
            return SignInResult.Failed;
        }

        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.Succeeded)
        {
            devices.Prove(Context, user.Id);
        }

        return result;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(PortalUser user, string password, bool lockoutOnFailure)
    {
        // A locked or disabled account is refused before its password is checked; check a password anyway.
        if (await PreSignInCheck(user) is { } refused)
        {
            SpendOnePasswordCheck(password);
            return refused;
        }

        var client = devices.ClientOf(Context, user.Id);
        if (await failures.IsLockedAsync(user.Id, client))
        {
            SpendOnePasswordCheck(password);
            return SignInResult.LockedOut;
        }

        // Not Identity's lockout, which would lock the account for everyone, its owner included.
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await failures.ClearAsync(user.Id, client);
        }
        else if (lockoutOnFailure && await failures.RecordAsync(user.Id, client))
        {
            return SignInResult.LockedOut;
        }

        return result;
    }

    private void SpendOnePasswordCheck(string password)
    {
        var dummy = new PortalUser();
        _dummyHash ??= UserManager.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
        UserManager.PasswordHasher.VerifyHashedPassword(dummy, _dummyHash, password);
    }
}

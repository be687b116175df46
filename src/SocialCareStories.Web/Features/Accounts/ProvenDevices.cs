using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// A browser that has signed in to an account before carries a signed cookie saying so (<see cref="CookieName"/>:
/// the account, a random device id, 90 days, readable only with the portal's Data Protection keys). Wrong passwords
/// are counted per account and client (<see cref="SignInFailures"/>), and a proven browser is a client of its own,
/// so strangers' guesses, even from the same office network, never lock its owner out (ADR-014). The cookie grants
/// nothing else: it is no session and no second factor, and without the password it signs no one in.
/// </summary>
public sealed class ProvenDevices(IDataProtectionProvider dataProtection)
{
    public const string CookieName = "scs.device";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    private ITimeLimitedDataProtector Protector =>
        dataProtection.CreateProtector("SocialCareStories.Accounts.ProvenDevice").ToTimeLimitedDataProtector();

    /// <summary>Whom failures on this request count against: this proven browser, or else the client's address.</summary>
    public string ClientOf(HttpContext context, string userId) =>
        DeviceOf(context, userId) is { } device ? $"device:{device}" : $"address:{AddressOf(context)}";

    /// <summary>After a successful sign-in: marks this browser as proven for the account (keeping its id if it was).</summary>
    public void Prove(HttpContext context, string userId)
    {
        var device = DeviceOf(context, userId) ?? WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, Protector.Protect($"{userId}|{device}", Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            // Only the sign-in and change-password forms read it.
            Path = "/Account",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    private string? DeviceOf(HttpContext context, string userId)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = Protector.Unprotect(value, out _).Split('|');
            return parts.Length == 2 && parts[0] == userId ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // The same partition as the sign-in rate limit (SignInRateLimit); a shared helper for IPv6 /64 replaces both.
    // The same client key as every rate limit: an IPv6 client is its /64.
    private static string AddressOf(HttpContext context) => Hosting.ClientPartition.Key(context);
}

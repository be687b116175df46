namespace SocialCareStories.Web.Features.Accounts;

/// <summary>The <c>Accounts</c> section of the configuration.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Sign-in form posts one client address may make per minute before it is told to wait.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// How often Identity rebuilds a signed-in session's claims from its account. Whether the session is still
    /// current (not signed out, disabled or changed) is checked on every request regardless (<see cref="StaffSessions"/>).
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

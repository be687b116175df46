namespace SocialCareStories.Web.Features.Accounts;

/// <summary>The <c>Accounts</c> section of the configuration.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Sign-in form posts one client address may make per minute before it is told to wait.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// How often a signed-in session checks its account is unchanged (same security stamp), so a disabled account
    /// or a changed role takes effect within this time. Each check costs a query per signed-in request.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

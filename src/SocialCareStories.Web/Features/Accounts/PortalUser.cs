using Microsoft.AspNetCore.Identity;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>A person who signs in to edit stories or record awards. Readers need no account.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>The name shown in revisions, the audit log and the admin screens.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Set by <c>users disable</c>: the account stays for the audit trail but can no longer sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public string ShownName => DisplayName is { Length: > 0 } name ? name : UserName ?? Email ?? Id;
}

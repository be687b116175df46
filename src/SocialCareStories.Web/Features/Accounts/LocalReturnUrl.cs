namespace SocialCareStories.Web.Features.Accounts;

/// <summary>Return addresses after sign-in or sign-out may only lead back into this site, never to another host.</summary>
public static class LocalReturnUrl
{
    public static string From(string? returnUrl, string fallback = "/") => IsLocal(returnUrl) ? returnUrl! : fallback;

    /// <summary>A path on this site: "/x", but not "//host", "/\host" or an absolute URL.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}

using System.Text;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>Return addresses after sign-in or sign-out may only lead back into this site, never to another host.</summary>
public static class LocalReturnUrl
{
    /// <summary>
    /// The return address when it is local, else <paramref name="fallback"/>. It becomes a Location header, which
    /// may only hold ASCII (Kestrel refuses to send anything else and the request fails), so any other character
    /// (<c>/café</c>) is percent-encoded as UTF-8, as a browser would have sent it.
    /// </summary>
    public static string From(string? returnUrl, string fallback = "/") => IsLocal(returnUrl) ? AsciiOnly(returnUrl!) : fallback;

    /// <summary>A path on this site: "/x", but not "//host", "/\host" or an absolute URL.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    private static string AsciiOnly(string url)
    {
        if (Ascii.IsValid(url))
        {
            return url;
        }

        var encoded = new StringBuilder(url.Length * 3);
        var start = 0;
        while (start < url.Length)
        {
            var end = start;
            while (end < url.Length && url[end] > '\u007F')
            {
                end++;
            }

            if (end == start)
            {
                encoded.Append(url[start]);
                start++;
                continue;
            }

            // A lone surrogate becomes U+FFFD rather than failing.
            foreach (var b in Encoding.UTF8.GetBytes(url[start..end]))
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            start = end;
        }

        return encoded.ToString();
    }
}

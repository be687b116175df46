using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// Text a site prints around its posts (menus, sign-up prompts, sidebars). It never lands in a story's body.
/// </summary>
public static partial class SiteChrome
{
    private static readonly HashSet<string> ChromeLines = new(StringComparer.OrdinalIgnoreCase)
    {
        "Menu", "Download acrobat reader", "Skip to content", "Share this:", "Share", "Print", "Search",
        "Comments are closed.", "Related articles", "Latest blog posts", "Leave a Reply", "Leave a comment",
    };

    /// <summary>A line that ends the post: everything from here on belongs to the site, not the post.</summary>
    public static bool EndsPost(string line)
    {
        var text = line.Trim();
        return text.Equals("Comments are closed.", StringComparison.OrdinalIgnoreCase)
            || text.Equals("Related articles", StringComparison.OrdinalIgnoreCase)
            || text.Equals("Latest blog posts", StringComparison.OrdinalIgnoreCase)
            || text.Equals("Leave a Reply", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("What do you think?", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Keep up to date with", StringComparison.OrdinalIgnoreCase)
            || MoreFrom().IsMatch(text);
    }

    public static bool IsChrome(string line) => ChromeLines.Contains(line.Trim()) || EndsPost(line);

    /// <summary>The publication a "More from Community Care" line names.</summary>
    public static string? PublicationNamedBy(string line)
    {
        var match = MoreFrom().Match(line.Trim());
        return match.Success ? match.Groups["publication"].Value : null;
    }

    [GeneratedRegex(@"^More from (?<publication>[A-Z][\w.&' ]{1,60})$", RegexOptions.CultureInvariant)]
    private static partial Regex MoreFrom();
}

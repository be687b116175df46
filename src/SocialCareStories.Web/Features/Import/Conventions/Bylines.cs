using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>The ways scraped pages name a post's authors.</summary>
public static partial class Bylines
{
    private const string Name = @"[A-Z][\p{L}'’.\-]*(?:\s+(?:[A-Z][\p{L}'’.\-]*|de|van|von|da|di|le)){1,3}";

    /// <summary>"By Joanne Harding", "by Vidhya Alakeson", "By David Watts &amp; Brendan Clifford".</summary>
    public static IReadOnlyList<string>? PlainByline(string line)
    {
        var match = PlainBylinePattern().Match(line.Trim());
        return match.Success ? SplitNames(match.Groups["names"].Value) : null;
    }

    /// <summary>"Edel Harris – Chief Executive, Cornerstone": a name, a dash, then a role and an organisation.</summary>
    public static ImportedAuthor? NameRoleOrganisation(string line)
    {
        var match = NameRoleOrganisationPattern().Match(line.Trim());
        return match.Success
            ? new ImportedAuthor(match.Groups["name"].Value, match.Groups["role"].Value.Trim(), match.Groups["org"].Value.Trim())
            : null;
    }

    /// <summary>"by Jim Thomas, Skills for Care".</summary>
    public static ImportedAuthor? NameCommaOrganisation(string line)
    {
        var match = NameCommaOrganisationPattern().Match(line.Trim());
        return match.Success ? new ImportedAuthor(match.Groups["name"].Value, Organisation: match.Groups["org"].Value.Trim()) : null;
    }

    /// <summary>"By guest blogger Debbie Sorkin,".</summary>
    public static string? GuestBlogger(string line)
    {
        var match = GuestBloggerPattern().Match(line.Trim());
        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>"Richard Banks looks ahead…", "Guest Blogger Cedi Frederick, former…": the author a standfirst opens with.</summary>
    public static string? StandfirstAuthor(string line)
    {
        var match = StandfirstAuthorPattern().Match(line.Trim());
        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>"National Director of Systems Leadership at the Leadership Centre" as a role and an organisation.</summary>
    public static (string Role, string? Organisation) RoleAtOrganisation(string line)
    {
        var text = line.Trim().TrimEnd(',', '.');
        var at = text.LastIndexOf(" at ", StringComparison.Ordinal);
        if (at <= 0)
        {
            return (text, null);
        }

        var organisation = text[(at + 4)..].Trim();
        if (organisation.StartsWith("the ", StringComparison.Ordinal))
        {
            organisation = organisation[4..];
        }

        return (text[..at].Trim(), organisation);
    }

    private static string[] SplitNames(string names) =>
        names.Split(["&", ",", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.StartsWith("and ", StringComparison.Ordinal) ? n[4..] : n)
            .ToArray();

    [GeneratedRegex($@"^[Bb]y\s+(?<names>{Name}(?:\s*(?:&|and)\s*{Name})*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainBylinePattern();

    [GeneratedRegex($@"^(?<name>{Name})\s+[–—-]\s+(?<role>[^,–—]+),\s*(?<org>[^,]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRoleOrganisationPattern();

    [GeneratedRegex($@"^[Bb]y\s+(?<name>{Name}),\s*(?<org>[^,]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NameCommaOrganisationPattern();

    [GeneratedRegex($@"^[Bb]y\s+guest\s+blogger\s+(?<name>{Name})\s*,?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex GuestBloggerPattern();

    [GeneratedRegex($@"^(?:Guest\s+[Bb]logger\s+)?(?<name>{Name})(?:,|\s+[a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex StandfirstAuthorPattern();
}

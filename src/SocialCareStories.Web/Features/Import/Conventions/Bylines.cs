using System.Text.RegularExpressions;

namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>The ways scraped pages name a post's authors.</summary>
public static partial class Bylines
{
    // Longer than any byline with a role and an organisation; a longer line is prose.
    private const int MaxBylineLength = 200;

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

    /// <summary>
    /// Reads a line that is only a byline, in the forms sites print at the top of a post: "By NAME",
    /// "By NAME, Role, Organisation", "Written by NAME", "Author: NAME", "By guest blogger NAME,", "NAME – Role,
    /// Organisation". Null when the line is not a byline. A desk ("By Newsdesk") is a byline with no author; a
    /// byline that names no person ("By the team at X") has no author and a doubt saying so.
    /// </summary>
    public static Byline? Read(string line)
    {
        var text = line.Trim();
        if (text.Length > MaxBylineLength)
        {
            return null;
        }

        if (GuestBlogger(text) is { } guest)
        {
            return new Byline([new ImportedAuthor(guest)], null, RoleFollows: true);
        }

        var lead = LeadPattern().Match(text);
        if (!lead.Success)
        {
            if (NameRoleOrganisation(text) is { } signed)
            {
                return new Byline([signed], null, RoleFollows: false);
            }

            return NameDashRolePattern().Match(text) is { Success: true } dashed && IsRole(dashed.Groups["role"].Value)
                ? new Byline([new ImportedAuthor(dashed.Groups["name"].Value, dashed.Groups["role"].Value.Trim())], null, RoleFollows: false)
                : null;
        }

        if (IsProse(lead.Groups["who"].Value))
        {
            return null;
        }

        var who = lead.Groups["who"].Value.Trim();
        var roleFollows = who.EndsWith(',');
        who = who.TrimEnd(',', ' ');
        if (IsDesk(who))
        {
            return new Byline([], null, RoleFollows: false);
        }

        var split = NamesThenDetailsPattern().Match(who);
        var names = PeopleIn(split.Success ? split.Groups["names"].Value : who);
        if (names is null)
        {
            var what = LooksLikeOrganisation(who) ? "names an organisation, not a person" : "names no person";
            return new Byline([], $"The byline '{PostParts.Shorten(text)}' {what}.", RoleFollows: false);
        }

        if (!split.Success)
        {
            return new Byline(names.Select(n => new ImportedAuthor(n)).ToList(), null, roleFollows);
        }

        var details = split.Groups["details"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // "By Jane Smith, Tom Lee and Ann Ray": the details are more names.
        if (PeopleIn(string.Join(", ", details)) is { } more && !details.Any(IsRole))
        {
            return new Byline([.. names.Concat(more).Select(n => new ImportedAuthor(n))], null, roleFollows);
        }

        var (role, organisation) = details.Length switch
        {
            1 when IsRole(details[0]) => RoleAtOrganisation(details[0]),
            1 => (null, details[0]),
            _ => ((string?)details[0], string.Join(", ", details[1..])),
        };
        return new Byline(names.Select(n => new ImportedAuthor(n, role, organisation)).ToList(), null, RoleFollows: false);
    }

    /// <summary>
    /// The role (and organisation) a line under a byline gives: "Head of Workforce, Brightwater Care",
    /// "Registered Manager at the Oakwood Care Home". After a byline that ends in a comma any short line is
    /// the role; otherwise the line must name a role, so a short opening sentence is never taken for one.
    /// </summary>
    public static (string Role, string? Organisation)? RoleLine(string line, bool bylineAskedForIt)
    {
        var text = line.Trim();
        if (text.Length is 0 or > 120 || ".?!:".Contains(text[^1], StringComparison.Ordinal)
            || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 15
            || (!bylineAskedForIt && !IsRole(text)))
        {
            return null;
        }

        var trimmed = text.TrimEnd(',', ' ');
        if (trimmed.Contains(" at ", StringComparison.Ordinal))
        {
            return RoleAtOrganisation(trimmed);
        }

        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 ? (trimmed[..comma].Trim(), trimmed[(comma + 1)..].Trim()) : (trimmed, null);
    }

    /// <summary>A name a site posts under that belongs to no person: "Newsdesk", "Editor", "Web team", "Northfield Council press office".</summary>
    public static bool IsDesk(string who) => DeskPattern().IsMatch(who.Trim());

    /// <summary>True when the text reads as one person's name: capitalised words, no organisation, no desk.</summary>
    public static bool IsPersonName(string who) =>
        PersonPattern().IsMatch(who.Trim()) && !IsDesk(who) && !LooksLikeOrganisation(who);

    private static bool IsRole(string text) => RoleWordPattern().IsMatch(text);

    private static bool LooksLikeOrganisation(string text) => OrganisationWordPattern().IsMatch(text);

    // Sentences that open with "By" ("By 2009 the redundancies…", "By providing every manager with a coach.") are prose.
    private static bool IsProse(string who) =>
        who.Any(char.IsDigit) || who.TrimEnd().EndsWith('.') || who.TrimEnd().EndsWith('?') || who.TrimEnd().EndsWith('!')
        || who.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 12;

    private static List<string>? PeopleIn(string names)
    {
        var people = SplitNames(names);
        return people.Length > 0 && people.All(IsPersonName) ? [.. people] : null;
    }

    private static string[] SplitNames(string names) =>
        names.Split(["&", ",", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.StartsWith("and ", StringComparison.Ordinal) ? n[4..] : n)
            .ToArray();

    [GeneratedRegex($@"^{Name}$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonPattern();

    // "Author", "Words" and "Writer" open ordinary sentences too ("Authors we love"), so only with a colon do they lead a byline.
    [GeneratedRegex(@"^(?:(?:(?:Written|Words|Posted|Story|Blog|Report)\s+)?by(?:\s*:\s*|\s+)|(?:Authors?|Words|Writer|Byline)\s*:\s*)(?<who>\S.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadPattern();

    [GeneratedRegex(@"^(?<names>.+?)(?:\s*,\s*|\s+[–—-]\s+)(?<details>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamesThenDetailsPattern();

    [GeneratedRegex($@"^(?<name>{Name})\s+[–—-]\s+(?<role>[^,–—]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NameDashRolePattern();

    [GeneratedRegex(@"^(?:the\s+)?(?:news\s*desk|newsroom|editors?|editorial(?:\s+team)?|admin|administrator|webmaster|site\s+admin|staff|staff\s+(?:writer|reporter)|guest(?:\s+(?:author|writer|blogger))?|[\p{L}&'’ ]*?\s*(?:team|desk|office))$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeskPattern();

    [GeneratedRegex(@"\b(?:chief|executive|director|head|manager|officer|lead|leader|co-?ordinator|worker|nurse|assistant|councillor|cllr|member|chair|chairman|chairperson|chairwoman|president|secretary|editor|correspondent|reporter|founder|trustee|adviser|advisor|consultant|commissioner|practitioner|specialist|carer|apprentice|ambassador|minister|professor|lecturer|researcher|fellow|volunteer|blogger|writer|principal|deputy|senior|therapist|social worker)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RoleWordPattern();

    [GeneratedRegex(@"\b(?:council|trust|nhs|ltd|limited|plc|cic|group|foundation|partnership|association|services|society|charity|centre|center|hospital|network|university|college|agency|board|department|borough|county|authority|alliance|federation|institute|homes|housing|project|care|england|uk)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OrganisationWordPattern();

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

/// <summary>What one byline line says: its authors (none for a desk), whether a role line follows, and any doubt in plain words.</summary>
public sealed record Byline(IReadOnlyList<ImportedAuthor> Authors, string? Doubt, bool RoleFollows);

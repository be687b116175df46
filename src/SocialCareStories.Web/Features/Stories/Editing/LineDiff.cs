namespace SocialCareStories.Web.Features.Stories.Editing;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>
/// A line-by-line comparison of two texts by longest common subsequence, the way people read "what changed"
/// in a story: unchanged lines, lines taken out and lines put in, in reading order.
/// </summary>
public static class LineDiff
{
    /// <summary>Beyond this many lines on each side the table would be too large; the texts are compared as wholes.</summary>
    private const int MaxLines = 4000;

    public static IReadOnlyList<DiffLine> Compare(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);

        // Common leading and trailing lines need no table.
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        result.AddRange(a[..start].Select(line => new DiffLine(DiffKind.Same, line)));
        var midA = a[start..endA];
        var midB = b[start..endB];
        if (midA.Length > MaxLines || midB.Length > MaxLines)
        {
            result.AddRange(midA.Select(line => new DiffLine(DiffKind.Removed, line)));
            result.AddRange(midB.Select(line => new DiffLine(DiffKind.Added, line)));
        }
        else
        {
            result.AddRange(Middle(midA, midB));
        }

        result.AddRange(a[endA..].Select(line => new DiffLine(DiffKind.Same, line)));
        return result;
    }

    private static List<DiffLine> Middle(string[] a, string[] b)
    {
        // lengths[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new DiffLine(DiffKind.Same, a[x]));
                x++;
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                lines.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                lines.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }

        lines.AddRange(a[x..].Select(line => new DiffLine(DiffKind.Removed, line)));
        lines.AddRange(b[y..].Select(line => new DiffLine(DiffKind.Added, line)));
        return lines;
    }

    private static string[] Split(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}

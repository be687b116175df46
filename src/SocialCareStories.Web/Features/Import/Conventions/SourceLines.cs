namespace SocialCareStories.Web.Features.Import.Conventions;

/// <summary>
/// A source document as lines: line endings unified, trailing white space and lines of only
/// (non-breaking) spaces made blank, so every convention reads the same shape.
/// </summary>
public sealed class SourceLines
{
    public SourceLines(string text)
    {
        Lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Split('\n')
            .Select(line => line.Replace('\u00a0', ' ').TrimEnd())
            .Select(line => line.Trim().Length == 0 ? "" : line)
            .ToArray();
    }

    public IReadOnlyList<string> Lines { get; }

    public int Count => Lines.Count;

    public string this[int index] => Lines[index];

    public static bool IsBlank(string line) => line.Length == 0;

    public int NextNonBlank(int from)
    {
        var i = from;
        while (i < Count && IsBlank(Lines[i]))
        {
            i++;
        }

        return i;
    }

    public int PreviousNonBlank(int from)
    {
        var i = from;
        while (i >= 0 && IsBlank(Lines[i]))
        {
            i--;
        }

        return i;
    }

    /// <summary>How many blank lines follow line <paramref name="index"/>.</summary>
    public int BlanksAfter(int index)
    {
        var n = 0;
        for (var i = index + 1; i < Count && IsBlank(Lines[i]); i++)
        {
            n++;
        }

        return n;
    }

    public IEnumerable<string> Range(int from, int to) => Lines.Skip(from).Take(Math.Max(0, to - from));
}

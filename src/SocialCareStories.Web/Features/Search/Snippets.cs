using System.Net;
using System.Text;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Search;

/// <summary>
/// FTS5's snippet() marks matches with whatever strings it is given and does not escape the text around
/// them. It is given two private-use characters instead of tags; the text is then HTML-encoded and only
/// those characters become &lt;mark&gt; and &lt;/mark&gt;, so the result is safe to render as markup.
/// </summary>
public static class Snippets
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static bool HasMatch(string? raw) => raw is not null && raw.Contains(Open, StringComparison.Ordinal);

    /// <summary>
    /// HTML for a raw snippet: Markdown syntax dropped (the body is stored as Markdown), everything encoded,
    /// and marks balanced even if the stored text itself held a delimiter character.
    /// </summary>
    public static string ToHtml(string raw)
    {
        var text = Excerpts.From(raw, int.MaxValue);
        var html = new StringBuilder(text.Length + 32);
        var open = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not (Open or Close))
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(text[start..i]));
            start = i + 1;
            if (c == Open && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if (c == Close && open)
            {
                html.Append("</mark>");
                open = false;
            }
        }

        html.Append(WebUtility.HtmlEncode(text[start..]));
        if (open)
        {
            html.Append("</mark>");
        }

        return html.ToString();
    }

    /// <summary>Plain text as snippet HTML with nothing marked, for a story whose match is only in its title.</summary>
    public static string Plain(string text) => WebUtility.HtmlEncode(text.Replace(Open, ' ').Replace(Close, ' '));
}

using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SocialCareStories.Web.Tests.Security;

/// <summary>
/// Finds anything in a parsed page that a browser could run or that could take the page over: script elements
/// other than the app's own, event-handler attributes, script-capable URLs, frames and plugins, base and
/// meta-refresh, forms or form actions that are not the app's, and script in styles. Parsing (not grepping) means
/// text that merely looks like a payload, correctly escaped, never counts.
/// </summary>
public static class ExecutableContent
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The scripts App.razor writes: Blazor's loader, MudBlazor's on interactive pages, and the import map.</summary>
    private static readonly string[] AppScriptPrefixes = ["_framework/blazor.web.", "_content/MudBlazor/MudBlazor.min."];

    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe",
        // SVG's script-capable parts: animation can rewrite an href into javascript:, foreignObject nests HTML.
        "animate", "set", "animatemotion", "animatetransform", "handler", "listener", "foreignobject",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset", "lowsrc",
        "dynsrc", "codebase", "cite", "manifest", "longdesc", "usemap", "icon", "ping",
    };

    private static readonly string[] ScriptSchemes = ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"];

    private static readonly string[] ScriptInStyles = ["expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:", "behaviour:"];

    public static IReadOnlyList<string> In(string html) => In(Parser.ParseDocument(html));

    /// <summary>Every problem found, each naming the element and what is wrong; empty when the page is safe.</summary>
    public static IReadOnlyList<string> In(IDocument document)
    {
        var problems = new List<string>();
        var bases = 0;
        foreach (var element in document.All)
        {
            var name = element.LocalName.ToLowerInvariant();
            if (name == "script" && !IsAppScript(element))
            {
                problems.Add($"a script that is not the app's: {Shorten(element.OuterHtml)}");
            }

            if (ForbiddenElements.Contains(name))
            {
                problems.Add($"<{name}>: {Shorten(element.OuterHtml)}");
            }

            if (name == "base" && (++bases > 1 || element.Closest("head") is null || element.GetAttribute("href") != "/"))
            {
                problems.Add($"a <base> that is not the app's: {Shorten(element.OuterHtml)}");
            }

            if (name == "meta" && string.Equals(element.GetAttribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"a meta refresh: {Shorten(element.OuterHtml)}");
            }

            if (name == "link" && string.Equals(element.GetAttribute("rel"), "import", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"an HTML import: {Shorten(element.OuterHtml)}");
            }

            if (name == "form" && !IsAppForm(element))
            {
                problems.Add($"a form that is not the app's: {Shorten(element.OuterHtml)}");
            }

            if (name == "style" && ContainsScriptInStyle(element.TextContent))
            {
                problems.Add($"script in a <style>: {Shorten(element.OuterHtml)}");
            }

            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                if (attributeName.StartsWith("on", StringComparison.Ordinal))
                {
                    problems.Add($"an event handler {attribute.Name} on <{name}>: {Shorten(element.OuterHtml)}");
                }
                else if (attributeName is "srcdoc" or "formaction")
                {
                    problems.Add($"{attribute.Name} on <{name}>: {Shorten(element.OuterHtml)}");
                }
                else if (attributeName == "style" && ContainsScriptInStyle(attribute.Value))
                {
                    problems.Add($"script in a style attribute on <{name}>: {Shorten(element.OuterHtml)}");
                }
                else if ((UrlAttributes.Contains(attributeName) || attributeName.EndsWith(":href", StringComparison.Ordinal))
                         && HasScriptScheme(attributeName, attribute.Value))
                {
                    problems.Add($"a script-capable URL in {attribute.Name} on <{name}>: {Shorten(element.OuterHtml)}");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Browsers strip ASCII whitespace and control characters from a URL before reading its scheme, so
    /// "jav&#x09;ascript:" is javascript: (AngleSharp has already decoded the entity). A srcset lists several URLs.
    /// </summary>
    private static bool HasScriptScheme(string attributeName, string value)
    {
        var candidates = attributeName == "srcset" ? value.Split(',') : [value];
        return candidates.Any(candidate =>
        {
            var url = new string(candidate.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
            return ScriptSchemes.Any(scheme => url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));
        });
    }

    private static bool ContainsScriptInStyle(string css)
    {
        var compact = new string(css.Where(c => !char.IsWhiteSpace(c) && c != '\\').ToArray());
        return ScriptInStyles.Any(s => compact.Contains(s, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsAppScript(IElement script)
    {
        if (script.GetAttribute("src") is { } src)
        {
            return AppScriptPrefixes.Any(prefix => src.StartsWith(prefix, StringComparison.Ordinal));
        }

        // The import map Blazor writes in the head: data, not code (the CSP allows it by hash).
        return script.GetAttribute("type") == "importmap" && script.ParentElement?.LocalName == "head";
    }

    /// <summary>GET forms to the app's own listings, and the app's own POST forms, which carry its antiforgery token.</summary>
    private static bool IsAppForm(IElement form)
    {
        var action = form.GetAttribute("action");
        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
        {
            // A GET form only builds an address; the app's lead to its own listings (search, stories, case studies).
            return action is not null && IsOnThisSite(action);
        }

        return (string.IsNullOrEmpty(action) || IsOnThisSite(action)) && form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]") is not null;
    }

    private static bool IsOnThisSite(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}

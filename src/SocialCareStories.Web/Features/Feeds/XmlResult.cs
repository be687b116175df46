using System.Text;
using System.Xml;

namespace SocialCareStories.Web.Features.Feeds;

/// <summary>
/// Streams an XML document straight to the response. XmlWriter does the escaping, so titles with &amp;, &lt; or
/// quotes cannot break the document; it runs in async mode because Kestrel forbids synchronous writes.
/// </summary>
internal sealed class XmlResult(string contentType, Func<XmlWriter, Task> writeBody) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        var settings = new XmlWriterSettings
        {
            Async = true,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
        };
        await using var xml = XmlWriter.Create(httpContext.Response.Body, settings);
        await xml.WriteStartDocumentAsync();
        await writeBody(xml);
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }
}

/// <summary>Text as XML 1.0 allows it.</summary>
internal static class XmlText
{
    /// <summary>
    /// Drops the characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates). Scraped text can hold
    /// them, and XmlWriter would otherwise throw halfway through the response, leaving a truncated document.
    /// </summary>
    public static string Clean(string text)
    {
        if (IsClean(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

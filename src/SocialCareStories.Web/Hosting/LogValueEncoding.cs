using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// Every text value in a log event (a request's path, its user agent, a query, an email typed into the sign-in
/// form, whatever a feature logs) comes out with its control characters encoded: <c>\n</c>, <c>\r</c>, <c>\t</c>,
/// or <c>\u001B</c> and the like. A request can then never start a line of its own in the text log, such as a
/// forged <c>[14:00:00 ERR] …</c>, nor move the cursor of a terminal that shows the log. One enricher, last in
/// the chain, so no call site has to remember; the message templates themselves are ours and are left alone.
/// </summary>
public sealed class LogValueEncoding : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? encoded = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var safe = Encode(value);
            if (!ReferenceEquals(safe, value))
            {
                (encoded ??= []).Add(new LogEventProperty(name, safe));
            }
        }

        foreach (var property in encoded ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    public static string Encode(string text)
    {
        if (!NeedsEncoding(text))
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => encoded.Append("\\n"),
                '\r' => encoded.Append("\\r"),
                '\t' => encoded.Append("\\t"),
                _ when IsUnsafe(c) => encoded.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }

    private static LogEventPropertyValue Encode(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when NeedsEncoding(text):
                return new ScalarValue(Encode(text));
            case SequenceValue sequence:
                {
                    var elements = sequence.Elements.Select(Encode).ToList();
                    return elements.SequenceEqual(sequence.Elements, ReferenceEqualityComparer.Instance) ? value : new SequenceValue(elements);
                }

            case StructureValue structure:
                {
                    var properties = structure.Properties.Select(p => Encode(p.Value) is var safe && !ReferenceEquals(safe, p.Value) ? new LogEventProperty(p.Name, safe) : p).ToList();
                    return properties.SequenceEqual(structure.Properties, ReferenceEqualityComparer.Instance) ? value : new StructureValue(properties, structure.TypeTag);
                }

            case DictionaryValue dictionary:
                {
                    var elements = dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Encode(e.Key), Encode(e.Value))).ToList();
                    var changed = elements.Zip(dictionary.Elements).Any(pair => !ReferenceEquals(pair.First.Key, pair.Second.Key) || !ReferenceEquals(pair.First.Value, pair.Second.Value));
                    return changed ? new DictionaryValue(elements) : value;
                }

            default:
                return value;
        }
    }

    private static bool NeedsEncoding(string text) => text.Any(IsUnsafe);

    /// <summary>C0 and C1 controls, DEL, and the Unicode line and paragraph separators some viewers break lines at.</summary>
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}

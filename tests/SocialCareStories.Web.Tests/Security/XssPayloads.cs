using System.Text.Json;

namespace SocialCareStories.Web.Tests.Security;

public sealed record XssPayload(string Name, string Payload)
{
    public override string ToString() => Name;
}

/// <summary>The corpus in xss-payloads.json: known cross-site scripting payloads, each with a name to report it by.</summary>
public static class XssPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<XssPayload> All { get; } = Load();

    /// <summary>The payload cut to a field's length, keeping its start (where the markup is).</summary>
    public static string Fit(string payload, int maxLength) => payload.Length <= maxLength ? payload : payload[..maxLength];

    private static List<XssPayload> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Security", "xss-payloads.json");
        var payloads = JsonSerializer.Deserialize<List<XssPayload>>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"{path} holds no payloads.");
        return payloads;
    }
}

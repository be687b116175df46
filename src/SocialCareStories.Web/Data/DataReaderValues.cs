using System.Data.Common;

namespace SocialCareStories.Web.Data;

/// <summary>Nullable columns read by hand (the reading pages' commands outside EF Core).</summary>
public static class DataReaderValues
{
    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}

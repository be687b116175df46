namespace SocialCareStories.Web.Components;

/// <summary>The staff screens: interactive (Blazor Server), behind sign-in, never cached.</summary>
public static class AdminArea
{
    public const string PathPrefix = "/admin";

    public static bool Contains(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);
}

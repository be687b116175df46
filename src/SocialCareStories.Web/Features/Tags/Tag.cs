using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Tags;

public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }

    /// <summary>
    /// A source site's collection ("Fabulous Stuff", the #FabSocialCareStuff campaign) rather than a subject: shown
    /// to readers as a collection, never as a theme of a sector.
    /// </summary>
    public bool IsCollection { get; set; }
    public List<Story> Stories { get; set; } = [];
}

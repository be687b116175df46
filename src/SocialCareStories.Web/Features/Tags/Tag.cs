using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Tags;

public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public List<Story> Stories { get; set; } = [];
}

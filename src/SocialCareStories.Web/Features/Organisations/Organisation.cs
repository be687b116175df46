namespace SocialCareStories.Web.Features.Organisations;

public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Website { get; set; }
}

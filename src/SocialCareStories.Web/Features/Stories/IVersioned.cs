namespace SocialCareStories.Web.Features.Stories;

/// <summary>
/// An entity guarded by an optimistic concurrency token that the application sets on every save.
/// SQLite cannot generate row versions, so the DbContext issues a new Guid each time.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

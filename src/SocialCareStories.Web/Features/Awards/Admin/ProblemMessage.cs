namespace SocialCareStories.Web.Features.Awards.Admin;

/// <summary>Why a change on an admin screen was refused, and whether reloading the year would help.</summary>
public sealed record ProblemMessage(string Message, bool CanReload);

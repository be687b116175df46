using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.Awards;

/// <summary>An awards scheme such as the Skills for Care Accolades.</summary>
public sealed class AwardProgramme
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public List<AwardYear> Years { get; set; } = [];
}

public sealed class AwardYear : IVersioned
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public AwardProgramme Programme { get; set; } = null!;
    public int Year { get; set; }
    public DateOnly? CeremonyDate { get; set; }
    public string? Venue { get; set; }

    /// <summary>Until published, a year is a draft that only awards admins see.</summary>
    public bool IsPublished { get; set; }
    public List<AwardCategory> Categories { get; set; } = [];
    public Guid Version { get; set; }
}

public sealed class AwardCategory
{
    public int Id { get; set; }
    public int YearId { get; set; }
    public AwardYear Year { get; set; } = null!;
    public required string Name { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The award above all others, such as the "Winner of Winners".</summary>
    public bool IsTopAward { get; set; }
    public bool AllowsJointWinners { get; set; }
    public List<AwardEntry> Entries { get; set; } = [];
}

public sealed class AwardEntry
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public AwardCategory Category { get; set; } = null!;
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public string? ProjectName { get; set; }
    public AwardResult Result { get; set; }
    public string? Citation { get; set; }
    public string? PhotoCaption { get; set; }
    public int? StoryId { get; set; }
    public Story? Story { get; set; }
    public int? CaseStudyId { get; set; }
    public CaseStudy? CaseStudy { get; set; }
}

public enum AwardResult
{
    NotYetAnnounced = 0,
    Shortlisted = 1,
    HighlyCommended = 2,
    Winner = 3,
}

using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Features.CaseStudies;

/// <summary>
/// The details of a piece of practice: who did it, with whom, where, what they did and what came of it.
/// It belongs to the story that tells it (a case-study story, or a post that describes the practice).
/// </summary>
public sealed class CaseStudy
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public int StoryId { get; set; }
    public Story Story { get; set; } = null!;
    public List<Organisation> Organisations { get; set; } = [];
    public string? Partners { get; set; }
    public string? Place { get; set; }
    public string? WhatWasDone { get; set; }
    public string? Outcomes { get; set; }
}

namespace SocialCareStories.Web.Features.Stories;

public static class StoriesFeature
{
    public static WebApplicationBuilder AddStories(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<RelatedCandidates>();
        builder.Services.AddSingleton<Browsing.StoryFacets>();
        builder.Services.AddScoped<StoryCatalogue>();
        builder.Services.AddScoped<StoryReader>();
        builder.Services.AddScoped<StoredStoryHtml>();
        return builder;
    }
}

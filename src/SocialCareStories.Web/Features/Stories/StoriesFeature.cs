namespace SocialCareStories.Web.Features.Stories;

public static class StoriesFeature
{
    public static WebApplicationBuilder AddStories(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        return builder;
    }
}

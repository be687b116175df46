namespace SocialCareStories.Web.Features.Tags;

public static class TagsFeature
{
    public static WebApplicationBuilder AddTags(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TagIndex>();
        return builder;
    }
}

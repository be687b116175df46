namespace SocialCareStories.Web.Features.Awards;

public static class AwardsFeature
{
    public static WebApplicationBuilder AddAwards(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AwardsReader>();
        return builder;
    }
}

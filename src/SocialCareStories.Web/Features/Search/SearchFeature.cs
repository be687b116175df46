namespace SocialCareStories.Web.Features.Search;

public static class SearchFeature
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SearchService>();
        return builder;
    }
}

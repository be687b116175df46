namespace SocialCareStories.Web.Features.Authors;

public static class AuthorsFeature
{
    public static WebApplicationBuilder AddAuthors(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuthorIndex>();
        return builder;
    }
}

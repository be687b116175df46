namespace SocialCareStories.Web.Features.CaseStudies;

public static class CaseStudiesFeature
{
    public static WebApplicationBuilder AddCaseStudies(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseStudyCatalogue>();
        return builder;
    }
}

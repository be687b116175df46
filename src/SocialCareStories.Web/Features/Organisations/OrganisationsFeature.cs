namespace SocialCareStories.Web.Features.Organisations;

public static class OrganisationsFeature
{
    public static WebApplicationBuilder AddOrganisations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganisationIndex>();
        return builder;
    }
}

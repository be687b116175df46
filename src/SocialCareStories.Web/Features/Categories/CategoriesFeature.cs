using SocialCareStories.Web.Features.Categories.Admin;
using SocialCareStories.Web.Features.Categories.Taxonomy;

namespace SocialCareStories.Web.Features.Categories;

public static class CategoriesFeature
{
    public static WebApplicationBuilder AddCategories(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CategoryTree>();
        builder.Services.AddScoped<CategoryAddresses>();
        builder.Services.AddScoped<CategoryAdministration>();
        builder.Services.AddSingleton<TaxonomyLoader>();
        return builder;
    }
}

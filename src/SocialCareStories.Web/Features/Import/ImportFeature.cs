using SocialCareStories.Web.Features.Import.Curation;

namespace SocialCareStories.Web.Features.Import;

public static class ImportFeature
{
    public static WebApplicationBuilder AddImport(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SourceDocumentParser>();
        builder.Services.AddScoped<StoryImportWriter>();
        builder.Services.AddScoped<ContentCurator>();
        builder.Services.AddScoped<SeedImporter>();
        return builder;
    }
}

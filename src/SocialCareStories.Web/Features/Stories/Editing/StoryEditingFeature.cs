using SocialCareStories.Web.Hosting.SeveralInstances;

namespace SocialCareStories.Web.Features.Stories.Editing;

public static class StoryEditingFeature
{
    public static WebApplicationBuilder AddStoryEditing(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<StoryEditingOptions>(builder.Configuration.GetSection(StoryEditingOptions.Section));
        builder.Services.AddScoped<StoryEditing>();
        builder.Services.AddScoped<Autosave>();
        builder.Services.AddScoped<RevisionHistory>();
        builder.Services.AddScoped<StoryAdminList>();
        builder.Services.AddSingleton<DatabaseLeases>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduledPublisher>());
        return builder;
    }
}

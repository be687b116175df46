namespace SocialCareStories.Web.Data;

/// <summary>`migrate`: applies the store's pending migrations (for the configured provider) and its roles, then exits.</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length > 0)
        {
            await Console.Error.WriteLineAsync("usage: migrate");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<StoreInitializer>();
        await initializer.MigrateAsync();
        await initializer.EnsureRolesAsync();
        var settings = app.Services.GetRequiredService<StoreSettings>();
        await Console.Out.WriteLineAsync($"The {settings.Provider} store is up to date.");
        return 0;
    }
}

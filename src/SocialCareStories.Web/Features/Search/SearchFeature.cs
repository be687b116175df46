using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Search;

public static class SearchFeature
{
    /// <summary>Search (limited per client, SearchRateLimit) through the index of the engine that holds the store: FTS5 on SQLite, tsvector on PostgreSQL.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SearchService>();
        builder.Services.AddScoped<PostgresSearchService>();
        builder.Services.AddScoped<IStorySearch>(services => services.GetRequiredService<StoreSettings>().Provider == StoreProvider.Postgres
            ? services.GetRequiredService<PostgresSearchService>()
            : services.GetRequiredService<SearchService>());
        builder.Services.AddOptions<SearchOptions>()
            .Bind(builder.Configuration.GetSection(SearchOptions.Section))
            .Validate(o => o.RequestsPerClientPerTenSeconds > 0, "Search:RequestsPerClientPerTenSeconds must be at least 1.");
        builder.Services.AddRateLimiter(options => options.AddPolicy<string, SearchRateLimit>(SearchRateLimit.PolicyName));
        return builder;
    }
}

using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.Feeds;
using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Media;
using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Search;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Editing;
using SocialCareStories.Web.Features.Tags;
using SocialCareStories.Web.Hosting;
using SocialCareStories.Web.Hosting.SeveralInstances;

var runningCommand = AppCommands.IsCommand(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = runningCommand ? [] : args,
    // Settings and static assets live beside the app; data files and command paths resolve from the working folder.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddStructuredLogging(runningCommand);
builder.AddStore();
builder.AddAccounts();
builder.AddAudit();
builder.AddImport();
builder.AddCategories();
builder.AddStories();
builder.AddStoryEditing();
builder.AddTags();
builder.AddAuthors();
builder.AddOrganisations();
builder.AddAwards();
builder.AddSearch();
builder.AddFeeds();
builder.AddCaseStudies();
builder.AddComments();
builder.AddMedia();
builder.AddPortalUi();
builder.AddPublicSite();
builder.AddSharedOutputCache();
builder.AddSharedDataProtection();
builder.AddSecurityHeaders();
builder.AddTransportSecurity();
builder.AddRequestLimits();
builder.AddHealthEndpoints();
builder.AddGracefulShutdown();

var app = builder.Build();

if (runningCommand)
{
    return await AppCommands.RunAsync(app, args);
}

await app.InitializeStoreAsync();
app.UseTransportSecurity();
app.LogShutdown();
app.UseSecurityHeaders();
app.UseRequestLogging();
app.RefuseMalformedRequests();
app.UseRequestLimits();
app.UsePublicSite();
app.UsePortal();
app.MapPortalUi();
app.MapFeeds();
app.MapMedia();
app.MapAccounts();
app.MapAwards();
app.MapHealthEndpoints();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

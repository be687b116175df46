using SocialCareStories.Web.Components;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Import;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Hosting;

var runningCommand = AppCommands.IsCommand(args);
var builder = WebApplication.CreateBuilder(runningCommand ? [] : args);

builder.AddStructuredLogging(runningCommand);
builder.AddStore();
builder.AddImport();
builder.AddStories();
builder.AddPortalUi();

var app = builder.Build();

if (runningCommand)
{
    return await AppCommands.RunAsync(app, args);
}

await app.InitializeStoreAsync();
app.UsePortal();
app.MapPortalUi();
await app.RunAsync();
return 0;

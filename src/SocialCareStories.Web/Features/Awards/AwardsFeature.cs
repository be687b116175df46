using System.Text;
using Microsoft.AspNetCore.Authorization;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Awards.Admin;

namespace SocialCareStories.Web.Features.Awards;

public static class AwardsFeature
{
    public static WebApplicationBuilder AddAwards(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AwardsReader>();
        builder.Services.AddScoped<AwardsAdministration>();
        return builder;
    }

    /// <summary>
    /// The CSV download is a plain GET endpoint rather than part of the interactive page: a browser downloads
    /// it with a link, without JavaScript interop, and it answers only awards admins.
    /// </summary>
    public static WebApplication MapAwards(this WebApplication app)
    {
        app.MapGet("/admin/awards/years/{yearId:int}/results.csv", async (int yearId, AwardsAdministration awards, CancellationToken cancellationToken) =>
                await awards.ExportAsync(yearId, cancellationToken) is { } export
                    ? Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(export.Csv)).ToArray(), "text/csv; charset=utf-8", export.FileName)
                    : Results.NotFound())
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.AwardsAdmins });
        return app;
    }
}

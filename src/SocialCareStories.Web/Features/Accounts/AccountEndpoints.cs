using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace SocialCareStories.Web.Features.Accounts;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so a link on another site cannot sign anyone out.</summary>
    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async (SignInManager<PortalUser> signInManager, [FromForm(Name = "ReturnUrl")] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LocalReturnUrl.From(returnUrl));
        });
        return app;
    }
}

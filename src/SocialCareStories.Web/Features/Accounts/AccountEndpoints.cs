using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace SocialCareStories.Web.Features.Accounts;

public static class AccountEndpoints
{
    public const string RefusedMessage = "Bad request: sign out with the Sign out button on a page of this site.";

    /// <summary>
    /// Sign-out is a POST with an antiforgery token, so a link on another site cannot sign anyone out. The token is
    /// checked here rather than by form binding, which throws on a missing token and answered 500 with a stack trace;
    /// a post without a valid token is a plain 400. Signing out renews the account's security stamp, so a copy of the
    /// cookie (another tab, a stolen one) stops working on its next request, not when it expires.
    /// </summary>
    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signInManager) =>
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Text(RefusedMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            var form = await context.Request.ReadFormAsync();
            if (context.User.Identity?.IsAuthenticated == true && await signInManager.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signInManager.UserManager.UpdateSecurityStampAsync(user);
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect(LocalReturnUrl.From(form["ReturnUrl"].ToString()));
        }).DisableAntiforgery();
        return app;
    }
}

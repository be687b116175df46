using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Accounts;

public static class AccountsFeature
{
    /// <summary>ASP.NET Core Identity on the content store, cookie sign-in, and the roles the admin screens ask for.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "scs.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = StaffSessions.ValidateCookieAsync;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section);
        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<AccountsOptions>>((options, accounts) =>
                options.ValidationInterval = accounts.Value.SessionCheckInterval);
        builder.Services.AddRateLimiter(options => options.AddPolicy<string, SignInRateLimit>(SignInRateLimit.PolicyName));
        builder.Services.AddRateLimiter(options => options.AddPolicy<string, ChangePasswordRateLimit>(ChangePasswordRateLimit.PolicyName));
        builder.Services.AddSingleton<ProvenDevices>();
        builder.Services.AddSingleton<SignInFailures>();
        builder.Services.AddSingleton<UserAdministration>();
        builder.Services.AddHostedService<DemoAccounts>();

        builder.Services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StoriesDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
        return builder;
    }
}

/// <summary>Adds the display name to the sign-in cookie, so revisions and the audit log can name the person.</summary>
internal sealed class PortalClaimsPrincipalFactory(
    Microsoft.AspNetCore.Identity.UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new System.Security.Claims.Claim("display_name", user.ShownName));
        return identity;
    }
}

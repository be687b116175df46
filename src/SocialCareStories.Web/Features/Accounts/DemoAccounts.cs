using Microsoft.AspNetCore.Identity;
using SocialCareStories.Web.Features.Audit;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// In the Development environment only, one account per role so a developer can sign in at once. Their password
/// comes from <c>DemoAccounts:Password</c>, which only appsettings.Development.json sets; in any other environment
/// nothing is created whatever the configuration says, so production never has a known password.
/// </summary>
public sealed class DemoAccounts(
    IHostEnvironment environment,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    UserAdministration accounts,
    ILogger<DemoAccounts> logger) : IHostedService
{
    public static IReadOnlyDictionary<string, string> EmailByRole { get; } = new Dictionary<string, string>
    {
        [Roles.Editor] = "editor@demo.local",
        [Roles.AwardsAdmin] = "awards@demo.local",
        [Roles.Admin] = "admin@demo.local",
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || configuration["DemoAccounts:Password"] is not { Length: > 0 } password)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var (role, email) in EmailByRole)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var added = await accounts.AddAsync(Actor.System, email, role, $"Demo {role}", password);
            if (added.Succeeded)
            {
                logger.LogWarning("Development only: demo account {Email} ({Role}) created", email, role);
            }
            else
            {
                logger.LogError("Could not create the demo account {Email}: {Reason}", email, added.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>An empty portal in the named environment, with a demo password configured as Development's settings do.</summary>
public abstract class DemoPasswordPortal(string environment) : PortalFactory
{
    public const string DemoPassword = "the demo password in the test";

    protected override bool SeedOnStart => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.UseSetting("DemoAccounts:Password", DemoPassword);
    }
}

public sealed class ProductionPortal() : DemoPasswordPortal("Production");

public sealed class DevelopmentPortal() : DemoPasswordPortal("Development");

public sealed class DemoAccountsInProductionTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    [Fact]
    public async Task Production_start_creates_no_accounts_even_with_a_demo_password_configured()
    {
        var accounts = await portal.Services.GetRequiredService<UserAdministration>().ListAsync();

        Assert.Empty(accounts);
    }

    [Fact]
    public void The_production_settings_hold_no_demo_password()
    {
        var settings = Path.Combine(RepositoryFolders.Root, "src", "SocialCareStories.Web", "appsettings.json");

        using var json = JsonDocument.Parse(File.ReadAllText(settings));

        Assert.False(json.RootElement.TryGetProperty("DemoAccounts", out _));
    }
}

public sealed class DemoAccountsInDevelopmentTests(DevelopmentPortal portal) : IClassFixture<DevelopmentPortal>
{
    [Fact]
    public async Task Development_start_creates_one_account_per_role()
    {
        var accounts = await portal.Services.GetRequiredService<UserAdministration>().ListAsync();

        Assert.Equal(
            DemoAccounts.EmailByRole.OrderBy(p => p.Value).Select(p => (p.Value, p.Key)),
            accounts.Select(a => (a.Email, Assert.Single(a.Roles))));
    }

    [Theory]
    [InlineData("editor@demo.local")]
    [InlineData("awards@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Each_demo_account_signs_in_with_the_configured_password(string email)
    {
        using var client = StaffAccounts.NewClient(portal);

        using var signIn = await StaffAccounts.SignInAsync(client, email, DemoPasswordPortal.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}

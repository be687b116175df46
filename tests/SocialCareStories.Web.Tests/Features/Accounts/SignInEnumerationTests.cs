using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Accounts.Pages;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>Identity's real hasher, counting how often a password is verified.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<PortalUser>
{
    private readonly PasswordHasher<PortalUser> _real = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(PortalUser user, string password) => _real.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class CountingHasherPortalFactory : PortalFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override bool SeedOnStart => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<PortalUser>>(Hasher));
    }
}

/// <summary>
/// A stranger cannot tell from the sign-in page whether an email has an account: not by the message, not by the
/// page, and not by the time it takes, because every refused sign-in verifies exactly one password hash (counted
/// here rather than timed, so the test is exact and never flaky).
/// </summary>
public sealed class SignInEnumerationTests(CountingHasherPortalFactory portal) : IClassFixture<CountingHasherPortalFactory>
{
    [Fact]
    public async Task An_unknown_email_costs_one_password_hash_like_a_wrong_password_does()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);

        var wrongPassword = await HashesSpentAsync(() => StaffAccounts.SignInAsync(client, email, "not the password at all"));
        var unknownEmail = await HashesSpentAsync(() => StaffAccounts.SignInAsync(client, $"nobody-{Guid.NewGuid():N}@example.org", "not the password at all"));

        Assert.Equal(1, wrongPassword);
        Assert.Equal(wrongPassword, unknownEmail);
    }

    [Fact]
    public async Task A_locked_account_costs_one_password_hash_too()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        await StaffAccounts.LockOutAsync(client, email);

        var locked = await HashesSpentAsync(() => StaffAccounts.SignInAsync(client, email, StaffAccounts.Password));

        Assert.Equal(1, locked);
    }

    [Fact]
    public async Task Unknown_email_wrong_password_and_locked_account_get_the_same_page()
    {
        var email = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        var lockedEmail = await StaffAccounts.CreateAsync(portal, Roles.Editor);
        using var client = StaffAccounts.NewClient(portal);
        await StaffAccounts.LockOutAsync(client, lockedEmail);

        var wrongPassword = await PageAsync(client, email, "not the password at all");
        var unknownEmail = await PageAsync(client, $"nobody-{Guid.NewGuid():N}@example.org", "not the password at all");
        var locked = await PageAsync(client, lockedEmail, StaffAccounts.Password);

        Assert.Equal(Login.FailureMessage, wrongPassword.Message);
        Assert.Equal(wrongPassword, unknownEmail with { Email = wrongPassword.Email });
        Assert.Equal(wrongPassword, locked with { Email = wrongPassword.Email });
    }

    private async Task<int> HashesSpentAsync(Func<Task<HttpResponseMessage>> signIn)
    {
        var before = portal.Hasher.Verifications;
        using var response = await signIn();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return portal.Hasher.Verifications - before;
    }

    private sealed record RefusalPage(HttpStatusCode Status, string? Message, string Email, string Body);

    /// <summary>The refusal as a reader sees it, with the parts that differ by design (the email typed, the token) taken out.</summary>
    private static async Task<RefusalPage> PageAsync(HttpClient client, string email, string password)
    {
        using var response = await StaffAccounts.SignInAsync(client, email, password);
        var html = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        var main = document.QuerySelector("main")!.InnerHtml.Replace(email, "EMAIL", StringComparison.Ordinal);
        main = Regex.Replace(main, "name=\"__RequestVerificationToken\" value=\"[^\"]*\"", "TOKEN");
        return new RefusalPage(response.StatusCode, document.QuerySelector("#login-error")?.TextContent, email, main);
    }
}

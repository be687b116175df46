using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Hosting.SeveralInstances;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Hosting.SeveralInstances;

/// <summary>Two instances on one store: what one instance's keys protect, the other reads.</summary>
public sealed class SharedDataProtectionTests
{
    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_instance_is_accepted_by_another_on_the_same_store_and_by_no_other_store()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();
        using var stranger = new EmptyPortalFactory();

        var email = await StaffAccounts.CreateAsync(a, Roles.Editor);
        using var signedIn = await StaffAccounts.SignInAsync(StaffAccounts.NewClient(a), email, StaffAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = CookiePairs(signedIn).Single(c => c.StartsWith("scs.auth=", StringComparison.Ordinal));

        using var onB = await GetAsync(b, "/admin", cookie);
        using var onStranger = await GetAsync(stranger, "/admin", cookie);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        // A portal with other keys cannot read the cookie, so it is not kept in a folder every process on this machine shares.
        Assert.Equal(HttpStatusCode.Redirect, onStranger.StatusCode);
        Assert.Contains("/Account/Login", onStranger.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_form_from_one_instance_posts_to_another_with_its_antiforgery_token()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();
        var email = await StaffAccounts.CreateAsync(a, Roles.Editor);

        using var form = await NewClient(a).GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var antiforgeryCookie = CookiePairs(form).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var fields = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync())
            .QuerySelectorAll("form.account-form input[name]")
            .GroupBy(input => input.GetAttribute("name")!)
            .ToDictionary(group => group.Key, group => group.First().GetAttribute("value") ?? "");
        fields["Input.Email"] = email;
        fields["Input.Password"] = StaffAccounts.Password;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var onB = await NewClient(b).SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, onB.StatusCode);
        Assert.Contains(CookiePairs(onB), c => c.StartsWith("scs.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_key_ring_is_kept_in_the_store_under_the_portals_own_application_name()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();

        await using var db = await a.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        // The first instance made the key as it started; the second found it and made none.
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        Assert.Equal(SharedDataProtection.ApplicationName, a.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        Assert.Equal(SharedDataProtection.ApplicationName, b.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
    }

    [Fact]
    public async Task With_a_key_certificate_the_keys_in_the_store_are_encrypted_and_an_instance_with_the_same_certificate_reads_the_cookie()
    {
        using var certificate = new KeyCertificateFile();
        using var store = new SharedStore();
        var a = store.StartInstance(certificate.Settings);
        var b = store.StartInstance(certificate.Settings);

        var email = await StaffAccounts.CreateAsync(a, Roles.Editor);
        using var signedIn = await StaffAccounts.SignInAsync(StaffAccounts.NewClient(a), email, StaffAccounts.Password);
        var cookie = CookiePairs(signedIn).Single(c => c.StartsWith("scs.auth=", StringComparison.Ordinal));
        using var onB = await GetAsync(b, "/admin", cookie);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        await using var db = await a.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);

        // Whoever has the database (a backup, say) but not the certificate cannot read the cookie.
        var withoutCertificate = store.StartInstance();
        using var onStranger = await GetAsync(withoutCertificate, "/admin", cookie);
        Assert.Equal(HttpStatusCode.Redirect, onStranger.StatusCode);
    }

    [SqliteOnlyFact]
    public async Task Without_a_configured_certificate_the_keys_are_encrypted_with_one_kept_beside_the_store_file_not_in_it()
    {
        using var store = new SharedStore();
        var a = store.StartInstance();
        var b = store.StartInstance();
        var email = await StaffAccounts.CreateAsync(a, Roles.Editor);
        using var signedIn = await StaffAccounts.SignInAsync(StaffAccounts.NewClient(a), email, StaffAccounts.Password);
        var cookie = CookiePairs(signedIn).Single(c => c.StartsWith("scs.auth=", StringComparison.Ordinal));
        using var onB = await GetAsync(b, "/admin", cookie);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        await using var db = await a.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        var keyFile = Path.Combine(a.DatabasePath + ".keys", "data-protection.pfx");
        Assert.True(File.Exists(keyFile), keyFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public void A_key_certificate_that_cannot_be_used_stops_the_start_with_what_is_wrong()
    {
        using var certificate = new KeyCertificateFile();
        var missing = Path.Combine(Path.GetTempPath(), $"scs-missing-{Guid.NewGuid():N}.pfx");

        var noFile = Assert.Throws<InvalidOperationException>(() => SharedDataProtection.KeyCertificate(Configuration(missing, "x")));
        var wrongPassword = Assert.Throws<InvalidOperationException>(() => SharedDataProtection.KeyCertificate(Configuration(certificate.Path, "not the password")));

        Assert.Contains($"'{missing}', but there is no file there", noFile.Message, StringComparison.Ordinal);
        Assert.Contains("Check DataProtection:CertificatePassword", wrongPassword.Message, StringComparison.Ordinal);
        Assert.Null(SharedDataProtection.KeyCertificate(new ConfigurationBuilder().Build()));
    }

    private static IConfiguration Configuration(string path, string password) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = password })
        .Build();

    /// <summary>A self-signed certificate with its private key, in a password-protected PKCS#12 file for the test's life.</summary>
    private sealed class KeyCertificateFile : IDisposable
    {
        private const string Password = "test-only-password";

        public KeyCertificateFile()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=SocialCareStories key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pfx, Password));
        }

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"scs-keys-{Guid.NewGuid():N}.pfx");

        public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = Path,
            ["DataProtection:CertificatePassword"] = Password,
        };

        public void Dispose() => File.Delete(Path);
    }

    private static HttpClient NewClient(WebApplicationFactory<Program> portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpResponseMessage> GetAsync(WebApplicationFactory<Program> portal, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await NewClient(portal).SendAsync(request);
    }

    /// <summary>The name=value part of each Set-Cookie header.</summary>
    private static List<string> CookiePairs(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).ToList() : [];
}

using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Accounts;

/// <summary>The real executable, run as an operator would run it: `users add|list|set-role|disable`, on a store of its own.</summary>
[Trait("Category", "Process")]
public sealed class UsersCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private readonly Lazy<string> _postgres = new(PostgresTestCluster.CreateDatabase);

    private string DatabasePath => Path.Combine(_folder.Path, "store.db");

    public void Dispose()
    {
        if (_postgres.IsValueCreated)
        {
            PostgresTestCluster.DropDatabase(_postgres.Value);
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SocialCareStories.Web.dll"));
        start.ArgumentList.Add("users");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Stories"] = $"Data Source={DatabasePath}";
        if (TestStore.IsPostgres)
        {
            start.Environment["Storage__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__StoriesPostgres"] = _postgres.Value;
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private StoriesDbContext OpenStore() => TestStore.IsPostgres
        ? new PostgresStoriesDbContext(new DbContextOptionsBuilder<StoriesDbContext>().UseNpgsql(_postgres.Value).Options, TimeProvider.System)
        : new StoriesDbContext(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite($"Data Source={DatabasePath}").Options, TimeProvider.System);

    [Fact]
    public async Task Adding_re_roling_and_disabling_an_account_shows_in_the_list_and_the_audit_log()
    {
        var added = await RunAsync("a long enough password here", "add", "--email", "sam@example.org", "--role", "editor", "--name", "Sam Carer");
        var roleChanged = await RunAsync(null, "set-role", "--email", "sam@example.org", "--role", "AwardsAdmin");
        var disabled = await RunAsync(null, "disable", "--email", "sam@example.org");
        var list = await RunAsync(null, "list");

        Assert.Equal((0, "added sam@example.org as Editor"), (added.ExitCode, added.Stdout.Trim()));
        Assert.Equal((0, "sam@example.org is now AwardsAdmin"), (roleChanged.ExitCode, roleChanged.Stdout.Trim()));
        Assert.Equal((0, "disabled sam@example.org"), (disabled.ExitCode, disabled.Stdout.Trim()));
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["email\tname\troles\tstatus", "sam@example.org\tSam Carer\tAwardsAdmin\tdisabled"], list.Stdout.Trim().Split('\n'));

        await using var db = OpenStore();
        var trail = await db.AuditEntries.OrderBy(e => e.Id).Select(e => new { e.Action, e.UserName, e.UserId }).ToListAsync();
        Assert.Equal([UserAdministration.AddedAction, UserAdministration.RoleChangedAction, UserAdministration.DisabledAction], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal(("system", null), (e.UserName, e.UserId)));
        var user = await db.Users.SingleAsync();
        Assert.NotNull(user.DisabledAt);
        Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
    }

    [Fact]
    public async Task Without_a_password_on_standard_input_one_is_generated_printed_and_works()
    {
        var (exitCode, stdout, _) = await RunAsync("", "add", "--email", "ali@example.org", "--role", "Admin");

        Assert.Equal(0, exitCode);
        var password = Assert.Single(stdout.Split('\n'), line => line.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..].Trim();
        Assert.True(password.Length >= 20, password);
        await using var db = OpenStore();
        var user = await db.Users.SingleAsync();
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<PortalUser>();
        Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, password));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("add", "--email", "x@example.org")]
    [InlineData("add", "--email", "x@example.org", "--role", "Boss")]
    [InlineData("set-role", "--email", "x@example.org")]
    [InlineData("disable")]
    [InlineData("list", "--all")]
    [InlineData("disable", "--email", "x@example.org", "--role", "Admin")]
    public async Task A_malformed_command_prints_the_usage_and_exits_with_2(params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(null, args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("users", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_an_account_that_does_not_exist_fails_with_1_and_says_so()
    {
        var (exitCode, _, stderr) = await RunAsync(null, "disable", "--email", "nobody@example.org");

        Assert.Equal(1, exitCode);
        Assert.Contains("there is no account with the email nobody@example.org", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_too_short_is_refused_with_1_and_no_account_is_made()
    {
        var (exitCode, _, stderr) = await RunAsync("short", "add", "--email", "kim@example.org", "--role", "Editor");

        Assert.Equal(1, exitCode);
        Assert.Contains("could not add kim@example.org", stderr, StringComparison.Ordinal);
        await using var db = OpenStore();
        Assert.False(await db.Users.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
    }
}

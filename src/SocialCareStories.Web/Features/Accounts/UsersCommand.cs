using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using SocialCareStories.Web.Data;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// <c>users add --email E --role R</c>: the only way to create the first accounts, so no default password ever
/// ships. The password is read from standard input, or generated and printed when none is given.
/// </summary>
public static class UsersCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string UsageText = "usage: users add --email EMAIL --role Editor|AwardsAdmin|Admin [--name \"Display Name\"]";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "add")
        {
            await Console.Error.WriteLineAsync(UsageText);
            return Usage;
        }

        var options = ReadOptions(args[1..]);
        if (options is null || !options.TryGetValue("--email", out var email) || !options.TryGetValue("--role", out var roleName))
        {
            await Console.Error.WriteLineAsync(UsageText);
            return Usage;
        }

        if (Roles.Find(roleName) is not { } role)
        {
            await Console.Error.WriteLineAsync($"users: there is no role '{roleName}'; the roles are {string.Join(", ", Roles.All)}.");
            return Usage;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        var password = await ReadPasswordAsync();
        var generated = password.Length == 0;
        if (generated)
        {
            password = GeneratePassword();
        }

        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = options.GetValueOrDefault("--name") };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync($"users: could not add {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            return Failed;
        }

        await users.AddToRoleAsync(user, role);
        await Console.Out.WriteLineAsync($"added {email} as {role}");
        if (generated)
        {
            await Console.Out.WriteLineAsync($"password: {password}");
        }

        return Succeeded;
    }

    private static Dictionary<string, string>? ReadOptions(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }

    /// <summary>The first line of standard input when something is piped in; empty (generate one) otherwise.</summary>
    private static async Task<string> ReadPasswordAsync() =>
        Console.IsInputRedirected ? (await Console.In.ReadLineAsync() ?? "").TrimEnd('\r', '\n') : "";

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}

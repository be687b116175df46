using System.Security.Cryptography;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Audit;

namespace SocialCareStories.Web.Features.Accounts;

/// <summary>
/// <c>users add|list|set-role|disable</c>: the only way to create the first accounts, so no default password ever
/// ships. <c>add</c> reads the password from the first line of standard input, or generates and prints one when
/// none is given. Changes are audited as done by the system.
/// </summary>
public static class UsersCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string UsageText = """
        usage: users add --email EMAIL --role Editor|AwardsAdmin|Admin [--name "Display Name"]   (password on stdin, or one is generated)
               users list
               users set-role --email EMAIL --role Editor|AwardsAdmin|Admin
               users disable --email EMAIL
        """;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var verb = args.Length > 0 ? args[0] : "";
        var options = ReadOptions(args.Length > 0 ? args[1..] : []);
        var request = (verb, options) switch
        {
            ("add", { } o) when o.ContainsKey("--email") && o.ContainsKey("--role") && Only(o, "--email", "--role", "--name") => verb,
            ("list", { Count: 0 }) => verb,
            ("set-role", { } o) when o.ContainsKey("--email") && o.ContainsKey("--role") && Only(o, "--email", "--role") => verb,
            ("disable", { } o) when o.ContainsKey("--email") && Only(o, "--email") => verb,
            _ => null,
        };
        if (request is null || options is null)
        {
            await Console.Error.WriteLineAsync(UsageText);
            return Usage;
        }

        if (options.TryGetValue("--role", out var roleName) && Roles.Find(roleName) is null)
        {
            await Console.Error.WriteLineAsync($"users: there is no role '{roleName}'; the roles are {string.Join(", ", Roles.All)}.");
            return Usage;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var initializer = scope.ServiceProvider.GetRequiredService<StoreInitializer>();
            await initializer.MigrateAsync();
            await initializer.EnsureRolesAsync();
        }

        var accounts = app.Services.GetRequiredService<UserAdministration>();
        if (request == "list")
        {
            await ListAsync(accounts);
            return Succeeded;
        }

        var email = options["--email"].Trim();
        string? generatedPassword = null;
        var change = request switch
        {
            "add" => await AddAsync(accounts, email, options["--role"], options.GetValueOrDefault("--name"), p => generatedPassword = p),
            "set-role" => await accounts.SetRoleAsync(Actor.System, email, options["--role"]),
            _ => await accounts.DisableAsync(Actor.System, email),
        };
        if (!change.Succeeded)
        {
            await Console.Error.WriteLineAsync($"users: {change.Message}");
            return Failed;
        }

        await Console.Out.WriteLineAsync(change.Message);
        if (generatedPassword is not null)
        {
            await Console.Out.WriteLineAsync($"password: {generatedPassword}");
        }

        return Succeeded;
    }

    private static async Task<AccountChange> AddAsync(UserAdministration accounts, string email, string role, string? name, Action<string> generated)
    {
        var password = await ReadPasswordAsync();
        if (password.Length == 0)
        {
            password = GeneratePassword();
            generated(password);
        }

        return await accounts.AddAsync(Actor.System, email, role, name, password);
    }

    /// <summary>One tab-separated line per account: email, name, roles, status; a header first.</summary>
    private static async Task ListAsync(UserAdministration accounts)
    {
        await Console.Out.WriteLineAsync("email\tname\troles\tstatus");
        foreach (var account in await accounts.ListAsync())
        {
            var status = account.Disabled ? "disabled" : account.LockedOut ? "locked" : "active";
            var roles = account.Roles.Count == 0 ? "-" : string.Join(",", account.Roles);
            await Console.Out.WriteLineAsync($"{account.Email}\t{account.Name}\t{roles}\t{status}");
        }
    }

    private static bool Only(Dictionary<string, string> options, params string[] allowed) => options.Keys.All(allowed.Contains);

    private static Dictionary<string, string>? ReadOptions(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

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

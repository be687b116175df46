using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Import;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// The executable also runs commands: when its first argument names one, it does that and exits instead
/// of serving. Output meant for people or programs goes to stdout; logs go to stderr.
/// </summary>
public static class AppCommands
{
    private static readonly Dictionary<string, Func<WebApplication, string[], Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["import"] = ImportCommand.RunAsync,
        ["users"] = UsersCommand.RunAsync,
        ["backup"] = StoreBackupCommands.BackupAsync,
        ["restore"] = StoreBackupCommands.RestoreAsync,
        ["migrate"] = MigrateCommand.RunAsync,
        ["copy-store"] = CopyStoreCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => Commands[args[0]](app, args[1..]);
}

namespace SocialCareStories.Web.Data;

/// <summary>
/// <c>backup FILE</c> copies the live store to FILE while the portal serves; <c>restore FILE</c> checks FILE and
/// replaces the store with it (the portal stopped), keeping the replaced store as <c>.bak</c>.
/// Exit codes: 0 done, 1 refused or failed (nothing changed), 2 usage.
/// </summary>
public static class StoreBackupCommands
{
    public const int Succeeded = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    public static Task<int> BackupAsync(WebApplication app, string[] args) =>
        RunAsync(app, args, "backup FILE", (backup, file) => backup.BackupAsync(file), file => $"backed up the store to {file}");

    public static Task<int> RestoreAsync(WebApplication app, string[] args) =>
        RunAsync(app, args, "restore FILE", (backup, file) => backup.RestoreAsync(file), file => $"restored the store from {file}");

    private static async Task<int> RunAsync(
        WebApplication app, string[] args, string usage, Func<StoreBackup, string, Task<StoreBackupOutcome>> run, Func<string, string> done)
    {
        if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"usage: {usage}");
            return Usage;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var backup = scope.ServiceProvider.GetRequiredService<StoreBackup>();
        if (!await backup.IsSqliteAsync())
        {
            await Console.Error.WriteLineAsync(
                "backup and restore work on the SQLite store. This store is not SQLite: use the database's own tools (for PostgreSQL, pg_dump and pg_restore).");
            return Refused;
        }

        var file = Path.GetFullPath(args[0]);
        var outcome = await run(backup, file);
        if (!outcome.Done)
        {
            foreach (var problem in outcome.Problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            await Console.Error.WriteLineAsync("Nothing was changed.");
            return Refused;
        }

        await Console.Out.WriteLineAsync(done(file));
        return Succeeded;
    }
}

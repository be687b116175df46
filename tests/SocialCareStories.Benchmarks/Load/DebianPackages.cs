namespace SocialCareStories.Benchmarks.Load;

/// <summary>The Debian packages the load commands drive (wrk, chromium, postgresql), installed when missing as ./test.sh does.</summary>
internal static class DebianPackages
{
    private static readonly Dictionary<string, string> NonInteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    /// <summary><c>apt-get update</c> then <c>apt-get install</c> of one Debian package, with sudo when not root.</summary>
    public static async Task InstallAsync(string package, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Installing Debian's {package} package (apt-get), which this command needs");
        string[] sudo = Environment.UserName == "root" ? [] : ["sudo"];
        string[] update = [.. sudo, "apt-get", "update"];
        string[] install = [.. sudo, "apt-get", "install", "-y", "--no-install-recommends", package];
        await ChildProcess.RunToEndAsync(update[0], update[1..], NonInteractive, workingDirectory: null, cancellationToken);
        await ChildProcess.RunToEndAsync(install[0], install[1..], NonInteractive, workingDirectory: null, cancellationToken);
    }
}

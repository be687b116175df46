using System.Diagnostics;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>The Debian packages the load commands drive (wrk, chromium), installed when missing as ./test.sh does.</summary>
internal static class DebianPackages
{
    /// <summary><c>apt-get update</c> then <c>apt-get install</c> of one Debian package, with sudo when not root.</summary>
    public static async Task InstallAsync(string package, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Installing Debian's {package} package (apt-get), which this command needs");
        string[] sudo = Environment.UserName == "root" ? [] : ["sudo"];
        string[] update = [.. sudo, "apt-get", "update"];
        string[] install = [.. sudo, "apt-get", "install", "-y", "--no-install-recommends", package];
        await RunToEndAsync(update[0], update[1..], cancellationToken);
        await RunToEndAsync(install[0], install[1..], cancellationToken);
    }

    /// <summary>Runs a command to its end and returns what it printed; a non-zero exit code throws.</summary>
    public static async Task<string> RunToEndAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return await stdout + await stderr;
    }
}

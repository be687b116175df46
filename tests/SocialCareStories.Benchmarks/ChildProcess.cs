using System.Diagnostics;

namespace SocialCareStories.Benchmarks;

/// <summary>Runs a program to its end for the benchmark (apt-get, the app's own commands).</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="file"/> to its end and returns what it printed; a non-zero exit code throws with that output.</summary>
    public static async Task<string> RunToEndAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SocialCareStories.TestSupport;

namespace SocialCareStories.Web.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's package, which ./test.sh installs) on a free loopback port, in memory only
/// (no snapshots, no append-only file), stopped when disposed. Shared with the browser tests as a linked file.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _folder;

    private RedisServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for the portal's <c>Redis:Configuration</c> setting.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        if (!File.Exists(ServerPath))
        {
            throw new InvalidOperationException($"{ServerPath} is missing: run ./test.sh, which installs Debian's redis-server package.");
        }

        var port = LoopbackPort.Free();
        var folder = Directory.CreateTempSubdirectory("scs-redis-").FullName;
        var startInfo = new ProcessStartInfo(ServerPath)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, folder, port);
        try
        {
            server.WaitUntilItAnswersPing();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>Sends one command in Redis's inline form and returns the first line of the reply (e.g. <c>:3</c> for DBSIZE).</summary>
    public string Command(string command)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return reader.ReadLine() ?? "";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WaitUntilItAnswersPing()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
            }

            try
            {
                if (Command("PING") == "+PONG")
                {
                    return;
                }
            }
            catch (SocketException) when (clock.Elapsed < StartTimeout)
            {
            }

            if (clock.Elapsed >= StartTimeout)
            {
                throw new TimeoutException($"redis-server did not answer on port {Port} within {StartTimeout.TotalSeconds:N0}s.");
            }

            Thread.Sleep(50);
        }
    }
}

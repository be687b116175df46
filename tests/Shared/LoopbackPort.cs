using System.Net;
using System.Net.Sockets;

namespace SocialCareStories.TestSupport;

/// <summary>A port for a child process (the app, PostgreSQL, Redis) to listen on at 127.0.0.1.</summary>
public static class LoopbackPort
{
    /// <summary>One the system has just handed out and taken back: free now, and not handed out again at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

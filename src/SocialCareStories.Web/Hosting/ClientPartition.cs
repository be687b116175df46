using System.Net;
using System.Net.Sockets;

namespace SocialCareStories.Web.Hosting;

/// <summary>
/// Who a rate limit counts as one client. An IPv6 host is normally given a whole /64 and can pick a new address in it
/// for every request, so an IPv6 client is its /64; an IPv4 address carried as IPv6 (<c>::ffff:a.b.c.d</c>, a dual-stack
/// socket) is that IPv4 address. Every limiter that partitions by client uses this key. The address is the one
/// TransportSecurity settled on (a known proxy's forwarded address, otherwise the connection's).
/// </summary>
public static class ClientPartition
{
    public static string Key(HttpContext context) => Key(context.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}

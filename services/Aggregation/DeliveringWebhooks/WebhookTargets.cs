using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TokenOptimizer.Aggregation.DeliveringWebhooks;

/// <summary>
/// Where a webhook may go: not to this machine, the private network or a cloud's metadata service, since whoever defines
/// a budget would otherwise borrow the service's place in the network (server-side request forgery), unless
/// <c>Webhooks:AllowedHosts</c> names the host, its address or a range holding it. A URL is checked when a budget is
/// defined (a literal address, <c>localhost</c>), and every delivery is checked on the addresses the name resolves to
/// when it connects, so a name that resolves somewhere else later (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookTargets
{
    private static readonly (IPNetwork Network, string What)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback"),
        (IPNetwork.Parse("169.254.169.254/32"), "the cloud metadata"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved"),
        (IPNetwork.Parse("::1/128"), "a loopback"),
        (IPNetwork.Parse("::/96"), "an unspecified or IPv4-compatible"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "the cloud metadata"),
        (IPNetwork.Parse("fc00::/7"), "a unique local (private)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local"),
        (IPNetwork.Parse("fec0::/10"), "a site-local"),
        (IPNetwork.Parse("ff00::/8"), "a multicast"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a private NAT64"),
    ];

    // Prefixes whose addresses carry an IPv4 address, checked as that address: NAT64 (in the last 32 bits) and 6to4 (bits 16–48).
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly HashSet<string> _allowedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _allowedNetworks = [];

    public WebhookTargets(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var entry in options.Value.AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                _allowedNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                _allowedNetworks.Add(new IPNetwork(Normalise(address), Normalise(address).AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                _allowedNames.Add(entry.TrimEnd('.'));
            }
        }
    }

    /// <summary>Why <paramref name="url"/> may not receive webhooks, or null. A malformed URL is left to the budget's own rules.</summary>
    public string? RefusalOf(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || IsAllowedName(uri.IdnHost))
        {
            return null;
        }

        if (IPAddress.TryParse(uri.IdnHost, out var address))
        {
            return WhyRefused(address) is { } what ? Explain(uri.Host, address, what) : null;
        }

        // RFC 6761: every name under localhost is this machine, whatever a resolver says.
        var host = uri.IdnHost.TrimEnd('.');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? Explain(uri.Host, IPAddress.Loopback, "a loopback")
            : null;
    }

    /// <summary>
    /// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host and connects to the first
    /// address it may reach; refuses with <see cref="WebhookTargetRefusedException"/> when there is none.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var permitted = IsAllowedName(host) ? addresses : addresses.Where(a => WhyRefused(a) is null).ToArray();
        if (permitted.Length == 0)
        {
            var first = addresses.FirstOrDefault();
            throw new WebhookTargetRefusedException(first is null ? $"'{host}' resolves to no address." : Explain(host, first, WhyRefused(first)!));
        }

        // Dual mode (the default for this constructor): one socket reaches IPv4 and IPv6 addresses alike.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>What kind of address <paramref name="address"/> is when webhooks may not reach it; null when they may.</summary>
    public string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalised = Normalise(address);
        if (_allowedNetworks.Any(n => n.Contains(normalised)))
        {
            return null;
        }

        if (Embedded(normalised) is { } embedded && WhyRefused(embedded) is { } what)
        {
            return what;
        }

        return Refused.Where(r => r.Network.BaseAddress.AddressFamily == normalised.AddressFamily && r.Network.Contains(normalised))
            .Select(r => r.What).FirstOrDefault();
    }

    private bool IsAllowedName(string host) => _allowedNames.Contains(host.TrimEnd('.'));

    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        return Nat64.Contains(address) ? new IPAddress(bytes[12..16])
            : SixToFour.Contains(address) ? new IPAddress(bytes[2..6])
            : null;
    }

    private static string Explain(string host, IPAddress address, string what) =>
        $"'{host}' is {what} address ({address}): webhooks may not reach this machine, a private network or a cloud metadata service. " +
        "An administrator can allow it in Webhooks:AllowedHosts.";
}

/// <summary>A webhook's host is, or resolves only to, an address webhooks may not reach: the delivery fails without retries.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

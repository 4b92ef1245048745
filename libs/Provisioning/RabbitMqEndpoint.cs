using System.Globalization;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Where and how to reach a RabbitMQ virtual host, convertible to and from an AMQP URI
/// (<c>amqp://user:pass@host:port/vhost</c>, the form RabbitMQ.Client's <c>ConnectionFactory.Uri</c> takes).
/// </summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">AMQP port.</param>
/// <param name="UserName">User to authenticate as.</param>
/// <param name="Password">That user's password.</param>
/// <param name="VirtualHost">Virtual host; <c>/</c> is the default one.</param>
public sealed record RabbitMqEndpoint(string Host, int Port, string UserName, string Password, string VirtualHost = "/")
{
    /// <summary>The AMQP port when a URI names none.</summary>
    public const int DefaultPort = 5672;

    /// <summary>
    /// The AMQP URI. The default virtual host is written as an empty path (<c>…:5672/</c>); any other is
    /// percent-encoded, so <c>a/b</c> becomes <c>a%2Fb</c>.
    /// </summary>
    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"amqp://{Uri.EscapeDataString(UserName)}:{Uri.EscapeDataString(Password)}@{Host}:{Port}/{(VirtualHost == "/" ? "" : Uri.EscapeDataString(VirtualHost))}");

    /// <summary>Reads an <c>amqp://</c> URI; a missing user is <c>guest</c>, a missing path the default virtual host.</summary>
    /// <exception cref="FormatException">The text is not an AMQP URI.</exception>
    public static RabbitMqEndpoint Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new FormatException($"'{Redact(connectionString)}' is not an amqp:// URI.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var userName = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var path = uri.AbsolutePath.TrimStart('/');
        return new RabbitMqEndpoint(
            uri.Host,
            uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            userName,
            password,
            path.Length == 0 ? "/" : Uri.UnescapeDataString(path));
    }

    /// <summary>The same broker and user, another virtual host.</summary>
    public RabbitMqEndpoint WithVirtualHost(string virtualHost) => this with { VirtualHost = virtualHost };

    /// <summary>The URI with the password masked, safe for logs.</summary>
    public override string ToString() => Redact(ConnectionString);

    private static string Redact(string uri)
    {
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        var colon = at < 0 ? -1 : uri.LastIndexOf(':', at);
        return colon > "amqp://".Length - 1 ? $"{uri[..(colon + 1)]}***{uri[at..]}" : uri;
    }
}

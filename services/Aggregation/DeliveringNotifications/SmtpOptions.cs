using MailKit.Security;

namespace TokenOptimizer.Aggregation.DeliveringNotifications;

/// <summary>
/// Configuration section <c>Smtp</c>: the relay e-mail channels send through. The password belongs in a secret store
/// (user secrets, an environment variable <c>Smtp__Password</c>), never in a checked-in file; it is never logged.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The relay's host; e-mail deliveries fail (and say so) while it is empty.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>MailKit's TLS mode: <c>StartTls</c> (the default), <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c>, <c>Auto</c> or <c>None</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The sender, e.g. <c>TokenOptimizer &lt;alerts@example.com&gt;</c>.</summary>
    public string From { get; set; } = "TokenOptimizer <alerts@localhost>";

    /// <summary>The relay's user name; no authentication when empty.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";
}

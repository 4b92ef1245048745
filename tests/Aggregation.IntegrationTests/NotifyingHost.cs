using netDumbster.smtp;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>An <see cref="AggregationHost"/> whose SMTP relay is a loopback SMTP sink the test reads (netDumbster), without TLS.</summary>
public sealed class NotifyingHost : AggregationHost
{
    public SimpleSmtpServer Smtp { get; } = SimpleSmtpServer.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Smtp:Host", "127.0.0.1"),
        new("Smtp:Port", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Smtp:Security", "None"),
        new("Smtp:From", "TokenOptimizer <alerts@example.test>"),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

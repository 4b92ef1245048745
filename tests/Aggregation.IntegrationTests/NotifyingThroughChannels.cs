using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using MimeKit;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// An alert reaches every channel its rule lists, once per state: a webhook (the test's receiver) and an e-mail (the
/// host's SMTP sink); a redelivered message sends nothing more; quiet hours hold a warning and let a critical through.
/// </summary>
public sealed class NotifyingThroughChannels(NotifyingHost host) : IClassFixture<NotifyingHost>
{
    [Fact]
    public async Task ThresholdCrossedOnce_NotifiesOncePerStateThroughEachChannel_AndARedeliverySendsNothing()
    {
        // Given a webhook channel and an e-mail channel
        await using var receiver = await WebhookReceiver.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (hook, mail) = ($"hook-{suffix}", $"mail-{suffix}");
        await DefineAsync(hook, new { kind = "webhook", url = new Uri(receiver.BaseUrl, "/200").ToString() });
        var oncall = $"oncall-{suffix}@example.test";
        await DefineAsync(mail, new { kind = "email", recipients = new[] { oncall } });
        using var consumed = new ConsumedCounter(host.Bus);

        // When the alert fires, then resolves
        var firing = Alert($"alert-{suffix}", AlertStates.Firing, AlertSeverities.Warning, hook, mail);
        await host.Bus.Publish(firing);
        await WaitDeliveredAsync(firing.NotificationId, 2);
        var resolved = firing with { NotificationId = $"alert-{suffix}:resolved", State = AlertStates.Resolved };
        await host.Bus.Publish(resolved);
        await WaitDeliveredAsync(resolved.NotificationId, 2);

        // Then one webhook call and one mail per state
        Assert.Equal(2, receiver.Calls.Count);
        // The sink stores a message just after it answers the relay's end of data: wait for it to have both.
        await host.WaitUntilAsync(() => Task.FromResult(MailsTo(oncall).Count >= 2), "both mails stored by the sink");
        var mails = MailsTo(oncall);
        Assert.Equal(2, mails.Count);
        Assert.Equal(["[warning] Spend per hour firing", "[warning] Spend per hour resolved"], mails.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal(oncall, Assert.Single(m.To.Mailboxes).Address));
        Assert.All(mails, m => Assert.Contains("Cost reached $12.50 per hour", m.TextBody, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Contains("<p>Cost reached $12.50 per hour", m.HtmlBody, StringComparison.Ordinal));
        Assert.Equal([firing.NotificationId, resolved.NotificationId],
            receiver.Calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("notificationId").GetString()).Order(StringComparer.Ordinal));

        // When the firing is delivered again (a new message id, so only our delivery table can drop it)
        await host.Bus.Publish(firing);
        await host.WaitUntilAsync(() => Task.FromResult(consumed.Count >= 3), "the redelivery consumed");

        // Then nothing more was queued, so nothing more is sent
        Assert.Equal(4L, await host.ScalarAsync<long>(
            $"SELECT count(*) FROM {WebhookDeliveries.Table} WHERE alert_id = ANY($1)", (object)new[] { firing.NotificationId, resolved.NotificationId }));
        Assert.Equal(0L, await host.ScalarAsync<long>(
            $"SELECT count(*) FROM {WebhookDeliveries.Table} WHERE alert_id = ANY($1) AND status <> 'delivered'", (object)new[] { firing.NotificationId, resolved.NotificationId }));
        Assert.Equal(2, receiver.Calls.Count);
        Assert.Equal(2, MailsTo(oncall).Count);
    }

    [Fact]
    public async Task InQuietHours_AWarningIsHeldUntilTheyEnd_AndACriticalGoesThrough()
    {
        // Given an e-mail channel whose quiet hours (UTC) hold the present minute: from an hour ago to an hour from now
        var now = DateTimeOffset.UtcNow;
        var (start, end) = (now.AddHours(-1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), now.AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var quiet = $"quiet-{suffix}";
        await DefineAsync(quiet, new { kind = "email", recipients = new[] { "night@example.test" }, quietHours = new { start, end, timeZone = "Etc/UTC" } });

        // When a warning and a critical alert go to it
        var warning = Alert($"warn-{suffix}", AlertStates.Firing, AlertSeverities.Warning, quiet);
        var critical = Alert($"crit-{suffix}", AlertStates.Firing, AlertSeverities.Critical, quiet);
        await host.Bus.Publish(warning);
        await host.Bus.Publish(critical);

        // Then the critical is delivered, and the warning waits, queued for the end of the quiet hours
        await WaitDeliveredAsync(critical.NotificationId, 1);
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>(
            $"SELECT count(*) FROM {WebhookDeliveries.Table} WHERE alert_id = $1", warning.NotificationId) == 1, "the warning queued");
        Assert.Equal(WebhookDeliveries.Pending, await host.ScalarAsync<string>($"SELECT status FROM {WebhookDeliveries.Table} WHERE alert_id = $1", warning.NotificationId));
        Assert.Equal(0, await host.ScalarAsync<int>($"SELECT attempts FROM {WebhookDeliveries.Table} WHERE alert_id = $1", warning.NotificationId));
        var heldUntil = await host.ScalarAsync<DateTime>($"SELECT next_attempt_at FROM {WebhookDeliveries.Table} WHERE alert_id = $1", warning.NotificationId);
        Assert.Equal(end, heldUntil.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(heldUntil > now.UtcDateTime, "held until the quiet hours end, later today or tomorrow");
    }

    [Fact]
    public async Task ChannelWithAnInvalidField_IsRefused_NamingTheField()
    {
        using var response = await host.Http.PutAsJsonAsync("/v1/channels/bad-mail", new { kind = "email", recipients = new[] { "not an address" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("recipients", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task DefineAsync(string channelId, object terms)
    {
        using var response = await host.Http.PutAsJsonAsync($"/v1/channels/{channelId}", terms);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private List<MimeMessage> MailsTo(string address) =>
        [.. host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).Where(m => m.To.Mailboxes.Any(to => to.Address == address))];

    private Task WaitDeliveredAsync(string notificationId, int channels) =>
        host.WaitUntilAsync(async () => await host.ScalarAsync<long>(
            $"SELECT count(*) FROM {WebhookDeliveries.Table} WHERE alert_id = $1 AND status = 'delivered'", notificationId) == channels, $"{notificationId} delivered to {channels} channel(s)");

    private static AlertStateChanged Alert(string alertId, string state, string severity, params string[] channels) => new()
    {
        NotificationId = $"{alertId}:{state}",
        AlertId = alertId,
        RuleId = "rule-spend",
        RuleName = "Spend per hour",
        Severity = severity,
        State = state,
        Metric = "cost",
        Scope = "team=search",
        Value = 12.5m,
        Threshold = 10m,
        Summary = "Cost reached $12.50 per hour, above $10.00.",
        Channels = channels,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Counts the <see cref="AlertStateChanged"/> messages the host's consumer has finished with.</summary>
    private sealed class ConsumedCounter : IConsumeMessageObserver<AlertStateChanged>, IDisposable
    {
        private readonly ConnectHandle _handle;
        private int _count;

        public ConsumedCounter(IBus bus) => _handle = bus.ConnectConsumeMessageObserver(this);

        public int Count => Volatile.Read(ref _count);

        public Task PreConsume(ConsumeContext<AlertStateChanged> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<AlertStateChanged> context)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<AlertStateChanged> context, Exception exception) => Task.CompletedTask;

        public void Dispose() => _handle.Disconnect();
    }
}

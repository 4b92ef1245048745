using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.DeliveringNotifications;

namespace TokenOptimizer.Aggregation.DeliveringWebhooks;

/// <summary>
/// Sends queued webhooks and e-mails (a <c>mailto:</c> target, through <see cref="MailSender"/>), apart from the daemons
/// so a slow receiver never holds one up. A timeout, a network error, 408, 429 or 5xx (for e-mail: a 4xx SMTP reply) is
/// retried with exponential backoff up to <c>MaxAttempts</c>; any other answer but 2xx fails at once, a redirect too
/// (it is not followed), and so does a target <see cref="WebhookTargets"/> refuses or a 5xx SMTP reply.
/// Each delivery is claimed with a lease (<c>FOR UPDATE SKIP LOCKED</c>), so several
/// instances share the queue without sending one twice.
/// </summary>
public sealed partial class WebhookDeliverer(NpgsqlDataSource dataSource, IHttpClientFactory httpClients, MailSender mail, IOptions<WebhookOptions> options, ILogger<WebhookDeliverer> logger)
    : BackgroundService
{
    public const string HttpClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (NpgsqlException exception)
            {
                LogQueueUnavailable(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Attempts every due delivery once; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = new List<(long Id, string Url, string Body, int Attempts)>();
        await using (var claim = dataSource.CreateCommand($"""
            UPDATE {WebhookDeliveries.Table} d SET next_attempt_at = now() + $1
            WHERE delivery_id IN (SELECT delivery_id FROM {WebhookDeliveries.Table}
                                  WHERE status = '{WebhookDeliveries.Pending}' AND next_attempt_at <= now()
                                  ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED)
            RETURNING delivery_id, url, body::text, attempts
            """))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = options.Value.Timeout * 2 });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        await Parallel.ForEachAsync(due, cancellationToken, async (delivery, ct) => await AttemptAsync(delivery.Id, delivery.Url, delivery.Body, delivery.Attempts + 1, ct));
        return due.Count;
    }

    private async Task AttemptAsync(long id, string url, string body, int attempt, CancellationToken cancellationToken)
    {
        var (statusCode, error, retry) = url.StartsWith(WebhookDeliveries.MailtoScheme + ":", StringComparison.Ordinal)
            ? await MailAsync(url, body, cancellationToken)
            : await PostAsync(url, body, cancellationToken);
        var status = error is null ? WebhookDeliveries.Delivered : retry && attempt < options.Value.MaxAttempts ? WebhookDeliveries.Pending : WebhookDeliveries.Failed;
        var backoff = options.Value.FirstRetryDelay * Math.Pow(2, attempt - 1);
        await using var record = dataSource.CreateCommand($"""
            UPDATE {WebhookDeliveries.Table} SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
                next_attempt_at = now() + $6, finished_at = CASE WHEN $2 = '{WebhookDeliveries.Pending}' THEN NULL ELSE now() END
            WHERE delivery_id = $1
            """);
        record.Parameters.Add(new NpgsqlParameter { Value = id });
        record.Parameters.Add(new NpgsqlParameter { Value = status });
        record.Parameters.Add(new NpgsqlParameter { Value = attempt });
        record.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = statusCode });
        record.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = error });
        record.Parameters.Add(new NpgsqlParameter { Value = backoff });
        await record.ExecuteNonQueryAsync(cancellationToken);
        if (status == WebhookDeliveries.Failed)
        {
            LogDeliveryFailed(id, attempt, error ?? "");
        }
    }

    private async Task<(int? StatusCode, string? Error, bool Retry)> PostAsync(string url, string body, CancellationToken cancellationToken)
    {
        int? statusCode = null;
        string? error = null;
        var retry = false;
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri(url), content, timeout.Token);
            statusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {statusCode}";
                retry = statusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            (error, retry) = ($"no answer within {options.Value.Timeout.TotalSeconds:0.#} s", true);
        }
        catch (HttpRequestException exception) when (exception.InnerException is WebhookTargetRefusedException refused)
        {
            (error, retry) = (refused.Message, false);
        }
        catch (HttpRequestException exception)
        {
            (error, retry) = (exception.Message, true);
        }

        return (statusCode, error, retry);
    }

    // The SMTP reply code stands in for the HTTP status: 4xx is the relay's "try again later", 5xx a refusal.
    private async Task<(int? StatusCode, string? Error, bool Retry)> MailAsync(string url, string body, CancellationToken cancellationToken)
    {
        var recipients = url[(WebhookDeliveries.MailtoScheme.Length + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            await mail.SendAsync(recipients, JsonSerializer.Deserialize<NotificationMail>(body, JsonSerializerOptions.Web)!, timeout.Token);
            return (null, null, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s", true);
        }
        catch (SmtpCommandException exception)
        {
            var code = (int)exception.StatusCode;
            return (code, $"SMTP {code}: {exception.Message}", code is >= 400 and < 500);
        }
        catch (Exception exception) when (exception is SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException)
        {
            return (null, exception.Message, true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or MailKit.Security.AuthenticationException or MimeKit.ParseException)
        {
            return (null, exception.Message, false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook queue unavailable; trying again")]
    private partial void LogQueueUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed after {Attempts} attempts: {Error}")]
    private partial void LogDeliveryFailed(long deliveryId, int attempts, string error);
}

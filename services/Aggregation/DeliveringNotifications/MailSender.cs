using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace TokenOptimizer.Aggregation.DeliveringNotifications;

/// <summary>Sends one notification e-mail through the relay in <see cref="SmtpOptions"/> with MailKit: a connection per message (alerts are rare).</summary>
public sealed class MailSender(IOptions<SmtpOptions> options)
{
    public async Task SendAsync(IReadOnlyList<string> recipients, NotificationMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(mail);
        var smtp = options.Value;
        if (smtp.Host.Length == 0)
        {
            throw new InvalidOperationException("Smtp:Host is not configured.");
        }

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.AddRange(recipients.Select(MailboxAddress.Parse));
        message.Subject = mail.Subject;
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (smtp.UserName.Length > 0)
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

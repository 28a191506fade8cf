using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CitizenVoice.Infrastructure.Email;

/// <summary>One email to one staff member; plain text, so any mail client (and a phone on a slow link) shows it as written.</summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string Body);

/// <summary>Sends through the configured SMTP server with MailKit, one connection per batch.</summary>
public sealed class Mailer(IOptions<SmtpOptions> options, ILogger<Mailer> logger)
{
    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>
    /// Sends each mail; returns the ones that could not be sent (all of them when the server cannot be reached), so
    /// the caller can try them again later. Addresses are not logged: a failure names only how many mails it hit.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingMail>> SendAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.IsEnabled || mails.Count == 0)
        {
            return mails;
        }

        var failed = new List<OutgoingMail>();
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, o.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, ct);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not connect to the SMTP server {Host}:{Port}; {Count} mails not sent", o.Host, o.Port, mails.Count);
            return mails;
        }

        var from = MailboxAddress.Parse(o.From!);
        for (var i = 0; i < mails.Count; i++)
        {
            var mail = mails[i];
            var message = new MimeMessage();
            message.From.Add(from);
            message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
            message.Subject = mail.Subject;
            message.Body = new TextPart("plain") { Text = mail.Body };
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
            {
                logger.LogWarning("The SMTP server refused a mail: {Error}", e.GetType().Name);
                failed.Add(mail);
                if (!client.IsConnected)
                {
                    failed.AddRange(mails.Skip(i + 1));
                    return failed;
                }
            }
        }

        await client.DisconnectAsync(quit: true, ct);
        return failed;
    }
}

namespace CitizenVoice.Infrastructure.Email;

public static class EmailSetup
{
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.IsEnabled || MimeKit.MailboxAddress.TryParse(o.From, out _), "Smtp:From must be a valid address when Smtp:Host is set.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Mailer>();
        return builder;
    }
}

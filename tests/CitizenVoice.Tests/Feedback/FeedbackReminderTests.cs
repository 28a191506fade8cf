using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Infrastructure;
using CitizenVoice.Tests.Dialogues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Feedback;

/// <summary>Deadlines reach the people who must act, once each; the sender hears of every step; old contacts go.</summary>
public sealed class FeedbackReminderTests(MailingApp app) : IClassFixture<MailingApp>
{
    private async Task<string> SendAsync(string? email = null)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/feedback", new
        {
            kind = "kien-nghi", fieldCode = "CU-TRU", unitCode = "BK-NS", subject = $"Đèn đường {Guid.NewGuid():N}",
            content = "Đề nghị lắp đèn đường trước trụ sở công an xã.", email, consent = email is not null,
        });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    private async Task<int> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedbackReminders>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_overdue_item_is_mailed_to_its_unit_and_the_leaders_above_once_and_again_when_a_new_deadline_passes()
    {
        var code = await SendAsync();
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(7));
        await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.TrackingCode == code).ExecuteUpdateAsync(s => s.SetProperty(f => f.DueOn, today.AddDays(-3))));

        await RunAsync();
        bool MailedTo(string who) => app.Smtp.Mails.Any(m => m.Recipients.Contains(who) && m.Text.Contains(code, StringComparison.Ordinal));
        Assert.True(MailedTo("canbo.nganson@congan.backan.example"));
        Assert.True(MailedTo("lanhdao.nganson@congan.backan.example"));
        Assert.True(MailedTo("lanhdao@congan.backan.example"));
        Assert.False(MailedTo("canbo.babe@congan.backan.example"));
        Assert.Contains(app.Smtp.Mails, m => m.Text.Contains(code, StringComparison.Ordinal) && (m.Message.Subject ?? "").Contains("quá hạn", StringComparison.Ordinal));

        var mails = app.Smtp.Mails.Count(m => m.Text.Contains(code, StringComparison.Ordinal));
        await RunAsync();
        Assert.Equal(mails, app.Smtp.Mails.Count(m => m.Text.Contains(code, StringComparison.Ordinal)));

        await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.TrackingCode == code).ExecuteUpdateAsync(s => s.SetProperty(f => f.DueOn, today.AddDays(-1))));
        await RunAsync();
        Assert.True(app.Smtp.Mails.Count(m => m.Text.Contains(code, StringComparison.Ordinal)) > mails);
    }

    [Fact]
    public async Task The_sender_is_told_of_receipt_by_email_and_contacts_of_long_closed_items_are_deleted()
    {
        var code = await SendAsync("nguoi.gui.77@example.com");
        Assert.Contains(app.Smtp.Mails, m => m.Recipients.Contains("nguoi.gui.77@example.com") && m.Text.Contains(code, StringComparison.Ordinal));

        await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.TrackingCode == code).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Status, FeedbackStatus.Closed).SetProperty(f => f.ClosedAt, DateTime.UtcNow.AddDays(-400))));
        await PersonalDataRetention.RunOnceAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None);
        var item = await app.WithDbAsync(db => db.FeedbackItems.AsNoTracking().SingleAsync(f => f.TrackingCode == code));
        Assert.Null(item.EmailProtected);
        Assert.NotNull(item.AnonymisedAt);
    }
}

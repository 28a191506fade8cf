using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using CitizenVoice.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Emails again about written answers past their due date that a leader has not yet approved: to the official the
/// moderator named, or else to the unit's officers and leaders. An assignment is named at most once a Vietnamese day;
/// the day is claimed in the database before mailing, so when several copies of the app run their timers together
/// only one of them mails it.
/// </summary>
public sealed class OverdueAnswerReminders(AppDb db, AnswerWork work, Mailer mailer, SiteAddress site, AppMetrics metrics,
    TimeProvider clock, ILogger<OverdueAnswerReminders> logger)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private sealed record Due(int Id, int UnitId, string UnitName, string? AssigneeId, DateOnly DueOn, string Question, string SessionTitle,
        AnswerAssignmentStatus Status, DateOnly? RemindedOn);

    /// <summary>Mails sent, assignments they named, mails that failed (the assignment is tried again on the next run).</summary>
    public async Task<ReminderRun> RunAsync(CancellationToken ct)
    {
        if (!mailer.IsEnabled)
        {
            return new(0, 0, 0);
        }

        var today = VietnamTime.Today(clock);
        var due = await db.AnswerAssignments.AsNoTracking()
            .Where(a => a.Status != AnswerAssignmentStatus.Published && a.DueOn < today)
            .Where(a => a.OverdueRemindedOn == null || a.OverdueRemindedOn < today)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new Due(a.Id, a.UnitId, a.Unit!.Name, a.AssigneeId, a.DueOn, a.Opinion!.Text, a.Session!.Title, a.Status, a.OverdueRemindedOn))
            .ToListAsync(ct);

        var sent = 0;
        var failedMails = 0;
        var named = 0;
        foreach (var a in due)
        {
            // The claim: only the copy whose update still finds the old day mails this assignment today.
            var claimed = await db.AnswerAssignments.Where(x => x.Id == a.Id && x.OverdueRemindedOn == a.RemindedOn)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OverdueRemindedOn, today), ct);
            if (claimed != 1)
            {
                continue;
            }

            var mails = (await work.RecipientsAsync(a.UnitId, a.AssigneeId, ct)).Select(r => Compose(r.Email, r.FullName, a, today)).ToList();
            IReadOnlyList<OutgoingMail> failed = mails.Count == 0 ? [] : await mailer.SendAsync(mails, ct);
            sent += mails.Count - failed.Count;
            failedMails += failed.Count;
            if (failed.Count > 0 && failed.Count == mails.Count)
            {
                // Nobody got it: give the day back so the next run tries again.
                await db.AnswerAssignments.Where(x => x.Id == a.Id && x.OverdueRemindedOn == today)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.OverdueRemindedOn, a.RemindedOn), ct);
            }
            else if (mails.Count > 0)
            {
                named++;
            }
        }

        metrics.RemindersSent.Add(sent, new KeyValuePair<string, object?>("kind", "answer"));
        if (named + failedMails > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Overdue answer reminders: {Sent} mails sent about {Assignments} assignments, {Failed} failed", sent, named, failedMails);
        }

        return new(sent, named, failedMails);
    }

    private OutgoingMail Compose(string email, string fullName, Due a, DateOnly today)
    {
        var quoted = a.Question.Length > 500 ? a.Question[..500] + "…" : a.Question;
        var stage = a.Status == AnswerAssignmentStatus.AwaitingApproval
            ? "Dự thảo trả lời đang chờ lãnh đạo đơn vị duyệt."
            : a.Status == AnswerAssignmentStatus.Returned
                ? "Dự thảo trả lời đã bị lãnh đạo trả lại để sửa."
                : "Câu hỏi chưa có dự thảo trả lời.";
        var body = new StringBuilder()
            .Append("Kính gửi đồng chí ").Append(fullName).Append(",\n\n")
            .Append(CultureInfo.InvariantCulture,
                $"{a.UnitName} được giao trả lời bằng văn bản câu hỏi sau, hạn {a.DueOn.ToString("dd/MM/yyyy", Vi)}, nay đã quá hạn {today.DayNumber - a.DueOn.DayNumber} ngày mà câu trả lời chưa được duyệt:\n\n")
            .Append("   ").Append(quoted).Append("\n\n")
            .Append("Buổi đối thoại: ").Append(a.SessionTitle).Append('\n')
            .Append(stage).Append("\n\n")
            .Append("Đề nghị đồng chí hoàn thành dự thảo và trình lãnh đạo duyệt: ")
            .Append(site.Link(AnswerWork.Path + "#giao-" + a.Id.ToString(CultureInfo.InvariantCulture))).Append("\n\n")
            .Append("Thư này do hệ thống CitizenVoice gửi tự động, mỗi ngày một lần cho đến khi câu trả lời được duyệt.\n");
        return new OutgoingMail(email, fullName, "Nhắc việc: câu hỏi được giao trả lời đã quá hạn", body.ToString());
    }
}

using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Infrastructure;
using CitizenVoice.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The written-answer workflow's shared reads and its email: what is open for a unit subtree (the work list and the
/// staff home's count), and the mail that tells a unit, or the official the moderator named, that a question waits.
/// </summary>
public sealed class AnswerWork(AppDb db, Mailer mailer, SiteAddress site, ILogger<AnswerWork> logger)
{
    public const string Path = "/quan-tri/viec-duoc-giao";

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Open assignments of the units under <paramref name="unitPath"/>: how many, and how many past their due date.</summary>
    public static async Task<(int Open, int Overdue)> CountsAsync(AppDb db, string unitPath, DateOnly today, CancellationToken ct = default)
    {
        var open = db.AnswerAssignments.Where(a => a.Status != AnswerAssignmentStatus.Published && a.Unit!.Path.StartsWith(unitPath));
        return (await open.CountAsync(ct), await open.CountAsync(a => a.DueOn < today, ct));
    }

    /// <summary>
    /// Mails the named official, or else every active officer and leader of the unit who has an address. A mail that
    /// does not go is logged and not retried: the work list and the staff home show the assignment anyway.
    /// </summary>
    public async Task NotifyAssignedAsync(AnswerAssignment assignment, string question, string sessionTitle, string unitName, CancellationToken ct)
    {
        if (!mailer.IsEnabled)
        {
            return;
        }

        var recipients = await RecipientsAsync(assignment.UnitId, assignment.AssigneeId, ct);
        if (recipients.Count == 0)
        {
            return;
        }

        var quoted = question.Length > 500 ? question[..500] + "…" : question;
        var mails = recipients.Select(r => new OutgoingMail(r.Email, r.FullName, "Việc được giao: trả lời câu hỏi của Nhân dân sau đối thoại",
            new StringBuilder()
                .Append("Kính gửi đồng chí ").Append(r.FullName).Append(",\n\n")
                .Append(CultureInfo.InvariantCulture, $"{unitName} được giao trả lời bằng văn bản câu hỏi sau, hạn {assignment.DueOn.ToString("dd/MM/yyyy", Vi)}:\n\n")
                .Append("   ").Append(quoted).Append("\n\n")
                .Append("Buổi đối thoại: ").Append(sessionTitle).Append("\n\n")
                .Append("Dự thảo trả lời trên hệ thống; lãnh đạo đơn vị duyệt trước khi công bố: ")
                .Append(site.Link(Path + "#giao-" + assignment.Id.ToString(CultureInfo.InvariantCulture))).Append("\n\n")
                .Append("Thư này do hệ thống CitizenVoice gửi tự động.\n").ToString())).ToList();
        var failed = await mailer.SendAsync(mails, ct);
        if (failed.Count > 0)
        {
            logger.LogWarning("{Failed} of {Count} mails about answer assignment {Id} were not sent", failed.Count, mails.Count, assignment.Id);
        }
    }

    /// <summary>Who hears about an assignment: the named official, or else every active officer and leader of the unit with an address.</summary>
    internal async Task<List<(string Email, string FullName)>> RecipientsAsync(int unitId, string? assigneeId, CancellationToken ct)
    {
        var people = db.Users.AsNoTracking().Where(u => u.Email != null);
        if (assigneeId is { } assignee)
        {
            people = people.Where(u => u.Id == assignee);
        }
        else
        {
            var roleIds = db.Roles.Where(r => r.Name == Roles.Officer || r.Name == Roles.Leader).Select(r => r.Id);
            var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
            people = people.Where(u => u.UnitId == unitId && userIds.Contains(u.Id));
        }

        var farFuture = DateTimeOffset.UtcNow.AddYears(50);
        return (await people.Select(u => new { u.Email, u.FullName, u.LockoutEnd }).ToListAsync(ct))
            .Where(u => !(u.LockoutEnd is { } end && end > farFuture)).Select(u => (u.Email!, u.FullName)).ToList();
    }
}

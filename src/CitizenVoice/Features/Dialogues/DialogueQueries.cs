using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The public reads of dialogues, shared by the pages and the JSON API so both always say the same.</summary>
public static class DialogueQueries
{
    public sealed record Filter(string? Unit, string? Field, int? Year);

    public sealed record SessionSummary(
        int Id, string Title, string HostUnitCode, string HostUnitName, DialogueFormat Format, DialogueStatus Status,
        DateTime StartsAt, DateTime EndsAt, string? Venue, List<string> FieldCodes);

    public sealed record CommitmentView(int Id, string What, string UnitName, DateOnly DueOn, CommitmentStatus Status, string? Evidence, bool Overdue);

    public sealed record QuestionView(
        int Id, string Text, string? FieldCode, OpinionChannel Channel, int Supports, int MergedCount,
        string? Answer, AnswerTiming? AnswerTiming, string? AnsweredBy, string? AnsweringUnitName, DateTime? AnsweredAt,
        List<CommitmentView> Commitments);

    public sealed record SessionDetail(
        SessionSummary Summary, string Content, string Chair, string? Officials, DateTime? AnnouncedAt,
        Dictionary<string, int?> Attendance, int? Participants, AccountabilityFigures Figures, List<QuestionView> Questions);

    /// <summary>Delegate groups in the order the minutes list them (as the article names them).</summary>
    public static readonly string[] DelegateGroups =
        ["Đại biểu Đảng ủy, cấp ủy", "Đại biểu Hội đồng nhân dân", "Đại biểu Ủy ban nhân dân", "Đại diện các thôn, bản, tổ dân phố", "Đại diện tổ chức, hộ kinh doanh", "Người dân"];

    public static Dictionary<string, int?> AttendanceOf(DialogueSession s) => new()
    {
        [DelegateGroups[0]] = s.DelegatesPartyCommittee,
        [DelegateGroups[1]] = s.DelegatesPeoplesCouncil,
        [DelegateGroups[2]] = s.DelegatesPeoplesCommittee,
        [DelegateGroups[3]] = s.DelegatesVillages,
        [DelegateGroups[4]] = s.DelegatesBusinesses,
        [DelegateGroups[5]] = s.DelegatesCitizens,
    };

    public static async Task<List<SessionSummary>> ListAsync(AppDb db, Filter filter, CancellationToken ct = default)
    {
        var query = db.DialogueSessions.AsNoTracking().Where(s => s.Status != DialogueStatus.Draft);
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var path = await db.Units.Where(u => u.Code == filter.Unit).Select(u => u.Path).SingleOrDefaultAsync(ct);
            query = path is null ? query.Where(_ => false) : query.Where(s => s.HostUnit!.Path.StartsWith(path));
        }

        if (!string.IsNullOrWhiteSpace(filter.Field))
        {
            query = query.Where(s => s.FieldCodes.Contains(filter.Field));
        }

        if (filter.Year is { } year)
        {
            // Years are the agency's (UTC+7): a session at 06:00 on 1 January belongs to the new year.
            var from = VietnamTime.ToUtc(new DateTime(year, 1, 1));
            var to = VietnamTime.ToUtc(new DateTime(year + 1, 1, 1));
            query = query.Where(s => s.StartsAt >= from && s.StartsAt < to);
        }

        return await query.OrderByDescending(s => s.StartsAt)
            .Select(s => new SessionSummary(s.Id, s.Title, s.HostUnit!.Code, LocalName.Of(s.HostUnit.Name, s.HostUnit.NameEn), s.Format, s.Status, s.StartsAt, s.EndsAt, s.Venue, s.FieldCodes))
            .ToListAsync(ct);
    }

    public static async Task<SessionDetail?> DetailAsync(AppDb db, int id, DateOnly today, CancellationToken ct = default)
    {
        var session = await db.DialogueSessions.AsNoTracking().Include(s => s.HostUnit)
            .SingleOrDefaultAsync(s => s.Id == id && s.Status != DialogueStatus.Draft, ct);
        if (session is null)
        {
            return null;
        }

        var questions = await db.Opinions.AsNoTracking()
            .Where(o => o.SessionId == id && (o.Status == OpinionStatus.Approved || o.Status == OpinionStatus.Answered))
            .OrderByDescending(o => o.Supports).ThenBy(o => o.ReceivedAt)
            .Select(o => new
            {
                o.Id, o.Text, o.FieldCode, o.Channel, o.Supports, o.Answer, o.AnswerTiming, o.AnsweredBy,
                AnsweringUnitName = o.AnsweringUnit!.Name, AnsweringUnitNameEn = o.AnsweringUnit.NameEn, o.AnsweredAt,
                MergedCount = db.Opinions.Count(m => m.MergedIntoId == o.Id),
                Commitments = o.Commitments.OrderBy(c => c.DueOn)
                    .Select(c => new { c.Id, c.What, UnitName = c.ResponsibleUnit!.Name, UnitNameEn = c.ResponsibleUnit.NameEn, c.DueOn, c.Status, c.Evidence }).ToList(),
            })
            .ToListAsync(ct);

        var summary = new SessionSummary(session.Id, session.Title, session.HostUnit!.Code, LocalName.Of(session.HostUnit.Name, session.HostUnit.NameEn), session.Format,
            session.Status, session.StartsAt, session.EndsAt, session.Venue, session.FieldCodes);
        return new SessionDetail(
            summary, session.Content, session.Chair, session.Officials, session.AnnouncedAt, AttendanceOf(session), session.Participants,
            await Accountability.ForSessionAsync(db, id, today, ct),
            questions.Select(q => new QuestionView(
                q.Id, q.Text, q.FieldCode, q.Channel, q.Supports, q.MergedCount, q.Answer, q.AnswerTiming, q.AnsweredBy,
                q.AnsweringUnitName is null ? null : LocalName.Of(q.AnsweringUnitName, q.AnsweringUnitNameEn), q.AnsweredAt,
                q.Commitments.Select(c => new CommitmentView(c.Id, c.What, LocalName.Of(c.UnitName, c.UnitNameEn), c.DueOn, c.Status, c.Evidence,
                    c.Status is CommitmentStatus.Open or CommitmentStatus.InProgress && c.DueOn < today)).ToList())).ToList());
    }
}

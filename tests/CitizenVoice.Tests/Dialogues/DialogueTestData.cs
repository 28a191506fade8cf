using CitizenVoice.Data;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>Small builders for dialogue tests: each test makes its own session so tests never see each other's data.</summary>
public static class DialogueTestData
{
    public static Task<int> CreateSessionAsync(
        CitizenVoiceApp app, string unitCode = "BK-NS", DialogueStatus status = DialogueStatus.OpenForQuestions, string? title = null) =>
        app.WithDbAsync(db => CreateSessionAsync(db, unitCode, status, title));

    public static async Task<int> CreateSessionAsync(AppDb db, string unitCode = "BK-NS", DialogueStatus status = DialogueStatus.OpenForQuestions, string? title = null)
    {
        var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        var start = DateTime.UtcNow.AddDays(10);
        var session = new DialogueSession
        {
            HostUnitId = unitId, Title = title ?? $"Đối thoại thử nghiệm {Guid.NewGuid():N}",
            Content = "Nội dung thử nghiệm.", FieldCodes = ["CCCD", "CU-TRU"], Chair = "Trưởng Công an huyện",
            Officials = "Đội trưởng Đội Cảnh sát quản lý hành chính", Format = DialogueFormat.InPerson,
            Venue = "Hội trường thử nghiệm", StartsAt = start, EndsAt = start.AddHours(3), Status = status, CreatedAt = DateTime.UtcNow,
        };
        db.DialogueSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public static Task<int> AddOpinionAsync(CitizenVoiceApp app, int sessionId, string text, OpinionStatus status = OpinionStatus.Pending) =>
        app.WithDbAsync(db => AddOpinionAsync(db, sessionId, text, status));

    public static async Task<int> AddOpinionAsync(AppDb db, int sessionId, string text, OpinionStatus status = OpinionStatus.Pending)
    {
        var opinion = new Opinion
        {
            SessionId = sessionId, Channel = OpinionChannel.AdvanceOnline, FieldCode = "CCCD", Text = text,
            Status = status, ReceivedAt = DateTime.UtcNow,
        };
        db.Opinions.Add(opinion);
        await db.SaveChangesAsync();
        return opinion.Id;
    }

    public static Task<Opinion> OpinionAsync(CitizenVoiceApp app, int id) =>
        app.WithDbAsync(db => db.Opinions.AsNoTracking().Include(o => o.Commitments).SingleAsync(o => o.Id == id));
}

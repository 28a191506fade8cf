using CitizenVoice.Features.Feedback;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Feedback;

/// <summary>Builders for pages that need feedback data of their own, such as the whole-site checks.</summary>
public static class FeedbackTestData
{
    /// <summary>An answered item of Ngân Sơn whose sender agreed, published on the "Hỏi đáp" page; returns the question's id and the item's.</summary>
    public static Task<(int Question, int Item)> PublishedQuestionAsync(CitizenVoiceApp app) => app.WithDbAsync(async db =>
    {
        var unit = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync();
        var field = await db.Fields.Where(f => f.Code == "CU-TRU").Select(f => f.Id).SingleAsync();
        var now = DateTime.UtcNow;
        var item = new FeedbackItem
        {
            TrackingCode = "PA-2026-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), SecretHash = "-", Kind = FeedbackKind.Report,
            Channel = FeedbackChannel.Web, FieldId = field, ReceivingUnitId = unit, AssignedUnitId = unit, Subject = "Đăng ký tạm trú cho người thuê nhà",
            Content = "Xin hỏi người thuê nhà ở thị trấn Nà Phặc đăng ký tạm trú cần những giấy tờ gì?", PublishConsent = true,
            ReceivedAt = now, ReceivedOn = DateOnly.FromDateTime(now.AddHours(7)), Status = FeedbackStatus.Answered,
            Answer = "Người thuê nhà nộp tờ khai thay đổi thông tin cư trú và hợp đồng thuê nhà tại Công an xã nơi thuê.", AnsweredAt = now,
        };
        db.FeedbackItems.Add(item);
        await db.SaveChangesAsync();
        var qa = new QuestionAnswer
        {
            FeedbackItemId = item.Id, FieldId = field, UnitId = unit, Title = item.Subject, Question = item.Content, Answer = item.Answer,
            SearchText = AnswerPublishing.SearchForm(item.Subject + " " + item.Content + " " + item.Answer),
            Status = QuestionAnswerStatus.Published, ProposedAt = now, PublishedAt = now,
        };
        db.QuestionAnswers.Add(qa);
        await db.SaveChangesAsync();
        return (qa.Id, item.Id);
    });
}

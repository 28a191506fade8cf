using System.ComponentModel.DataAnnotations;

namespace CitizenVoice.Features.Feedback;

/// <summary>Limits, names and the words citizens see for feedback: one place for the form, the API and the staff pages.</summary>
public static class FeedbackRules
{
    public const int SubjectMax = 200;
    public const int ContentMax = 8000;
    public const int NoteMax = 2000;
    public const int NameMax = 120;

    /// <summary>The API's words for the kinds: stable, as the public API names them.</summary>
    public static string Slug(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Suggestion => "gop-y",
        FeedbackKind.Report => "phan-anh",
        _ => "kien-nghi",
    };

    public static FeedbackKind? ParseKind(string? slug) => slug switch
    {
        "gop-y" => FeedbackKind.Suggestion,
        "phan-anh" => FeedbackKind.Report,
        "kien-nghi" => FeedbackKind.Petition,
        _ => null,
    };

    public static string KindName(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Suggestion => "Góp ý",
        FeedbackKind.Report => "Phản ánh",
        _ => "Kiến nghị",
    };

    public static string ChannelName(FeedbackChannel channel) => channel switch
    {
        FeedbackChannel.Web => "Cổng thông tin",
        FeedbackChannel.Phone => "Điện thoại, đường dây nóng",
        FeedbackChannel.Email => "Thư điện tử",
        FeedbackChannel.Letter => "Thư, đơn gửi qua bưu điện",
        _ => "Hòm thư góp ý tại nơi tiếp dân",
    };

    /// <summary>The status as the citizen reads it on the tracking page.</summary>
    public static string StatusName(FeedbackStatus status) => status switch
    {
        FeedbackStatus.Received => "Đã tiếp nhận, chờ xử lý",
        FeedbackStatus.InProgress => "Đang giải quyết",
        FeedbackStatus.WaitingForCitizen => "Chờ người gửi bổ sung thông tin",
        FeedbackStatus.AwaitingApproval => "Đang giải quyết",
        FeedbackStatus.Answered => "Đã trả lời",
        FeedbackStatus.Rejected => "Không được tiếp nhận",
        _ => "Đã kết thúc",
    };

    /// <summary>The status as staff read it: they also see the answer waiting for approval.</summary>
    public static string StaffStatusName(FeedbackStatus status) =>
        status == FeedbackStatus.AwaitingApproval ? "Chờ lãnh đạo duyệt trả lời" : StatusName(status);

    public static string ActionName(FeedbackAction action) => action switch
    {
        FeedbackAction.Received => "Tiếp nhận",
        FeedbackAction.Accepted => "Thụ lý giải quyết",
        FeedbackAction.Rejected => "Không tiếp nhận",
        FeedbackAction.Forwarded => "Chuyển đơn vị có thẩm quyền",
        FeedbackAction.InformationRequested => "Đề nghị bổ sung thông tin",
        FeedbackAction.InformationAdded => "Người gửi bổ sung thông tin",
        FeedbackAction.AnswerDrafted => "Dự thảo trả lời, trình lãnh đạo",
        FeedbackAction.AnswerReturned => "Lãnh đạo yêu cầu sửa dự thảo",
        FeedbackAction.Answered => "Trả lời",
        FeedbackAction.RatedSatisfied => "Người gửi hài lòng với trả lời",
        FeedbackAction.RatedDissatisfied => "Người gửi không hài lòng với trả lời",
        FeedbackAction.Reopened => "Mở lại để lãnh đạo xem xét",
        FeedbackAction.PublicationProposed => "Đề xuất đăng lên trang Hỏi đáp",
        FeedbackAction.Published => "Đăng câu hỏi và trả lời lên trang Hỏi đáp",
        FeedbackAction.PublicationWithdrawn => "Gỡ câu hỏi và trả lời khỏi trang Hỏi đáp",
        _ => "Xóa thông tin cá nhân",
    };
}

/// <summary>
/// Deadlines in working days for each step, and whether a leader approves answers before they go out. The defaults are
/// the agency's rules for handling feedback: decide to accept, reject or forward within 2 working days (a unit that
/// receives a forwarded item has the same), answer within 15.
/// </summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    [Range(1, 60)]
    public int DecideDays { get; set; } = 2;

    [Range(1, 120)]
    public int AnswerDays { get; set; } = 15;

    /// <summary>A different answer time per kind, by its API word: <c>Feedback__AnswerDaysByKind__kien-nghi=20</c>.</summary>
    public Dictionary<string, int> AnswerDaysByKind { get; } = [];

    /// <summary>Working days before a deadline when an item starts to stand out as near its deadline.</summary>
    [Range(0, 30)]
    public int NearDays { get; set; } = 2;

    /// <summary>Answers go out only after a leader of the unit approves them.</summary>
    public bool LeaderApprovesAnswers { get; set; } = true;

    /// <summary>How long after an item is closed the citizen's name and contact are deleted.</summary>
    public TimeSpan KeepContactAfterClosing { get; set; } = TimeSpan.FromDays(365);

    public int AnswerDaysFor(FeedbackKind kind) =>
        AnswerDaysByKind.TryGetValue(FeedbackRules.Slug(kind), out var days) && days is > 0 and <= 120 ? days : AnswerDays;
}

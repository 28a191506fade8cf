namespace CitizenVoice.Features.Dialogues;

/// <summary>Vietnamese names of the dialogue vocabulary; they are resource keys, so the English comes from the resx.</summary>
public static class DialogueText
{
    public static string Format(DialogueFormat format) => format switch
    {
        DialogueFormat.InPerson => "Trực tiếp",
        DialogueFormat.Online => "Trực tuyến",
        _ => "Trực tiếp kết hợp trực tuyến",
    };

    public static string Status(DialogueStatus status) => status switch
    {
        DialogueStatus.Draft => "Dự thảo",
        DialogueStatus.Announced => "Đã thông báo",
        DialogueStatus.OpenForQuestions => "Đang nhận câu hỏi",
        DialogueStatus.Live => "Đang diễn ra",
        DialogueStatus.Closed => "Đã kết thúc",
        _ => "Đã công bố biên bản",
    };

    /// <summary>What the button that moves a session on to <paramref name="next"/> says.</summary>
    public static string Transition(DialogueStatus next) => next switch
    {
        DialogueStatus.Announced => "Duyệt và công bố thông báo",
        DialogueStatus.OpenForQuestions => "Mở nhận câu hỏi",
        DialogueStatus.Live => "Bắt đầu đối thoại",
        DialogueStatus.Closed => "Kết thúc đối thoại",
        _ => "Công bố biên bản",
    };

    public static string Channel(OpinionChannel channel) => channel switch
    {
        OpinionChannel.AdvanceOnline => "Gửi trước trực tuyến",
        OpinionChannel.LiveOnline => "Trực tuyến trong buổi đối thoại",
        OpinionChannel.Spoken => "Phát biểu tại hội nghị",
        OpinionChannel.Paper => "Bằng văn bản, phiếu",
        _ => "Qua điện thoại",
    };

    public static string OpinionStatus(OpinionStatus status) => status switch
    {
        Dialogues.OpinionStatus.Pending => "Chờ duyệt",
        Dialogues.OpinionStatus.Approved => "Đã duyệt",
        Dialogues.OpinionStatus.Rejected => "Không đăng",
        Dialogues.OpinionStatus.Merged => "Đã gộp",
        _ => "Đã trả lời",
    };

    public static string Rejection(RejectionReason reason) => reason switch
    {
        RejectionReason.OffTopic => "Không thuộc nội dung buổi đối thoại",
        RejectionReason.Offensive => "Ngôn từ không phù hợp",
        RejectionReason.OthersPersonalData => "Có thông tin cá nhân của người khác",
        RejectionReason.Unclear => "Nội dung không rõ ràng",
        RejectionReason.Advertising => "Quảng cáo, tin rác",
        _ => "Thuộc thẩm quyền cơ quan khác",
    };

    public static string Timing(AnswerTiming timing) => timing == AnswerTiming.OnTheSpot ? "Trả lời tại buổi đối thoại" : "Trả lời sau bằng văn bản";

    public static string Commitment(CommitmentStatus status) => status switch
    {
        CommitmentStatus.Open => "Chưa thực hiện",
        CommitmentStatus.InProgress => "Đang thực hiện",
        CommitmentStatus.Done => "Đã hoàn thành",
        _ => "Đã chuyển cơ quan khác",
    };

    public static string Assignment(AnswerAssignmentStatus status) => status switch
    {
        AnswerAssignmentStatus.Assigned => "Chưa có dự thảo",
        AnswerAssignmentStatus.AwaitingApproval => "Chờ lãnh đạo duyệt",
        AnswerAssignmentStatus.Returned => "Lãnh đạo trả lại",
        _ => "Đã công bố",
    };

    /// <summary>The group's name; the same keys as <see cref="DialogueQueries.DelegateGroups"/>.</summary>
    public static string Group(DelegateGroup group) => DialogueQueries.DelegateGroups[(int)group - 1];
}

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The two questionnaires every install ships with: the SIPAS-style five elements and 22 criteria (Bộ Nội vụ,
/// QĐ 2640/QĐ-BNV 2017 and QĐ 1001/QĐ-BNV 2023), and the provincial police's seven aspects.
/// </summary>
public static class QuestionnaireTemplates
{
    public const string Sipas = "sipas";
    public const string Police7 = "police7";

    private static readonly (string Code, string Name, string NameEn, string Satisfaction, string SatisfactionEn, (string Vi, string En)[] Criteria)[] SipasElements =
    [
        ("E1", "Tiếp cận dịch vụ", "Access to the service",
            "Ông/Bà hài lòng thế nào về việc tiếp cận dịch vụ?", "How satisfied are you with access to the service?",
        [
            ("Nơi ngồi chờ tại Bộ phận tiếp nhận và trả kết quả có đủ chỗ ngồi.", "The waiting area of the reception desk has enough seats."),
            ("Trang thiết bị phục vụ người dân, tổ chức tại Bộ phận tiếp nhận và trả kết quả đầy đủ.", "The equipment provided for citizens at the reception desk is adequate."),
            ("Trang thiết bị phục vụ người dân, tổ chức tại Bộ phận tiếp nhận và trả kết quả hiện đại.", "The equipment provided for citizens at the reception desk is modern."),
            ("Trang thiết bị phục vụ người dân, tổ chức tại Bộ phận tiếp nhận và trả kết quả dễ sử dụng.", "The equipment provided for citizens at the reception desk is easy to use."),
        ]),
        ("E2", "Thủ tục hành chính", "The administrative procedure",
            "Ông/Bà hài lòng thế nào về thủ tục hành chính?", "How satisfied are you with the procedure?",
        [
            ("Thủ tục hành chính được niêm yết công khai đầy đủ.", "The procedure is posted publicly and completely."),
            ("Thủ tục hành chính được niêm yết công khai chính xác.", "The procedure is posted publicly and accurately."),
            ("Thành phần hồ sơ mà Ông/Bà phải nộp là đúng quy định.", "The documents you had to submit are those the rules require."),
            ("Phí, lệ phí mà Ông/Bà phải nộp là đúng quy định.", "The fees you had to pay are those the rules set."),
            ("Thời hạn giải quyết (tính từ ngày nhận hồ sơ đến ngày trả kết quả) là đúng quy định.", "The processing time (from submission to result) is as the rules say."),
        ]),
        ("E3", "Cán bộ trực tiếp giải quyết thủ tục hành chính", "The officers who handle the procedure",
            "Ông/Bà hài lòng thế nào về cán bộ giải quyết thủ tục hành chính?", "How satisfied are you with the officers who handled your case?",
        [
            ("Cán bộ có thái độ giao tiếp lịch sự.", "The officers were courteous."),
            ("Cán bộ chú ý lắng nghe ý kiến của Ông/Bà.", "The officers listened to what you said."),
            ("Cán bộ trả lời, giải thích đầy đủ các ý kiến của Ông/Bà.", "The officers answered and explained your questions fully."),
            ("Cán bộ hướng dẫn kê khai hồ sơ tận tình, chu đáo.", "The officers guided you through the forms attentively."),
            ("Cán bộ hướng dẫn kê khai hồ sơ dễ hiểu.", "The officers' guidance on the forms was clear."),
            ("Cán bộ tuân thủ đúng quy định trong giải quyết hồ sơ.", "The officers followed the rules in handling your case."),
        ]),
        ("E4", "Kết quả giải quyết thủ tục hành chính", "The result of the procedure",
            "Ông/Bà hài lòng thế nào về kết quả giải quyết thủ tục hành chính?", "How satisfied are you with the result?",
        [
            ("Kết quả mà Ông/Bà nhận được đúng quy định.", "The result you received is as the rules say."),
            ("Kết quả mà Ông/Bà nhận được có thông tin đầy đủ.", "The information in the result is complete."),
            ("Kết quả mà Ông/Bà nhận được có thông tin chính xác.", "The information in the result is accurate."),
        ]),
        ("E5", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "Handling of feedback",
            "Ông/Bà hài lòng thế nào về việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị?", "How satisfied are you with the handling of feedback?",
        [
            ("Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị.", "The agency offers ways to give feedback."),
            ("Ông/Bà dễ dàng thực hiện góp ý, phản ánh, kiến nghị.", "Giving feedback was easy."),
            ("Cơ quan tiếp nhận và xử lý tích cực các góp ý, phản ánh, kiến nghị.", "The agency receives and handles feedback actively."),
            ("Cơ quan thông báo kết quả xử lý góp ý, phản ánh, kiến nghị kịp thời.", "The agency announces the outcome of feedback in good time."),
        ]),
    ];

    private static readonly (string Code, string Name, string NameEn, string Question, string QuestionEn)[] PoliceAspects =
    [
        ("A1", "Công khai thủ tục hành chính", "Publication of the procedure",
            "Ông/Bà hài lòng thế nào về việc công khai, niêm yết thủ tục hành chính?", "How satisfied are you with how the procedure is published?"),
        ("A2", "Tiếp cận dịch vụ", "Ease of access",
            "Ông/Bà hài lòng thế nào về sự thuận tiện khi tiếp cận dịch vụ?", "How satisfied are you with how easy it was to reach the service?"),
        ("A3", "Nộp hồ sơ trực tuyến", "Online submission",
            "Ông/Bà hài lòng thế nào về việc nộp hồ sơ trực tuyến?", "How satisfied are you with submitting your file online?"),
        ("A4", "Tiếp nhận, giải quyết hồ sơ", "Receiving and processing the file",
            "Ông/Bà hài lòng thế nào về cách cán bộ tiếp nhận và giải quyết hồ sơ?", "How satisfied are you with how officers received and processed your file?"),
        ("A5", "Thời gian giải quyết", "Processing time",
            "Ông/Bà hài lòng thế nào về thời gian giải quyết hồ sơ?", "How satisfied are you with the processing time?"),
        ("A6", "Kết quả giải quyết", "Result",
            "Ông/Bà hài lòng thế nào về kết quả giải quyết thủ tục hành chính?", "How satisfied are you with the result?"),
        ("A7", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "Handling of feedback",
            "Ông/Bà hài lòng thế nào về việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị?", "How satisfied are you with the handling of feedback?"),
    ];

    public static Questionnaire SipasStyle()
    {
        var q = new Questionnaire
        {
            Code = Sipas,
            Title = "Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan Công an",
            TitleEn = "Survey of citizens' and organisations' satisfaction with the service of the police",
        };
        foreach (var (code, name, nameEn, satisfaction, satisfactionEn, criteria) in SipasElements)
        {
            var element = q.AddElement(code, name, nameEn);
            for (var i = 0; i < criteria.Length; i++)
            {
                q.AddQuestion(QuestionKind.Element, $"{code}.{i + 1}", criteria[i].Vi, criteria[i].En, Scales.Satisfaction5, element);
            }

            q.AddQuestion(QuestionKind.Element, $"{code}.S", satisfaction, satisfactionEn, Scales.Satisfaction5, element);
        }

        AddOverallAndProfile(q);
        return q;
    }

    public static Questionnaire PoliceSevenAspects()
    {
        var q = new Questionnaire
        {
            Code = Police7,
            Title = "Phiếu đánh giá mức độ hài lòng về 7 nội dung giải quyết thủ tục hành chính",
            TitleEn = "Satisfaction with seven aspects of handling administrative procedures",
        };
        foreach (var (code, name, nameEn, text, textEn) in PoliceAspects)
        {
            var element = q.AddElement(code, name, nameEn);
            q.AddQuestion(QuestionKind.Element, $"{code}.1", text, textEn, Scales.Satisfaction5, element);
        }

        AddOverallAndProfile(q);
        return q;
    }

    private static void AddOverallAndProfile(Questionnaire q)
    {
        q.AddQuestion(QuestionKind.Overall, "OVERALL",
            "Nhìn chung, Ông/Bà hài lòng thế nào về sự phục vụ của cơ quan Công an?",
            "Overall, how satisfied are you with the service of the police?", Scales.Satisfaction5);
        q.AddQuestion(QuestionKind.Profile, "P1", "Ông/Bà trả lời với tư cách", "You are answering as", Scales.Respondent);
        q.AddQuestion(QuestionKind.Profile, "P2", "Giới tính", "Gender", Scales.Gender);
        q.AddQuestion(QuestionKind.Profile, "P3", "Độ tuổi", "Age", Scales.AgeGroup);
    }
}

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// An answer scale (thang đo): its values, their labels, and which values count as "satisfied". Scales are data so an
/// administrator can add one (the 3-level scale of online services, the national portal's like/dislike) without code.
/// </summary>
public sealed class Scale
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public List<ScaleOption> Options { get; set; } = [];

    public bool Allows(int value) => Options.Exists(o => o.Value == value);

    public bool IsSatisfied(int value) => Options.Exists(o => o.Value == value && o.Satisfied);
}

/// <summary>One value of a scale. "Không trả lời" is not an option: a question left unanswered has no answer row.</summary>
public sealed class ScaleOption
{
    public int Id { get; set; }
    public int ScaleId { get; set; }
    public int Value { get; set; }
    public required string Label { get; set; }
    public string? LabelEn { get; set; }
    public bool Satisfied { get; set; }
}

/// <summary>The scales every install has.</summary>
public static class Scales
{
    public const string Satisfaction5 = "sat5";
    public const string Satisfaction3 = "sat3";
    public const string LikeDislike = "like";
    public const string YesNo = "yesno";
    public const string Respondent = "respondent";
    public const string Gender = "gender";
    public const string AgeGroup = "age";

    public static IReadOnlyList<Scale> Standard() =>
    [
        Make(Satisfaction5, "Mức độ hài lòng (5 mức)", "Satisfaction (5 levels)",
            (1, "Rất không hài lòng", "Very dissatisfied", false),
            (2, "Không hài lòng", "Dissatisfied", false),
            (3, "Bình thường", "Neutral", false),
            (4, "Hài lòng", "Satisfied", true),
            (5, "Rất hài lòng", "Very satisfied", true)),
        Make(Satisfaction3, "Mức độ hài lòng (3 mức)", "Satisfaction (3 levels)",
            (1, "Chưa hài lòng", "Not yet satisfied", false),
            (2, "Hài lòng", "Satisfied", true),
            (3, "Rất hài lòng", "Very satisfied", true)),
        Make(LikeDislike, "Thích / Không thích", "Like / dislike",
            (0, "Không thích", "Dislike", false),
            (1, "Thích", "Like", true)),
        Make(YesNo, "Có / Không", "Yes / no",
            (0, "Không", "No", false),
            (1, "Có", "Yes", true)),
        Make(Respondent, "Người trả lời", "Respondent",
            (1, "Cá nhân", "Individual", false),
            (2, "Tổ chức, doanh nghiệp", "Organisation or business", false)),
        Make(Gender, "Giới tính", "Gender",
            (1, "Nam", "Male", false),
            (2, "Nữ", "Female", false),
            (3, "Khác", "Other", false)),
        Make(AgeGroup, "Nhóm tuổi", "Age group",
            (1, "Dưới 25 tuổi", "Under 25", false),
            (2, "Từ 25 đến 40 tuổi", "25 to 40", false),
            (3, "Từ 41 đến 60 tuổi", "41 to 60", false),
            (4, "Trên 60 tuổi", "Over 60", false)),
    ];

    private static Scale Make(string code, string name, string nameEn, params (int Value, string Label, string LabelEn, bool Satisfied)[] options) => new()
    {
        Code = code, Name = name, NameEn = nameEn,
        Options = [.. options.Select(o => new ScaleOption { Value = o.Value, Label = o.Label, LabelEn = o.LabelEn, Satisfied = o.Satisfied })],
    };
}

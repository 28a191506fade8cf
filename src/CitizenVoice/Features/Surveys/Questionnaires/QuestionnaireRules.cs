using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>One element row of the questionnaire editor.</summary>
public sealed class ElementRow
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
}

/// <summary>One question row of the questionnaire editor; <see cref="ElementCode"/> only for an element's criterion.</summary>
public sealed class QuestionRow
{
    public QuestionKind Kind { get; set; }
    public string? ElementCode { get; set; }
    public string? Code { get; set; }
    public string? Text { get; set; }
    public string? TextEn { get; set; }
    public string? ScaleCode { get; set; }
}

/// <summary>
/// What a questionnaire version must satisfy before it is saved or published. Question codes are what reports follow
/// across versions, so they must be unique within a version; the overall question is reported beside the index, so
/// there is exactly one.
/// </summary>
public static class QuestionnaireRules
{
    public const int MaxRows = 200;

    /// <param name="scales">Each known scale's code and how many values it has.</param>
    public static List<string> Check(string? title, IReadOnlyList<ElementRow> elements, IReadOnlyList<QuestionRow> questions,
        IReadOnlyDictionary<string, int> scales, IStringLocalizer l)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(l["Vui lòng nhập tên bảng hỏi."]);
        }

        if (elements.Count == 0)
        {
            errors.Add(l["Bảng hỏi cần ít nhất một yếu tố."]);
        }

        if (elements.Count + questions.Count > MaxRows)
        {
            errors.Add(l["Bảng hỏi có tối đa {0} dòng.", MaxRows]);
        }

        for (var i = 0; i < elements.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(elements[i].Code) || string.IsNullOrWhiteSpace(elements[i].Name))
            {
                errors.Add(l["Yếu tố thứ {0} cần có mã và tên.", i + 1]);
            }
        }

        foreach (var code in elements.Select(e => e.Code?.Trim()).OfType<string>().Where(c => c.Length > 0)
                     .GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(l["Mã yếu tố “{0}” bị trùng.", code]);
        }

        var elementCodes = elements.Select(e => e.Code?.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var label = string.IsNullOrWhiteSpace(q.Code) ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : q.Code.Trim();
            if (string.IsNullOrWhiteSpace(q.Code))
            {
                errors.Add(l["Câu hỏi thứ {0} chưa có mã.", i + 1]);
            }

            if (string.IsNullOrWhiteSpace(q.Text))
            {
                errors.Add(l["Câu hỏi “{0}” chưa có nội dung.", label]);
            }

            if (q.Kind == QuestionKind.Element && (q.ElementCode is null || !elementCodes.Contains(q.ElementCode.Trim())))
            {
                errors.Add(l["Câu hỏi “{0}” cần thuộc một yếu tố của bảng hỏi.", label]);
            }

            if (q.Kind != QuestionKind.FreeText)
            {
                if (string.IsNullOrWhiteSpace(q.ScaleCode) || !scales.TryGetValue(q.ScaleCode, out var values))
                {
                    errors.Add(l["Câu hỏi “{0}” cần chọn một thang đo.", label]);
                }
                else if (values == 0)
                {
                    errors.Add(l["Thang đo “{0}” của câu hỏi “{1}” không có mức trả lời nào.", q.ScaleCode, label]);
                }
            }
        }

        foreach (var code in questions.Select(q => q.Code?.Trim()).OfType<string>().Where(c => c.Length > 0)
                     .GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(l["Mã câu hỏi “{0}” bị trùng: mỗi câu hỏi cần một mã riêng.", code]);
        }

        foreach (var element in elements.Where(e => !string.IsNullOrWhiteSpace(e.Code)))
        {
            if (!questions.Any(q => q.Kind == QuestionKind.Element && string.Equals(q.ElementCode?.Trim(), element.Code?.Trim(), StringComparison.Ordinal)))
            {
                errors.Add(l["Yếu tố “{0}” chưa có câu hỏi nào.", element.Code?.Trim() ?? ""]);
            }
        }

        if ((title?.Length ?? 0) > 300 || elements.Any(e => e.Name?.Length > 300 || e.NameEn?.Length > 300)
            || questions.Any(q => q.Text?.Length > 500 || q.TextEn?.Length > 500))
        {
            errors.Add(l["Tên bảng hỏi và tên yếu tố tối đa 300 ký tự, nội dung câu hỏi tối đa 500 ký tự."]);
        }

        if (elements.Any(e => e.Code?.Trim().Length > 20) || questions.Any(q => q.Code?.Trim().Length > 20))
        {
            errors.Add(l["Mã yếu tố và mã câu hỏi tối đa 20 ký tự."]);
        }

        var overall = questions.Count(q => q.Kind == QuestionKind.Overall);
        if (overall != 1)
        {
            errors.Add(overall == 0
                ? l["Bảng hỏi chưa có câu hỏi hài lòng chung (cần đúng một câu)."]
                : l["Bảng hỏi chỉ được có một câu hỏi hài lòng chung."]);
        }

        return errors;
    }
}

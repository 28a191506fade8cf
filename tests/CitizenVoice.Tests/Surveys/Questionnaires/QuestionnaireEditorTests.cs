using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys.Questionnaires;

/// <summary>
/// Questionnaire versions edited in the product. Its own app: these tests publish versions and change which one
/// citizens answer, which the other survey tests must not see.
/// </summary>
public sealed class QuestionnaireEditorTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    private const string Editor = "/quan-tri/khao-sat/bang-hoi";

    [Fact]
    public async Task A_published_version_cannot_be_changed_even_by_a_post_the_page_does_not_offer()
    {
        using var team = app.CreateStaffClient();
        await team.SignInAsync("khaosat");
        var id = await app.WithDbAsync(db => db.Questionnaires.Where(q => q.Code == QuestionnaireTemplates.Police7 && q.Version == 1).Select(q => q.Id).SingleAsync());
        var page = await team.GetPageAsync($"{Editor}/{id}");
        Assert.Contains("không sửa được", page.QuerySelector("#published-note")!.TextContent);
        Assert.Null(page.QuerySelector("button[value=luu]"));

        // A post built by hand, as if the page offered a save button.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("__RequestVerificationToken", token),
            new("command", "luu"), new("Title", "Bảng hỏi đã bị sửa"),
            new("Elements[0].Code", "A1"), new("Elements[0].Name", "Một yếu tố"),
            new("Questions[0].Kind", "Element"), new("Questions[0].ElementCode", "A1"), new("Questions[0].Code", "A1.1"),
            new("Questions[0].Text", "Câu hỏi khác"), new("Questions[0].ScaleCode", Scales.Satisfaction5),
            new("Questions[1].Kind", "Overall"), new("Questions[1].Code", "OVERALL"), new("Questions[1].Text", "Chung"), new("Questions[1].ScaleCode", Scales.Satisfaction5),
        ]);
        using var form = await team.Http.PostAsync($"{Editor}/{id}", body);

        Assert.Equal(HttpStatusCode.Conflict, form.StatusCode);
        Assert.Contains("đã phát hành nên không sửa được", (await StaffClient.ParseAsync(form)).QuerySelector(".alert-danger")!.TextContent);
        var stored = await app.WithDbAsync(db => db.Questionnaires.Include(q => q.Questions).SingleAsync(q => q.Id == id));
        Assert.NotEqual("Bảng hỏi đã bị sửa", stored.Title);
        Assert.Equal(QuestionnaireTemplates.PoliceSevenAspects().Questions.Count, stored.Questions.Count);
        Assert.Throws<QuestionnairePublishedException>(() => stored.Redraft("Khác", null, [], []));
    }

    [Fact]
    public async Task The_survey_team_drafts_a_version_is_told_what_is_wrong_in_Vietnamese_and_publishes_it_for_one_field()
    {
        using var team = app.CreateStaffClient();
        await team.SignInAsync("khaosat");
        var police = await app.WithDbAsync(db => db.Questionnaires.Where(q => q.Code == QuestionnaireTemplates.Police7 && q.Version == 1).Select(q => q.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            if (!await db.Scales.AnyAsync(s => s.Code == "rong"))
            {
                db.Scales.Add(new Scale { Code = "rong", Name = "Thang đo chưa có mức" });
                await db.SaveChangesAsync();
            }
        });

        using var drafted = await team.SubmitFormAsync(Editor, [new("id", police.ToString(CultureInfo.InvariantCulture))], formAction: "NewDraft");
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var draftUrl = drafted.Headers.Location!.OriginalString;
        var page = await team.GetPageAsync(draftUrl);
        Assert.Equal("A1.1", page.QuerySelector("input[name='Questions[0].Code']")!.GetAttribute("value"));

        // The second question takes the first one's code, the overall question becomes a profile one, a third uses an empty scale.
        using var wrong = await team.SubmitFormAsync(draftUrl,
            [new("command", "luu"), new("Questions[1].Code", "A1.1"), new("Questions[7].Kind", "Profile"), new("Questions[2].ScaleCode", "rong")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var errors = (await StaffClient.ParseAsync(wrong)).QuerySelector(".alert-danger")!.TextContent;
        Assert.Contains("Mã câu hỏi “A1.1” bị trùng", errors);
        Assert.Contains("chưa có câu hỏi hài lòng chung", errors);
        Assert.Contains("Thang đo “rong” của câu hỏi “A3.1” không có mức trả lời nào", errors);

        // Add a question with the submit button (no JavaScript), fill it in, and publish.
        using var added = await team.SubmitFormAsync(draftUrl, [new("command", "them-cau-hoi")]);
        var withRow = await StaffClient.ParseAsync(added);
        var last = withRow.QuerySelectorAll("input[name$='.Code'][name^='Questions']").Length - 1;
        Assert.Equal(11, last);
        using var published = await team.SubmitFormAsync(draftUrl,
        [
            new("command", "phat-hanh"), new("Title", "Phiếu 7 nội dung (sửa đổi)"),
            new($"Questions[{last}].Kind", "Element"), new($"Questions[{last}].ElementCode", "A4"), new($"Questions[{last}].Code", "A4.2"),
            new($"Questions[{last}].Text", "Cán bộ hướng dẫn Ông/Bà đầy đủ, dễ hiểu?"), new($"Questions[{last}].ScaleCode", Scales.Satisfaction5),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var v2 = await app.WithDbAsync(db => db.Questionnaires.Include(q => q.Questions).SingleAsync(q => q.Code == QuestionnaireTemplates.Police7 && q.Version == 2));
        Assert.True(v2.IsPublished);
        Assert.Equal("Phiếu 7 nội dung (sửa đổi)", v2.Title);
        Assert.Contains(v2.Questions, q => q.Code == "A4.2");

        // The residence field now asks it online; other fields keep the default.
        var field = await app.WithDbAsync(db => db.Fields.Where(f => f.Code == "CU-TRU").Select(f => f.Id).SingleAsync());
        using var used = await team.SubmitFormAsync(Editor,
            [new("fieldId", field.ToString(CultureInfo.InvariantCulture)), new("channel", "Online"), new("questionnaireId", v2.Id.ToString(CultureInfo.InvariantCulture))], formAction: "handler=Use");
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        using var citizen = app.CreateStaffClient();
        var form = await citizen.GetPageAsync("/khao-sat/BK-NS/CU-TRU");
        Assert.Equal("Phiếu 7 nội dung (sửa đổi)", form.QuerySelector("h1")!.TextContent);
        Assert.Contains("Cán bộ hướng dẫn Ông/Bà đầy đủ, dễ hiểu?", form.Body!.TextContent);
        Assert.NotEqual("Phiếu 7 nội dung (sửa đổi)", (await citizen.GetPageAsync("/khao-sat/BK-NS/CCCD")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Figures_add_up_a_question_code_across_versions_only_where_both_versions_ask_it_and_the_results_name_the_versions()
    {
        var unit = await NewCommuneAsync("BK-NS");
        var (v1, v2) = await app.WithDbAsync(async db =>
        {
            var first = await db.Questionnaires.Include(q => q.Elements).Include(q => q.Questions)
                .SingleAsync(q => q.Code == QuestionnaireTemplates.Sipas && q.Version == 1);
            var next = first.NewVersion(await db.Questionnaires.Where(q => q.Code == QuestionnaireTemplates.Sipas).MaxAsync(q => q.Version) + 1);
            // Version 2 drops E1.4 and asks E1.5 instead; every other code is shared.
            next.RemoveQuestion(next.Questions.Single(q => q.Code == "E1.4"));
            next.AddQuestion(QuestionKind.Element, "E1.5", "Nơi chờ có nước uống và nhà vệ sinh sạch sẽ.", null, Scales.Satisfaction5, next.Elements.Single(e => e.Code == "E1"));
            next.Publish(app.Clock.GetUtcNow().UtcDateTime);
            db.Questionnaires.Add(next);
            await db.SaveChangesAsync();
            return (first.Id, next.Id);
        });

        using var client = app.CreateClient();
        await PostAllAsync(client, unit, v1, 5);
        await PostAllAsync(client, unit, v2, 1);

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction?unit={unit}");
        JsonElement Question(string code) => report.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("code").GetString() == code);
        Assert.Equal(2, Question("E1.1").GetProperty("n").GetInt64());
        Assert.Equal(50.0, Question("E1.1").GetProperty("rate").GetDouble());
        Assert.Equal(1, Question("E1.4").GetProperty("n").GetInt64());
        Assert.Equal(100.0, Question("E1.4").GetProperty("rate").GetDouble());
        Assert.Equal(1, Question("E1.5").GetProperty("n").GetInt64());
        Assert.Equal(0.0, Question("E1.5").GetProperty("rate").GetDouble());

        using var citizen = app.CreateStaffClient();
        var results = await citizen.GetPageAsync($"/ket-qua-khao-sat?unit={unit}");
        var note = results.QuerySelector("#questionnaire-versions")!.TextContent;
        Assert.Contains("2 phiên bản bảng hỏi", note);
        Assert.Contains("phiên bản 1, áp dụng từ", note);
        Assert.Contains("phiên bản 2, áp dụng từ", note);

        // A unit whose period holds one version only gets no note.
        var single = await NewCommuneAsync("BK-NS");
        await PostAllAsync(client, single, v1, 4);
        Assert.Null((await citizen.GetPageAsync($"/ket-qua-khao-sat?unit={single}")).QuerySelector("#questionnaire-versions"));
    }

    [Fact]
    public async Task The_survey_team_creates_a_scale_and_an_empty_questionnaire_that_uses_it_and_a_citizen_answers_it()
    {
        using var team = app.CreateStaffClient();
        await team.SignInAsync("khaosat");

        // A new scale, written without JavaScript: four points from lowest to highest, the top two count as satisfied.
        using var scale = await team.SubmitFormAsync(Editor,
        [
            new("scale.Name", "Mức độ thuận tiện"), new("scale.NameEn", "Convenience"),
            new("scale.Points[0].Label", "Rất bất tiện"), new("scale.Points[1].Label", "Bất tiện"),
            new("scale.Points[2].Label", "Thuận tiện"), new("scale.Points[2].Satisfied", "true"),
            new("scale.Points[3].Label", "Rất thuận tiện"), new("scale.Points[3].Satisfied", "true"),
        ], formAction: "handler=Scale");
        Assert.Equal(HttpStatusCode.Redirect, scale.StatusCode);
        var stored = await app.WithDbAsync(db => db.Scales.Include(s => s.Options).SingleAsync(s => s.Name == "Mức độ thuận tiện"));
        Assert.Equal(["Rất bất tiện", "Bất tiện", "Thuận tiện", "Rất thuận tiện"], stored.Options.OrderBy(o => o.Value).Select(o => o.Label));
        Assert.Equal([3, 4], stored.Options.Where(o => o.Satisfied).Select(o => o.Value).Order());
        using var oneLevel = await team.SubmitFormAsync(Editor, [new("scale.Name", "Chỉ một mức"), new("scale.Points[0].Label", "Có")], formAction: "handler=Scale");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, oneLevel.StatusCode);
        Assert.Contains("ít nhất hai mức trả lời", (await StaffClient.ParseAsync(oneLevel)).QuerySelector(".alert-danger")!.TextContent);

        // An empty questionnaire, not drafted from any published one.
        using var created = await team.SubmitFormAsync(Editor, [new("code", "thuan-tien"), new("title", "Phiếu đánh giá mức độ thuận tiện")], formAction: "handler=NewEmpty");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var draftUrl = created.Headers.Location!.OriginalString;
        var empty = await team.GetPageAsync(draftUrl);
        Assert.Empty(empty.QuerySelectorAll("input[name^='Questions']"));

        // Publishing it empty is refused, in Vietnamese, naming what is missing.
        using var refused = await team.SubmitFormAsync(draftUrl, [new("command", "phat-hanh")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await StaffClient.ParseAsync(refused)).QuerySelector(".alert-danger")!.TextContent;
        Assert.Contains("Bảng hỏi cần ít nhất một yếu tố.", errors);
        Assert.Contains("chưa có câu hỏi hài lòng chung", errors);
        Assert.False(await app.WithDbAsync(db => db.Questionnaires.AnyAsync(q => q.Code == "thuan-tien" && q.Status == QuestionnaireStatus.Published)));

        // Rows added with the submit buttons, then filled in and published.
        using var withElement = await team.SubmitFormAsync(draftUrl, [new("command", "them-yeu-to")]);
        var page = await StaffClient.ParseAsync(withElement);
        Assert.NotNull(page.QuerySelector("input[name='Elements[0].Code']"));
        using var published = await PostEditorAsync(team, draftUrl, page,
        [
            new("command", "phat-hanh"), new("Title", "Phiếu đánh giá mức độ thuận tiện"),
            new("Elements[0].Code", "T1"), new("Elements[0].Name", "Sự thuận tiện khi đến làm thủ tục"),
            new("Questions[0].Kind", "Element"), new("Questions[0].ElementCode", "T1"), new("Questions[0].Code", "T1.1"),
            new("Questions[0].Text", "Giờ làm việc của bộ phận một cửa thuận tiện cho Ông/Bà?"), new("Questions[0].ScaleCode", stored.Code),
            new("Questions[1].Kind", "Overall"), new("Questions[1].Code", "CHUNG"),
            new("Questions[1].Text", "Nhìn chung, Ông/Bà hài lòng với việc giải quyết thủ tục?"), new("Questions[1].ScaleCode", Scales.Satisfaction5),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var version = await app.WithDbAsync(db => db.Questionnaires.Include(q => q.Questions).SingleAsync(q => q.Code == "thuan-tien"));
        Assert.True(version.IsPublished);

        // Vehicle registration answers it online; a citizen sees the new scale's points and answers.
        var field = await app.WithDbAsync(db => db.Fields.Where(f => f.Code == "DKX").Select(f => f.Id).SingleAsync());
        using var used = await team.SubmitFormAsync(Editor,
            [new("fieldId", field.ToString(CultureInfo.InvariantCulture)), new("channel", "Online"), new("questionnaireId", version.Id.ToString(CultureInfo.InvariantCulture))], formAction: "handler=Use");
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        using var citizen = app.CreateStaffClient();
        var form = await citizen.GetPageAsync("/khao-sat/BK-NS/DKX");
        Assert.Contains("Rất thuận tiện", form.Body!.TextContent);
        var names = form.QuerySelectorAll("input[type=radio]").Select(r => r.GetAttribute("name")!).Distinct().ToList();
        Assert.Equal(2, names.Count);
        using var answered = await citizen.SubmitFormAsync("/khao-sat/BK-NS/DKX", [new(names[0], "4"), new(names[1], "5"), new("Comment", "Thang đo mới thuận tiện")]);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var response = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Thang đo mới thuận tiện"));
        Assert.Equal(version.Id, response.QuestionnaireId);
        Assert.Contains(response.Answers, a => a.QuestionId == version.Questions.Single(q => q.Code == "T1.1").Id && a.Value == 4);
    }

    /// <summary>Posts the editor's form as the page shows it, with some fields set.</summary>
    private static Task<HttpResponseMessage> PostEditorAsync(StaffClient client, string url, AngleSharp.Html.Dom.IHtmlDocument page,
        IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return client.Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    private async Task PostAllAsync(HttpClient client, string unit, int questionnaireId, int value)
    {
        var questions = await app.WithDbAsync(db => db.Questionnaires.Where(q => q.Id == questionnaireId)
            .SelectMany(q => q.Questions).Where(q => q.Kind == QuestionKind.Element || q.Kind == QuestionKind.Overall).Select(q => q.Id).ToListAsync());
        using var response = await client.PostAsJsonAsync("/api/v1/survey-responses", new
        {
            unitCode = unit, fieldCode = "CU-TRU", channel = "online", questionnaireId,
            answers = questions.Select(id => new { questionId = id, value }).ToArray(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private Task<string> NewCommuneAsync(string districtCode) => app.WithDbAsync(async db =>
    {
        var district = await db.Units.SingleAsync(u => u.Code == districtCode);
        var code = $"{districtCode}-Q{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var unit = new Unit { Code = code, Name = "Công an xã Thử " + code, Level = UnitLevel.Commune, Parent = district, ValidFrom = new DateOnly(2020, 1, 1) };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = district.Path + unit.Id + "/";
        db.UnitFields.AddRange(await db.Fields.Select(f => new UnitField { UnitId = unit.Id, FieldId = f.Id }).ToListAsync());
        await db.SaveChangesAsync();
        return code;
    });
}

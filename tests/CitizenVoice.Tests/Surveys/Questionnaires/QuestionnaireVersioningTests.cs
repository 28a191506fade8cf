using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys;

public sealed class QuestionnaireVersioningTests
{
    [Fact]
    public void The_five_point_scale_counts_satisfied_and_very_satisfied_as_satisfied()
    {
        var sat5 = Scales.Standard().Single(s => s.Code == Scales.Satisfaction5);
        Assert.Equal([1, 2, 3, 4, 5], sat5.Options.Select(o => o.Value));
        Assert.Equal("Rất không hài lòng", sat5.Options[0].Label);
        Assert.Equal("Rất hài lòng", sat5.Options[4].Label);
        Assert.Equal([4, 5], sat5.Options.Where(o => o.Satisfied).Select(o => o.Value));
        Assert.False(sat5.Allows(0));
        Assert.False(sat5.IsSatisfied(3));
    }

    [Fact]
    public void The_three_level_and_like_scales_say_which_values_are_satisfied()
    {
        var sat3 = Scales.Standard().Single(s => s.Code == Scales.Satisfaction3);
        Assert.Equal(["Chưa hài lòng", "Hài lòng", "Rất hài lòng"], sat3.Options.Select(o => o.Label));
        Assert.False(sat3.IsSatisfied(1));
        Assert.True(sat3.IsSatisfied(2));
        var like = Scales.Standard().Single(s => s.Code == Scales.LikeDislike);
        Assert.True(like.IsSatisfied(1));
        Assert.False(like.IsSatisfied(0));
    }

    [Fact]
    public void The_SIPAS_template_has_twenty_two_criteria_in_five_elements_plus_their_satisfaction_questions()
    {
        var q = QuestionnaireTemplates.SipasStyle();
        Assert.Equal(5, q.Elements.Count);
        Assert.Equal(22, q.Questions.Count(x => x.Kind == QuestionKind.Element && !x.Code.EndsWith(".S", StringComparison.Ordinal)));
        Assert.Equal(5, q.Questions.Count(x => x.Code.EndsWith(".S", StringComparison.Ordinal)));
        Assert.Single(q.Questions, x => x.Kind == QuestionKind.Overall && x.Element is null);
        Assert.Equal(7, QuestionnaireTemplates.PoliceSevenAspects().Elements.Count);
    }

    [Fact]
    public void A_published_questionnaire_cannot_be_edited()
    {
        var q = QuestionnaireTemplates.SipasStyle();
        q.Publish(DateTime.UtcNow);

        Assert.Throws<QuestionnairePublishedException>(() => q.EditQuestion(q.Questions[0], "Khác", null));
        Assert.Throws<QuestionnairePublishedException>(() => q.AddQuestion(QuestionKind.Profile, "P9", "Nghề nghiệp", null, Scales.YesNo));
        Assert.Throws<QuestionnairePublishedException>(() => q.RemoveQuestion(q.Questions[0]));
        Assert.Throws<QuestionnairePublishedException>(() => q.Publish(DateTime.UtcNow));
    }

    [Fact]
    public void A_new_version_copies_the_content_as_an_editable_draft()
    {
        var q = QuestionnaireTemplates.SipasStyle();
        q.Publish(DateTime.UtcNow);

        var next = q.NewVersion(2);

        Assert.False(next.IsPublished);
        Assert.Equal(2, next.Version);
        Assert.Equal(q.Questions.Select(x => (x.Code, x.Text, x.Element?.Code)), next.Questions.Select(x => (x.Code, x.Text, x.Element?.Code)));
        next.EditQuestion(next.Questions[0], "Nơi chờ có đủ ghế ngồi.", null);
        Assert.NotEqual(next.Questions[0].Text, q.Questions[0].Text);
    }
}

[Collection(AppCollection.Name)]
public sealed class QuestionnaireVersionStorageTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_new_published_version_leaves_earlier_responses_on_the_version_they_answered()
    {
        using var client = app.CreateClient();
        var oldVersion = await SurveyData.CurrentAsync(client);
        var oldId = int.Parse(oldVersion.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        using (var posted = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/survey-responses",
                   new { unitCode = "BK-BT", fieldCode = "PCCC", channel = "online", answers = SurveyData.AllAnswers(oldVersion, 2) }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
        }

        // The police template gets a second version; the SIPAS one stays current and untouched.
        var newId = await app.WithDbAsync(async db =>
        {
            var police = await db.Questionnaires.Include(q => q.Elements).Include(q => q.Questions)
                .SingleAsync(q => q.Code == QuestionnaireTemplates.Police7 && q.Version == 1);
            var next = police.NewVersion(2);
            next.EditQuestion(next.Questions[0], "Ông/Bà hài lòng thế nào về việc niêm yết thủ tục hành chính tại trụ sở?", null);
            next.Publish(DateTime.UtcNow);
            db.Questionnaires.Add(next);
            await db.SaveChangesAsync();
            return next.Id;
        });

        Assert.NotEqual(oldId, newId);
        var versions = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.UnitId == db.Units.Single(u => u.Code == "BK-BT").Id)
            .Select(r => r.QuestionnaireId).Distinct().ToListAsync());
        Assert.Equal([oldId], versions);
        var police1 = await app.WithDbAsync(db => db.Questionnaires.Include(q => q.Questions).SingleAsync(q => q.Code == QuestionnaireTemplates.Police7 && q.Version == 1));
        Assert.True(police1.IsPublished);
        Assert.Equal("Ông/Bà hài lòng thế nào về việc công khai, niêm yết thủ tục hành chính?", police1.Questions.OrderBy(q => q.Order).First().Text);
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CitizenVoice.Tests.Surveys;

/// <summary>Reads the current questionnaire through the API and builds answers to it.</summary>
internal static class SurveyData
{
    public static async Task<JsonElement> CurrentAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires/current");

    /// <summary>The ids of the element questions and the overall question, in order.</summary>
    public static int[] QuestionIds(JsonElement questionnaire) =>
    [
        .. questionnaire.GetProperty("elements").EnumerateArray().SelectMany(e => e.GetProperty("questions").EnumerateArray())
            .Append(questionnaire.GetProperty("overall"))
            .Select(q => int.Parse(q.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)),
    ];

    public static Answer[] AllAnswers(JsonElement questionnaire, int value) =>
        [.. QuestionIds(questionnaire).Select(id => new Answer(id, value))];

    internal sealed record Answer(int questionId, int value);
}

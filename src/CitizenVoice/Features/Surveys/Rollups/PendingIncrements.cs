using System.Globalization;
using System.Text;
using DailyKey = (int UnitId, System.DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType);

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// The text of a <see cref="PendingRollup"/>: a writer batch's daily increments, one row per line of comma-separated
/// numbers — unit, day number, field, procedure, channel, respondent type, responses, then the row's answers packed by
/// <see cref="AnswerCounts"/> (which has no comma). One text per batch keeps the writer's part to a single insert; numbers
/// only, so parsing it back in the fold is a split, not a JSON reader. Written and read only by the rollups.
/// </summary>
internal static class PendingIncrements
{
    public static string Format(IReadOnlyDictionary<DailyKey, RollupSum> daily)
    {
        var text = new StringBuilder();
        foreach (var (key, sum) in daily)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key.UnitId},{key.Day.DayNumber},{key.FieldId},{key.ProcedureId},{key.Channel},{key.RespondentType},{sum.Responses},{sum.AnswersText()}\n");
        }

        return text.ToString();
    }

    public static IEnumerable<(DailyKey Key, long Responses, string Answers)> Parse(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split(',');
                int Int(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
                yield return ((Int(0), DateOnly.FromDayNumber(Int(1)), Int(2), Int(3), Int(4), Int(5)), long.Parse(f[6], CultureInfo.InvariantCulture), f[7]);
            }
        }
    }
}

using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// Plausible survey responses for the demo and for the benchmarks: each unit has its own level of satisfaction,
/// the feedback element is weaker than the others, most answers are Hài lòng or Rất hài lòng, channels and
/// respondent types are mixed (mostly online and at the counter kiosk, some on paper and by phone). Written straight to
/// the tables in batches (<see cref="BulkRows"/>), with the rollups summed per batch (<see cref="ResponseCounts"/>), so
/// millions of rows load in minutes.
/// </summary>
public sealed class SyntheticResponses(AppDb db, QuestionnaireCatalog catalog)
{
    private static readonly (SurveyChannel Channel, int Weight)[] ChannelWeights =
        [(SurveyChannel.Online, 40), (SurveyChannel.Kiosk, 25), (SurveyChannel.Paper, 20), (SurveyChannel.Phone, 10), (SurveyChannel.Email, 3), (SurveyChannel.Import, 2)];

    /// <summary>A unit rated from <paramref name="From"/> until the day before <paramref name="To"/> (the days it was in service).</summary>
    private sealed record Target(int UnitId, int[] FieldIds, double Mood, DateOnly From, DateOnly? To);

    // Suggestions of the kind people write on the forms; about one response in eight carries one.
    private static readonly string[] Comments =
    [
        "Cán bộ tiếp dân nhiệt tình, hướng dẫn chu đáo.",
        "Phải chờ lâu vì đông người, đề nghị bố trí thêm quầy vào buổi sáng.",
        "Phòng chờ thiếu ghế ngồi, trời nóng.",
        "Thủ tục còn nhiều giấy tờ, nên giảm bớt bản sao.",
        "Nộp hồ sơ trực tuyến còn khó, mạng hay lỗi.",
        "Đề nghị niêm yết rõ lệ phí tại quầy.",
        "Cán bộ giải thích dễ hiểu, trả kết quả đúng hẹn.",
        "Nên có hướng dẫn cài đặt ứng dụng VNeID cho người cao tuổi.",
    ];

    public async Task<long> GenerateAsync(long count, DateOnly from, DateOnly to, int seed, Action<long>? progress = null, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var questionnaire = await catalog.CurrentAsync(ct) ?? throw new InvalidOperationException("No current questionnaire.");
        // Every unit in service on some day of the period, each rated only on its days: a demo whose districts were
        // abolished and communes merged has the old units' responses before the change and the new ones' after.
        var units = await db.Units.AsNoTracking().Where(u => u.Level != UnitLevel.Department && u.ValidFrom <= to && (u.ValidTo == null || u.ValidTo > from))
            .Select(u => new { u.Id, u.Level, u.Path, u.ValidFrom, u.ValidTo }).ToListAsync(ct);
        var lineage = units.ToDictionary(u => u.Id, u => ResponseCounts.Lineage(u.Path));
        var levels = units.ToDictionary(u => u.Id, u => u.Level);
        var fields = await db.Fields.AsNoTracking().Select(f => new { f.Id, f.Code }).ToListAsync(ct);
        // Most responses name their procedure (a kiosk or QR code per procedure, a receipt's procedure), a few busy
        // procedures far more often than the rest, as at a real counter; the others name only the field.
        var procedures = (await db.Procedures.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => new { p.Id, p.FieldId }).ToListAsync(ct))
            .GroupBy(p => p.FieldId).ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToArray());
        // Each unit is rated only in the fields it serves, as the survey channels allow.
        var served = (await db.UnitFields.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.UnitId, s => s.FieldId);
        var allTargets = units.Where(u => served[u.Id].Any()).Select(u => new Target(u.Id,
            [.. fields.Where(f => served[u.Id].Contains(f.Id)).Select(f => f.Id)],
            0.80 + random.NextDouble() * 0.18, u.ValidFrom, u.ValidTo)).ToArray();
        // The day the set of units in service next changes, and the set until then.
        var changes = allTargets.SelectMany(t => t.To is { } end ? [t.From, end] : new[] { t.From }).Where(d => d > from).Distinct().Order().ToList();
        Target[] targets = [];
        var nextChange = DateOnly.MinValue;
        var respondentQuestion = questionnaire.Profile.FirstOrDefault(q => q.Scale?.Code == Scales.Respondent);
        var scored = questionnaire.Elements.SelectMany(e => e.Questions.Select(q => (Question: q, Element: e.Code)))
            .Append((Question: questionnaire.Overall!, Element: "")).Select(q => (q.Question, q.Element, Values: new ScaleValues(q.Question.Scale!))).ToArray();
        var days = to.DayNumber - from.DayNumber + 1;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        // SQLite: a large page cache while loading (the rollup rows of a national tree are millions, written in key
        // order: their index pages are read and written again batch after batch), the connection's own afterwards.
        var cacheSize = connection is Microsoft.Data.Sqlite.SqliteConnection ? await PragmaAsync(connection, "cache_size", ct) : null;
        if (cacheSize is not null)
        {
            await PragmaAsync(connection, "cache_size = -1048576", ct);
        }

        long written = 0;
        const int Batch = 20_000;
        var responses = new List<object?[]>(Batch);
        var rollups = new ResponseCounts();
        // The next batch is made while the last one is written: the two take about as long as each other, and the
        // database does its part outside this thread.
        Task writing = Task.CompletedTask;
        async Task WriteAsync(List<object?[]> rows, ResponseCounts counts)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await BulkRows.WriteAsync(connection, transaction, "SurveyResponses",
                ["Id", "QuestionnaireId", "UnitId", "FieldId", "ProcedureId", "Channel", "RespondentType", "CreatedAt", "Day", "Comment", "IsDeleted", "Answers"], rows, ct: ct);
            await counts.WriteAsync(connection, transaction, ct);
            await transaction.CommitAsync(ct);
            written += rows.Count;
            progress?.Invoke(written);
        }

        // Day after day, the same number each day, whole days per batch: a batch's responses share their days' and
        // months' rollup rows, so each of those rows is written once per batch instead of once per few responses.
        for (var d = 0; d < days; d++)
        {
            var day = DateOnly.FromDayNumber(from.DayNumber + d);
            if (day >= nextChange)
            {
                targets = [.. allTargets.Where(t => t.From <= day && (t.To is null || t.To > day))];
                nextChange = changes.FirstOrDefault(c => c > day, DateOnly.MaxValue);
            }

            var onDay = targets.Length == 0 ? 0 : count * (d + 1) / days - count * d / days;
            for (var i = 0; i < onDay; i++)
            {
                var target = targets[random.Next(targets.Length)];
                var field = target.FieldIds[random.Next(target.FieldIds.Length)];
                var channel = Pick(random);
                var procedure = random.NextDouble() < 0.6 && procedures.TryGetValue(field, out var ofField)
                    ? ofField[Math.Min(ofField.Length - 1, (int)(-Math.Log(1 - random.NextDouble()) * 3))] : 0;
                var respondent = respondentQuestion is null ? 0 : random.NextDouble() switch { < 0.80 => 1, < 0.95 => 2, _ => 0 };
                var id = Guid.CreateVersion7();
                var comment = random.Next(8) == 0 ? Comments[random.Next(Comments.Length)] : null;
                var given = new List<(int QuestionId, int Value)>(scored.Length + 1);
                foreach (var (question, element, values) in scored)
                {
                    if (random.NextDouble() < 0.03)
                    {
                        continue; // "Không trả lời": no answer row at all.
                    }

                    var mood = target.Mood - (element == "E5" ? 0.06 : 0);
                    given.Add((question.Id, Answer(random, mood, values)));
                }

                if (respondentQuestion is not null && respondent != 0)
                {
                    given.Add((respondentQuestion.Id, respondent));
                }

                responses.Add([id, questionnaire.Id, target.UnitId, field, procedure == 0 ? null : procedure, (int)channel, respondent, day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), day, comment,
                    false, SurveyAnswer.Pack(given.Select(a => new SurveyAnswer { QuestionId = a.QuestionId, Value = a.Value }))]);
                rollups.Add(new RollupCell(target.UnitId, lineage[target.UnitId], levels[target.UnitId], day, field, procedure, (int)channel, respondent), given);
            }

            if (responses.Count >= Batch || d == days - 1)
            {
                await writing;
                var (rows, counts) = (responses, rollups);
                writing = Task.Run(() => WriteAsync(rows, counts), ct);
                responses = new List<object?[]>(Batch);
                rollups = new ResponseCounts();
            }
        }

        await writing;
        if (cacheSize is not null)
        {
            await PragmaAsync(connection, "cache_size = " + cacheSize, ct);
        }

        await db.Database.CloseConnectionAsync();
        return written;
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, string pragma, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return (await command.ExecuteScalarAsync(ct))?.ToString();
    }

    /// <summary>A scale's satisfied values, and the others mildest first: worked out once, not for every answer.</summary>
    private sealed class ScaleValues(ScaleView scale)
    {
        public readonly int[] Satisfied = [.. scale.Values.Where(v => v.Satisfied).Select(v => v.Value)];
        public readonly int[] Other = [.. scale.Values.Where(v => !v.Satisfied).Select(v => v.Value).OrderDescending()];
    }

    private static SurveyChannel Pick(Random random)
    {
        var roll = random.Next(100);
        foreach (var (channel, weight) in ChannelWeights)
        {
            if ((roll -= weight) < 0)
            {
                return channel;
            }
        }

        return SurveyChannel.Online;
    }

    /// <summary>A satisfied answer with probability <paramref name="mood"/>; otherwise a neutral or unhappy one.</summary>
    private static int Answer(Random random, double mood, ScaleValues scale)
    {
        var (satisfied, other) = (scale.Satisfied, scale.Other);
        if (random.NextDouble() < mood)
        {
            // Among the satisfied, the top value a little more often than the next.
            return satisfied.Length == 1 || random.NextDouble() < 0.55 ? satisfied.Max() : satisfied.Min();
        }

        // Among the others, the mildest far more often.
        return random.NextDouble() < 0.75 || other.Length == 1 ? other[0] : other[random.Next(1, other.Length)];
    }
}

/// <summary>Two years of demo responses, so the results screens show something real on first run.</summary>
internal sealed class SatisfactionDemoSeed(AppDb db, SyntheticResponses synthetic, Microsoft.Extensions.Options.IOptions<DatabaseOptions> options, TimeProvider clock, IConfiguration configuration) : ISeeder
{
    public int Order => 40;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var count = configuration.GetValue("Seed:DemoResponses", 6_000);
        if (!options.Value.SeedDemoData || count <= 0 || await db.SurveyResponses.AnyAsync(cancellationToken))
        {
            return;
        }

        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        var from = today.AddYears(-2).AddDays(1);
        if (await db.Reorganisations.AnyAsync(cancellationToken))
        {
            // The demo tells the 2025 reorganisation (ReorganisationStorySeed): its responses go back to 2022, the year
            // of the Bắc Kạn police article (News/NewsSeed.cs), at the same rate per day.
            var since2022 = new DateOnly(2022, 1, 1);
            count = count * (today.DayNumber - since2022.DayNumber + 1) / (today.DayNumber - from.DayNumber + 1);
            from = since2022;
        }

        await synthetic.GenerateAsync(count, from, today, seed: 2022, ct: cancellationToken);
    }
}

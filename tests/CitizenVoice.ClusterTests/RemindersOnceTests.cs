using CitizenVoice.Data;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Infrastructure;
using CitizenVoice.Tests.Dialogues;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.ClusterTests;

/// <summary>Jobs every copy runs on a timer are done once, not once per copy.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RemindersOnceTests(Cluster cluster)
{
    [Fact]
    public async Task Two_copies_checking_every_second_mail_an_overdue_commitment_once()
    {
        var what = $"Sửa đèn chiếu sáng ngõ 3 {Guid.NewGuid():N}";
        await using (var db = new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(cluster.ConnectionString).Options))
        {
            var sessionId = await DialogueTestData.CreateSessionAsync(db, "BK-NS", DialogueStatus.Closed);
            var opinionId = await DialogueTestData.AddOpinionAsync(db, sessionId, "Đề nghị sửa đèn chiếu sáng ngõ 3.", OpinionStatus.Answered);
            db.Commitments.Add(new Commitment
            {
                OpinionId = opinionId, SessionId = sessionId, What = what, Status = CommitmentStatus.Open,
                DueOn = VietnamTime.Today(TimeProvider.System).AddDays(-2),
                ResponsibleUnitId = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync(),
            });
            await db.SaveChangesAsync();
        }

        bool About(Tests.Infrastructure.SunkMail m) => m.Recipients.Contains("canbo.nganson@congan.backan.example") && m.Text.Contains(what);
        await Cluster.WaitAsync(() => Task.FromResult(cluster.Smtp.Mails.Any(About)), "no reminder was mailed", seconds: 60);

        // Several more runs on each copy: still one mail.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(cluster.Smtp.Mails, About);
    }
}

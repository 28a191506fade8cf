using System.Security.Cryptography;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>Scales, the two shipped questionnaires and the receipt key: on every install, demo or not.</summary>
internal sealed class SurveysSeed(AppDb db, IDataProtectionProvider protection, TimeProvider clock) : ISeeder
{
    public int Order => 30;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existingScales = await db.Scales.Select(s => s.Code).ToListAsync(cancellationToken);
        db.Scales.AddRange(Scales.Standard().Where(s => !existingScales.Contains(s.Code)));

        var existingTemplates = await db.Questionnaires.Select(q => q.Code).Distinct().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!existingTemplates.Contains(QuestionnaireTemplates.Sipas))
        {
            var sipas = QuestionnaireTemplates.SipasStyle();
            sipas.Publish(now);
            sipas.IsCurrent = !await db.Questionnaires.AnyAsync(q => q.IsCurrent, cancellationToken);
            db.Questionnaires.Add(sipas);
        }

        if (!existingTemplates.Contains(QuestionnaireTemplates.Police7))
        {
            var police = QuestionnaireTemplates.PoliceSevenAspects();
            police.Publish(now);
            db.Questionnaires.Add(police);
        }

        if (!await db.SurveySecrets.AnyAsync(cancellationToken))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            db.SurveySecrets.Add(new SurveySecret { Id = 1, ProtectedReceiptKey = ReceiptHasher.Protector(protection).Protect(Convert.ToBase64String(key)) });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another copy of the app seeded the same rows at the same moment; theirs are as good as ours.
            db.ChangeTracker.Clear();
        }
    }
}

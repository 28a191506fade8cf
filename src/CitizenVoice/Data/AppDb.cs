using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Features.Contacts;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Features.News;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Settings;
using CitizenVoice.Features.Staff;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Features.Visitors;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Data;

/// <summary>
/// The application's database. Each provider has a subclass (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>)
/// only so that each keeps its own migrations; code everywhere else uses <see cref="AppDb"/>.
/// </summary>
public class AppDb(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitNameRecord> UnitNameHistory => Set<UnitNameRecord>();
    public DbSet<UnitParentRecord> UnitParentHistory => Set<UnitParentRecord>();
    public DbSet<Reorganisation> Reorganisations => Set<Reorganisation>();
    public DbSet<ReorganisationUpload> ReorganisationUploads => Set<ReorganisationUpload>();
    public DbSet<ServiceField> Fields => Set<ServiceField>();
    public DbSet<UnitField> UnitFields => Set<UnitField>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Scale> Scales => Set<Scale>();
    public DbSet<Questionnaire> Questionnaires => Set<Questionnaire>();
    public DbSet<QuestionnaireUse> QuestionnaireUses => Set<QuestionnaireUse>();
    public DbSet<SurveyDraft> SurveyDrafts => Set<SurveyDraft>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<DailyRollup> DailyRollups => Set<DailyRollup>();
    public DbSet<RollupRow> RollupRows => Set<RollupRow>();
    public DbSet<PendingRollup> PendingRollups => Set<PendingRollup>();
    public DbSet<SurveySecret> SurveySecrets => Set<SurveySecret>();
    public DbSet<PaperEntry> PaperEntries => Set<PaperEntry>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportRow> ImportRows => Set<ImportRow>();
    public DbSet<DialogueSession> DialogueSessions => Set<DialogueSession>();
    public DbSet<Opinion> Opinions => Set<Opinion>();
    public DbSet<OpinionSupport> OpinionSupports => Set<OpinionSupport>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<AnswerAssignment> AnswerAssignments => Set<AnswerAssignment>();
    public DbSet<ReceptionDay> ReceptionDays => Set<ReceptionDay>();
    public DbSet<SurveyRound> SurveyRounds => Set<SurveyRound>();
    public DbSet<SurveyRoundTarget> SurveyRoundTargets => Set<SurveyRoundTarget>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<ContactPoint> ContactPoints => Set<ContactPoint>();
    public DbSet<FeedbackItem> FeedbackItems => Set<FeedbackItem>();
    public DbSet<FeedbackEvent> FeedbackEvents => Set<FeedbackEvent>();
    public DbSet<FeedbackAttachment> FeedbackAttachments => Set<FeedbackAttachment>();
    public DbSet<QuestionAnswer> QuestionAnswers => Set<QuestionAnswer>();
    public DbSet<NewsArticle> NewsArticles => Set<NewsArticle>();
    public DbSet<NewsImage> NewsImages => Set<NewsImage>();
    public DbSet<NewsRating> NewsRatings => Set<NewsRating>();
    public DbSet<NewsComment> NewsComments => Set<NewsComment>();
    public DbSet<VisitDay> VisitDays => Set<VisitDay>();
    public DbSet<RecentVisitor> RecentVisitors => Set<RecentVisitor>();
    public DbSet<GeneratedKey> GeneratedKeys => Set<GeneratedKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options);

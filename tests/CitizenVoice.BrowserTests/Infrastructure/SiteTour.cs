using CitizenVoice.Features.Dialogues;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Dialogues;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.BrowserTests.Infrastructure;

/// <summary>
/// Every page of the site, public and staff, with the records its address needs (a dialogue with opinions, a survey
/// round, a pair of paper entries that differ): the pages the whole-site checks visit.
/// </summary>
public static class SiteTour
{
    public static readonly string[] PublicPages =
    [
        "/", "/don-vi", "/can-bo/don-vi/BK-NS", "/khao-sat", "/khao-sat/BK-NS/CCCD", "/khao-sat/BK-NS/CCCD/tung-buoc", "/khao-sat/kiosk/BK-NS/CCCD", "/khao-sat/cam-on",
        "/ket-qua-khao-sat", "/ket-qua-khao-sat?unit=BK-NS", "/doi-thoai", "/doi-thoai/thong-ke", "/dang-nhap",
        "/danh-ba", "/danh-ba?q=ba+be", "/phan-anh-kien-nghi", "/phan-anh-kien-nghi/tra-cuu", "/phan-anh-kien-nghi/da-gui",
        "/phan-anh-kien-nghi/hoi-dap", "/phan-anh-kien-nghi/hoi-dap?q=tam+tru&linh-vuc=CU-TRU",
        "/tin-tuc", "/tin-tuc?chuyen-muc=cai-cach-hanh-chinh", "/tin-tuc/hieu-qua-tu-tiep-xuc-doi-thoai",
        "/doi-thoai/theo-doi", "/doi-thoai/da-gui",
    ];

    /// <summary>
    /// The public pages of one dialogue; the staff pages an administrator opens; the survey team's pages, which only
    /// the independent survey team may open.
    /// </summary>
    public static async Task<(string[] Public, string[] Staff, string[] SurveyTeam)> PagesAsync(BrowserApp app)
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Live, "Đối thoại kiểm tra mọi trang của cổng thông tin");
        var followed = await DialogueTestData.AddOpinionAsync(app, sessionId,
            "Xin hỏi thủ tục đăng ký thường trú cho con mới sinh tại thị trấn Vân Tùng cần những giấy tờ gì và mất bao lâu?", OpinionStatus.Approved);
        var questionCode = "CH-2026-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await app.WithDbAsync(db => db.Opinions.Where(o => o.Id == followed).ExecuteUpdateAsync(s => s.SetProperty(o => o.TrackingCode, questionCode)));
        await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị bố trí thêm chỗ ngồi chờ tại bộ phận một cửa.");
        var registrationCode = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var ids = await app.WithDbAsync(async db =>
        {
            // A written answer drafted and waiting for the leader: the work list shows every part of an assignment.
            db.AnswerAssignments.Add(new AnswerAssignment
            {
                OpinionId = followed, SessionId = sessionId, UnitId = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync(),
                DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), Status = AnswerAssignmentStatus.AwaitingApproval, AssignedBy = "Thư ký",
                AssignedAt = DateTime.UtcNow, Draft = "Hồ sơ gồm tờ khai và giấy khai sinh; giải quyết trong 7 ngày làm việc.", DraftedBy = "Cán bộ Ngân Sơn",
            });
            db.Registrations.Add(new Registration
            {
                SessionId = sessionId, AttendeeName = "Hoàng Thị Minh Nguyệt", VillageOrOrganisation = "Hội Liên hiệp Phụ nữ thị trấn Vân Tùng",
                Group = DelegateGroup.Citizen, Code = registrationCode, RegisteredAt = DateTime.UtcNow,
            });
            var unit = await db.Units.Where(u => u.Code == "BK-BB").Select(u => u.Id).SingleAsync();
            var field = await db.Fields.Where(f => f.Code == "XNC").Select(f => f.Id).SingleAsync();
            var round = new SurveyRound
            {
                Name = "Đợt kiểm tra mọi trang", StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31),
                Targets = [new SurveyRoundTarget { UnitId = unit, FieldId = field, Target = 385 }],
            };
            db.SurveyRounds.Add(round);
            var typists = await db.Users.Where(u => u.UserName == "admin" || u.UserName == "thuky").Select(u => u.Id).ToListAsync();
            var questionnaire = await db.Questionnaires.Where(q => q.IsCurrent).Select(q => q.Id).SingleAsync();
            var question = await db.Questionnaires.Where(q => q.IsCurrent).SelectMany(q => q.Questions).OrderBy(q => q.Order).Select(q => q.Id).FirstAsync();
            var serial = "MOI-TRANG-" + Guid.NewGuid().ToString("N")[..6];
            var entries = typists.Select((typist, i) => new PaperEntry
            {
                UnitId = unit, FieldId = field, Serial = serial, Sequence = i + 1, QuestionnaireId = questionnaire, EnteredById = typist,
                Status = PaperEntryStatus.Mismatched,
                Content = PaperContent.From(new DateOnly(2026, 11, 1), new Dictionary<int, int> { [question] = 4 - i }, null, null).ToJson(),
            }).ToList();
            db.PaperEntries.AddRange(entries);
            var province = await db.Units.Where(u => u.Code == "BK").Select(u => u.Id).SingleAsync();
            var feedback = new CitizenVoice.Features.Feedback.FeedbackItem
            {
                TrackingCode = "PA-2026-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), SecretHash = "-",
                Kind = CitizenVoice.Features.Feedback.FeedbackKind.Report, Channel = CitizenVoice.Features.Feedback.FeedbackChannel.Web,
                FieldId = field, ReceivingUnitId = province, AssignedUnitId = province, Subject = "Biển báo trước trụ sở bị che khuất",
                Content = "Biển báo giao thông trước trụ sở công an xã bị cây che khuất, người đi đường khó nhìn thấy.",
                ReceivedAt = DateTime.UtcNow, ReceivedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)),
                Status = CitizenVoice.Features.Feedback.FeedbackStatus.Received, DueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(2),
            };
            db.FeedbackItems.Add(feedback);
            // A published comment for the article page's list, and one waiting in the moderators' queue.
            var article = await db.NewsArticles.Where(a => a.Slug == "hieu-qua-tu-tiep-xuc-doi-thoai").SingleAsync();
            db.NewsComments.AddRange(
                new CitizenVoice.Features.News.NewsComment
                {
                    ArticleId = article.Id, AuthorName = "Lương Văn Thành", Text = "Đối thoại tại xã giúp bà con đỡ phải đi lại xa. Mong được tổ chức thường xuyên hơn.",
                    Status = CitizenVoice.Features.News.CommentStatus.Published, PostedAt = DateTime.UtcNow,
                },
                new CitizenVoice.Features.News.NewsComment
                {
                    ArticleId = article.Id, AuthorName = "Bế Thị Hằng", Text = "Xin hỏi lịch đối thoại tiếp theo ở huyện Ba Bể?",
                    Status = CitizenVoice.Features.News.CommentStatus.Pending, PostedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
            // A checked reorganisation file not applied: its preview lists the change and what it touches.
            var reorganisation = new CitizenVoice.Features.Organisation.Reorganisation
            {
                FileName = "doi-ten-van-tung.csv", Sha256 = new string('0', 64), EffectiveDate = new DateOnly(2025, 7, 1),
                UploadedBy = "admin", UploadedAt = DateTime.UtcNow,
            };
            db.Reorganisations.Add(reorganisation);
            await db.SaveChangesAsync();
            db.ReorganisationUploads.Add(new CitizenVoice.Features.Organisation.ReorganisationUpload
            {
                ReorganisationId = reorganisation.Id,
                Content = System.Text.Encoding.UTF8.GetBytes("NgayHieuLuc,HanhDong,MaCu,MaMoi,TenMoi,LoaiDiaBan,Cap,MaCapTren,MaGSO,TaiKhoan\r\n"
                    + "2025-07-01,Đổi tên,BK-NS-VT,,Công an xã Vân Tùng Mới,xã,,,,\r\n"),
            });
            await db.SaveChangesAsync();
            return new
            {
                Reorganisation = reorganisation.Id,
                Feedback = feedback.Id, FeedbackCode = feedback.TrackingCode, Article = article.Id,
                Round = round.Id, Entry = entries[0].Id, Unit = unit, Field = field,
                Procedure = await db.Procedures.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
                Staff = await db.Users.Where(u => u.UserName == "canbo.nganson").Select(u => u.Id).SingleAsync(),
            };
        });

        var question = await CitizenVoice.Tests.Feedback.FeedbackTestData.PublishedQuestionAsync(app);
        string[] publicPages = [.. PublicPages, $"/doi-thoai/{sessionId}", $"/doi-thoai/{sessionId}/truc-tiep", $"/phan-anh-kien-nghi/hoi-dap/{question.Question}", $"/doi-thoai/theo-doi?ma={questionCode}",
            $"/doi-thoai/{sessionId}/dang-ky/{registrationCode}"];
        string[] staffPages =
        [
            "/quan-tri", "/tai-khoan", "/quan-tri/can-bo", "/quan-tri/can-bo/them", $"/quan-tri/can-bo/{ids.Staff}", "/quan-tri/cai-dat",
            "/quan-tri/don-vi", "/quan-tri/don-vi/them", $"/quan-tri/don-vi/{ids.Unit}/sua", $"/quan-tri/don-vi/{ids.Unit}/sap-nhap",
            "/quan-tri/to-chuc-lai", $"/quan-tri/to-chuc-lai/{ids.Reorganisation}",
            "/quan-tri/linh-vuc", "/quan-tri/linh-vuc/them", $"/quan-tri/linh-vuc/{ids.Field}/sua",
            "/quan-tri/thu-tuc", "/quan-tri/thu-tuc/them", $"/quan-tri/thu-tuc/{ids.Procedure}/sua",
            "/quan-tri/khao-sat/kiem-tra",
            "/quan-tri/ket-qua-hai-long", "/quan-tri/ket-qua-hai-long/gop-y",
            "/quan-tri/doi-thoai", "/quan-tri/doi-thoai/them", $"/quan-tri/doi-thoai/{sessionId}/sua", $"/quan-tri/doi-thoai/{sessionId}/dieu-phoi",
            $"/quan-tri/doi-thoai/{sessionId}/diem-danh", "/quan-tri/doi-thoai/cam-ket", "/quan-tri/doi-thoai/tuan-thu", "/quan-tri/tiep-cong-dan",
            "/quan-tri/viec-duoc-giao",
            "/quan-tri/nhat-ky", "/quan-tri/lich-lam-viec", "/quan-tri/danh-ba", "/quan-tri/danh-ba/them",
            "/quan-tri/phan-anh-kien-nghi", "/quan-tri/phan-anh-kien-nghi/nhap", $"/quan-tri/phan-anh-kien-nghi/{ids.Feedback}",
            "/quan-tri/phan-anh-kien-nghi/hoi-dap", $"/quan-tri/phan-anh-kien-nghi/{question.Item}", "/quan-tri/phan-anh-kien-nghi/so-lieu",
            $"/phan-anh-kien-nghi/tra-cuu?ma={ids.FeedbackCode}",
            "/quan-tri/tin-tuc", "/quan-tri/tin-tuc/them", $"/quan-tri/tin-tuc/{ids.Article}/sua", "/quan-tri/tin-tuc/y-kien",
        ];
        var questionnaire = await app.WithDbAsync(db => db.Questionnaires.Where(q => q.IsCurrent).Select(q => q.Id).FirstAsync());
        string[] surveyTeamPages =
        [
            "/quan-tri/khao-sat/dot", "/quan-tri/khao-sat/dot/them", $"/quan-tri/khao-sat/dot/{ids.Round}",
            "/quan-tri/khao-sat/nhap", "/quan-tri/khao-sat/phieu-giay", "/quan-tri/khao-sat/doi-chieu", $"/quan-tri/khao-sat/doi-chieu/{ids.Entry}",
            "/quan-tri/khao-sat/nhap-tep", "/quan-tri/khao-sat/in",
            "/quan-tri/khao-sat/bang-hoi", $"/quan-tri/khao-sat/bang-hoi/{questionnaire}", $"/quan-tri/khao-sat/bang-hoi/{questionnaire}/xem-truoc",
        ];
        return (publicPages, staffPages, surveyTeamPages);
    }
}

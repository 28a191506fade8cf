using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Demo dialogues from the Bắc Kạn police article of 22/06/2022 (the demo news item in News/NewsSeed.cs): the Vân
/// Tùng session, the online session on the provincial website, the district sessions of 2021 and the first half of 2022 (16 in all, one online), and an
/// upcoming session. The article gives totals, not transcripts: where it states a figure (over 200 delegates,
/// 35 opinions, over 1,000 participants, nearly 200 opinions) the figure is stored as a recorded count, and only
/// a handful of opinions are written out, as examples of the topics it names. Dates of the district sessions,
/// the split of the Vân Tùng delegates by group and the example opinions are illustrative, not from the source.
/// </summary>
internal sealed class DialogueSeed(AppDb db, IOptions<DatabaseOptions> options, TimeProvider clock) : ISeeder
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public int Order => 40;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || await db.DialogueSessions.AnyAsync(cancellationToken))
        {
            return;
        }

        var units = await db.Units.AsNoTracking().Select(u => new { u.Code, u.Id, u.Name }).ToDictionaryAsync(u => u.Code, cancellationToken);
        if (!units.TryGetValue("BK-NS-VT", out var vanTung) || !units.TryGetValue("BK-PC08", out var traffic))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;

        // 2021 and the first half of 2022: fourteen district sessions, the online one and Vân Tùng make the article's 16.
        (string Unit, DateOnly Date)[] districtSessions =
        [
            ("BK-TP", new(2021, 3, 25)), ("BK-BB", new(2021, 4, 15)), ("BK-CD", new(2021, 5, 20)), ("BK-NR", new(2021, 6, 17)),
            ("BK-PN", new(2021, 7, 22)), ("BK-BT", new(2021, 9, 23)), ("BK-CM", new(2021, 10, 21)), ("BK-NS", new(2021, 11, 18)),
            ("BK-TP", new(2021, 12, 16)), ("BK-BB", new(2022, 3, 17)), ("BK-CD", new(2022, 3, 31)), ("BK-NR", new(2022, 4, 21)),
            ("BK-PN", new(2022, 5, 12)), ("BK-BT", new(2022, 5, 26)),
        ];
        foreach (var (code, date) in districtSessions)
        {
            var unit = units[code];
            db.DialogueSessions.Add(new DialogueSession
            {
                HostUnitId = unit.Id,
                Title = $"Đối thoại trực tiếp về thủ tục hành chính và giải quyết thủ tục hành chính – {unit.Name}",
                Content = "Công an huyện, thành phố định kỳ đối thoại trực tiếp với Nhân dân về thủ tục hành chính và giải quyết thủ tục hành chính tại cơ sở.",
                FieldCodes = ["CCCD", "CU-TRU", "DKX"],
                Chair = $"Trưởng {unit.Name}",
                Officials = "Lãnh đạo các đội nghiệp vụ\nTrưởng Công an các xã, thị trấn",
                Format = DialogueFormat.InPerson,
                Venue = $"Hội trường {unit.Name}",
                StartsAt = At(date, 8, 0), EndsAt = At(date, 11, 0),
                Status = DialogueStatus.MinutesPublished,
                AnnouncedAt = At(date.AddDays(-14), 8, 0), CreatedAt = At(date.AddDays(-20), 8, 0),
            });
        }

        db.DialogueSessions.Add(OnlineSession(units["BK"].Id));
        db.DialogueSessions.Add(VanTungSession(units["BK-NS"].Id, units["BK-NS"].Id, vanTung.Id, traffic.Id));
        // The coming session is held by the unit that serves Ngân Sơn today: the district police, or since the district
        // level was abolished the province police that took over its communes.
        var host = units[await UnitTree.SuccessorCodeAsync(db, "BK-NS", cancellationToken) ?? "BK-NS"];
        db.DialogueSessions.Add(UpcomingSession(host.Id, host.Name, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTime At(DateOnly date, int hour, int minute) =>
        date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc) - VietnamOffset;

    private static DialogueSession VanTungSession(int hostId, int districtId, int communeId, int trafficId)
    {
        var date = new DateOnly(2022, 6, 10);
        var session = new DialogueSession
        {
            HostUnitId = hostId,
            Title = "Hội nghị đối thoại trực tiếp thủ tục hành chính và giải quyết thủ tục hành chính cấp Công an tỉnh, Công an huyện Ngân Sơn",
            Content = "Đối thoại với đại biểu huyện ủy, HĐND, UBND huyện, đại diện các thôn, bản, tổ chức, hộ kinh doanh trên địa bàn về chủ trương đưa Công an chính quy về xã, việc cấp căn cước công dân và trật tự an toàn giao thông.",
            FieldCodes = ["CCCD", "CU-TRU", "DKX"],
            Chair = "Đại tá Hà Văn Tuyên, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy, Giám đốc Công an tỉnh",
            Officials = "Lãnh đạo Công an huyện Ngân Sơn\nLãnh đạo Phòng Cảnh sát quản lý hành chính về trật tự xã hội\nLãnh đạo Phòng Cảnh sát giao thông\nTrưởng Công an xã Vân Tùng",
            Format = DialogueFormat.InPerson,
            Venue = "Hội trường xã Vân Tùng, huyện Ngân Sơn",
            StartsAt = At(date, 8, 0), EndsAt = At(date, 11, 30),
            Status = DialogueStatus.MinutesPublished,
            AnnouncementApprovedBy = "Giám đốc Công an tỉnh",
            AnnouncedAt = At(date.AddDays(-15), 8, 0), CreatedAt = At(date.AddDays(-20), 8, 0),
            // "Hơn 200 đại biểu": the total is the article's; its split by group is illustrative.
            DelegatesPartyCommittee = 6, DelegatesPeoplesCouncil = 5, DelegatesPeoplesCommittee = 9,
            DelegatesVillages = 128, DelegatesBusinesses = 24, DelegatesCitizens = 34,
            RecordedOpinions = 35,
            MinutesSecretary = "Thư ký hội nghị",
        };

        var spokenAt = At(date, 9, 0);
        Opinion Spoken(OpinionChannel channel, string field, string text, string answer, AnswerTiming timing, string by, int unitId, int minutes) => new()
        {
            Channel = channel, FieldCode = field, Text = text, Status = OpinionStatus.Answered,
            Answer = answer, AnswerTiming = timing, AnsweredBy = by, AnsweringUnitId = unitId,
            ReceivedAt = spokenAt.AddMinutes(minutes),
            AnsweredAt = timing == AnswerTiming.OnTheSpot ? spokenAt.AddMinutes(minutes + 5) : At(date.AddDays(20), 9, 0),
        };

        var communePolice = Spoken(OpinionChannel.Spoken, "CU-TRU",
            "Từ khi có Công an chính quy về xã, tình hình an ninh, trật tự ở thôn ổn định hơn, bà con rất phấn khởi. Đề nghị Công an xã tiếp tục xuống từng thôn hướng dẫn bà con làm thủ tục cư trú.",
            "Công an tỉnh ghi nhận ý kiến. Công an xã Vân Tùng duy trì lịch xuống các thôn vào ngày thứ Bảy hằng tuần để hướng dẫn, tiếp nhận hồ sơ cư trú, căn cước tại chỗ.",
            AnswerTiming.OnTheSpot, "Đại tá Hà Văn Tuyên, Giám đốc Công an tỉnh", communeId, 0);
        var cardDelay = Spoken(OpinionChannel.Spoken, "CCCD",
            "Gia đình tôi làm căn cước công dân từ tháng 4 nhưng đến nay chưa nhận được thẻ. Đề nghị cho biết lý do và khi nào được trả thẻ.",
            "Một số hồ sơ thu nhận đợt cao điểm phải bổ sung ảnh, vân tay nên chậm in thẻ. Công an huyện Ngân Sơn rà soát từng hồ sơ của xã Vân Tùng và trả thẻ tại xã.",
            AnswerTiming.OnTheSpot, "Lãnh đạo Công an huyện Ngân Sơn", districtId, 10);
        cardDelay.Commitments.Add(new Commitment
        {
            Session = session, What = "Rà soát các hồ sơ căn cước công dân chưa có thẻ của xã Vân Tùng, trả thẻ tại trụ sở Công an xã.",
            ResponsibleUnitId = districtId, DueOn = new DateOnly(2022, 7, 15), Status = CommitmentStatus.Done,
            Evidence = "Đã trả thẻ cho các hộ có hồ sơ tồn tại Công an xã Vân Tùng.", DoneOn = new DateOnly(2022, 7, 8),
        });
        var mobileCards = Spoken(OpinionChannel.Paper, "CCCD",
            "Đề nghị tổ chức cấp căn cước công dân lưu động cho người già, người ốm đau ở các thôn xa trung tâm.",
            "Công an huyện Ngân Sơn bố trí tổ cấp căn cước lưu động đến tận nhà người cao tuổi, người ốm đau không tự đi lại được.",
            AnswerTiming.Later, "Công an huyện Ngân Sơn (trả lời bằng văn bản)", districtId, 30);
        mobileCards.Commitments.Add(new Commitment
        {
            Session = session, What = "Tổ chức cấp căn cước công dân lưu động tại các thôn xa trung tâm xã Vân Tùng.",
            ResponsibleUnitId = districtId, DueOn = new DateOnly(2022, 8, 31), Status = CommitmentStatus.Done,
            Evidence = "Tổ lưu động đã thu nhận hồ sơ tại nhà cho người cao tuổi, người ốm đau.", DoneOn = new DateOnly(2022, 8, 20),
        });
        var market = Spoken(OpinionChannel.Spoken, "DKX",
            "Vào phiên chợ, xe tải thường dừng đỗ lấn chiếm lòng đường đoạn qua chợ Vân Tùng, rất dễ xảy ra tai nạn. Đề nghị tăng cường tuần tra, xử lý.",
            "Phòng Cảnh sát giao thông phối hợp Công an huyện tăng cường tuần tra, kiểm soát vào các phiên chợ và tuyên truyền cho các hộ kinh doanh.",
            AnswerTiming.OnTheSpot, "Lãnh đạo Phòng Cảnh sát giao thông", trafficId, 45);
        market.Commitments.Add(new Commitment
        {
            Session = session, What = "Tuần tra, kiểm soát trật tự an toàn giao thông đoạn qua chợ Vân Tùng vào các phiên chợ.",
            ResponsibleUnitId = trafficId, DueOn = new DateOnly(2022, 9, 30), Status = CommitmentStatus.Done,
            Evidence = "Đã bố trí tổ tuần tra các phiên chợ từ tháng 7/2022.", DoneOn = new DateOnly(2022, 7, 1),
        });
        var newborn = Spoken(OpinionChannel.Paper, "CU-TRU",
            "Đăng ký thường trú cho con mới sinh vẫn phải đi lại nhiều lần. Đề nghị hướng dẫn cách làm trực tuyến.",
            "Người dân có thể nộp hồ sơ đăng ký thường trú trực tuyến trên Cổng dịch vụ công; Công an xã hướng dẫn trực tiếp tại trụ sở và tại thôn.",
            AnswerTiming.OnTheSpot, "Trưởng Công an xã Vân Tùng", communeId, 60);
        session.Opinions.AddRange([communePolice, cardDelay, mobileCards, market, newborn]);
        return session;
    }

    private static DialogueSession OnlineSession(int provinceId)
    {
        var date = new DateOnly(2021, 12, 28);
        var session = new DialogueSession
        {
            HostUnitId = provinceId,
            Title = "Đối thoại trực tuyến về thủ tục hành chính trên Trang thông tin điện tử Công an tỉnh",
            Content = "Lãnh đạo Công an tỉnh và các phòng nghiệp vụ trả lời trực tuyến câu hỏi của người dân, tổ chức về thủ tục hành chính trong các lĩnh vực xuất nhập cảnh, cư trú, căn cước công dân, đăng ký xe.",
            FieldCodes = ["XNC", "CU-TRU", "CCCD", "DKX"],
            Chair = "Lãnh đạo Công an tỉnh",
            Officials = "Lãnh đạo Phòng Quản lý xuất nhập cảnh\nLãnh đạo Phòng Cảnh sát quản lý hành chính về trật tự xã hội\nLãnh đạo Phòng Cảnh sát giao thông",
            Format = DialogueFormat.Online,
            Venue = "Trang thông tin điện tử Công an tỉnh Bắc Kạn",
            StartsAt = At(date, 8, 30), EndsAt = At(date, 11, 30),
            Status = DialogueStatus.MinutesPublished,
            AnnouncedAt = At(date.AddDays(-10), 8, 0), CreatedAt = At(date.AddDays(-15), 8, 0),
            // "Trên 1000 lượt người tham gia, gần 200 ý kiến": the article's figures; three opinions are written out.
            Participants = 1000,
            RecordedOpinions = 196,
        };
        var start = session.StartsAt;
        session.Opinions.AddRange(
        [
            new Opinion
            {
                Session = session, Channel = OpinionChannel.AdvanceOnline, FieldCode = "XNC", Status = OpinionStatus.Answered,
                Text = "Tôi muốn làm hộ chiếu cho con dưới 14 tuổi thì có nộp hồ sơ trực tuyến được không và cần những giấy tờ gì?",
                Answer = "Được. Cha, mẹ hoặc người giám hộ nộp hồ sơ trên Cổng dịch vụ công, kê khai tờ khai cho con và nộp ảnh theo quy định; kết quả trả qua bưu điện hoặc tại Phòng Quản lý xuất nhập cảnh.",
                AnswerTiming = AnswerTiming.OnTheSpot, AnsweredBy = "Lãnh đạo Phòng Quản lý xuất nhập cảnh",
                ReceivedAt = start.AddDays(-3), AnsweredAt = start.AddMinutes(20),
            },
            new Opinion
            {
                Session = session, Channel = OpinionChannel.LiveOnline, FieldCode = "CU-TRU", Status = OpinionStatus.Answered,
                Text = "Sổ hộ khẩu giấy không còn dùng nữa thì khi làm thủ tục ở cơ quan khác tôi chứng minh nơi cư trú bằng gì?",
                Answer = "Cơ quan, tổ chức khai thác thông tin cư trú trong Cơ sở dữ liệu quốc gia về dân cư qua số định danh cá nhân; khi cần, người dân đề nghị Công an xã cấp giấy xác nhận thông tin về cư trú.",
                AnswerTiming = AnswerTiming.OnTheSpot, AnsweredBy = "Lãnh đạo Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
                ReceivedAt = start.AddMinutes(35), AnsweredAt = start.AddMinutes(50),
            },
            new Opinion
            {
                Session = session, Channel = OpinionChannel.LiveOnline, FieldCode = "DKX", Status = OpinionStatus.Answered,
                Text = "Xe máy tôi mua lại đã qua nhiều chủ, không còn giấy tờ mua bán thì làm thế nào để đăng ký sang tên?",
                Answer = "Người đang sử dụng xe đến cơ quan đăng ký xe nơi thường trú, kê khai nguồn gốc xe; cơ quan đăng ký xe tra cứu, thông báo công khai theo quy định rồi giải quyết đăng ký sang tên.",
                AnswerTiming = AnswerTiming.Later, AnsweredBy = "Phòng Cảnh sát giao thông (trả lời bằng văn bản)",
                ReceivedAt = start.AddMinutes(70), AnsweredAt = start.AddDays(7),
            },
        ]);
        return session;
    }

    private static DialogueSession UpcomingSession(int hostId, string hostName, DateTime now)
    {
        var date = DateOnly.FromDateTime(now + VietnamOffset).AddDays(21);
        var session = new DialogueSession
        {
            HostUnitId = hostId,
            Title = $"Đối thoại về cấp căn cước, định danh điện tử và đăng ký cư trú – {hostName}",
            Content = $"Người dân gửi câu hỏi trước trên cổng này hoặc trực tiếp tại hội trường; lãnh đạo {hostName} và Công an các xã trả lời.",
            FieldCodes = ["CCCD", "CU-TRU"],
            Chair = $"Trưởng {hostName}",
            Officials = "Lãnh đạo Đội Cảnh sát quản lý hành chính về trật tự xã hội\nTrưởng Công an các xã, thị trấn",
            Format = DialogueFormat.Hybrid,
            Venue = $"Hội trường {hostName} và trực tuyến trên cổng thông tin",
            StartsAt = At(date, 8, 0), EndsAt = At(date, 11, 0),
            Status = DialogueStatus.OpenForQuestions,
            AnnouncementApprovedBy = $"Trưởng {hostName}",
            AnnouncedAt = now.AddDays(-2), CreatedAt = now.AddDays(-5),
        };
        session.Opinions.AddRange(
        [
            new Opinion
            {
                Session = session, Channel = OpinionChannel.AdvanceOnline, FieldCode = "CCCD", Status = OpinionStatus.Approved,
                Text = "Người cao tuổi không tự đi lại được thì có được cấp căn cước tại nhà không?", ReceivedAt = now.AddDays(-1),
            },
            new Opinion
            {
                Session = session, Channel = OpinionChannel.AdvanceOnline, FieldCode = "CU-TRU", Status = OpinionStatus.Pending,
                Text = "Đề nghị cho biết thời gian giải quyết đăng ký tạm trú cho người thuê trọ.", ReceivedAt = now.AddHours(-5),
            },
        ]);
        return session;
    }
}

using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.News;

/// <summary>
/// Demo news: the article "Hiệu quả từ tiếp xúc, đối thoại" as the Bắc Kạn police published it on 22 June 2022 (its
/// photo and caption are not included), and a few short items of the kind the force publishes, written for the demo
/// in different sections and weeks, so the list pages, the sections and the newer/older links have something to show.
/// They are replaced by the agency's own news before going live. Only with demo data.
/// </summary>
internal sealed class NewsSeed(AppDb db, IOptions<DatabaseOptions> options) : ISeeder
{
    private const string SeededBy = "bientap";

    public int Order => 60;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || await db.NewsArticles.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var (title, category, author, local, summary, body) in Articles)
        {
            var published = VietnamTime.ToUtc(local);
            db.NewsArticles.Add(new NewsArticle
            {
                Title = title, Slug = NewsQueries.Slugify(title), Summary = summary, Body = body, Author = author, Category = category,
                Status = NewsStatus.Published, PublishedAt = published, CreatedAt = published, CreatedBy = SeededBy, UpdatedAt = published,
                UpdatedBy = SeededBy,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly (string Title, string Category, string Author, DateTime Local, string Summary, string Body)[] Articles =
    [
        (
            "Cấp căn cước công dân lưu động cho người dân vùng cao huyện Pác Nặm", "cai-cach-hanh-chinh", "Thu Hà", new DateTime(2022, 5, 18, 8, 15, 0),
            "Công an huyện Pác Nặm phối hợp với Phòng Cảnh sát quản lý hành chính về trật tự xã hội tổ chức thu nhận hồ sơ cấp căn cước công dân tại các xã vùng cao, giúp người già, người khuyết tật và học sinh không phải đi xa.",
            """
            Trong hai tuần, các tổ công tác đã đến trụ sở Ủy ban nhân dân và nhà văn hóa thôn của các xã, làm việc cả ngày nghỉ để thu nhận hồ sơ cho người dân đi làm nương rẫy ban ngày.

            Với người cao tuổi, người ốm đau hoặc khuyết tật không thể đến điểm thu nhận, cán bộ mang máy đến tận nhà.

            Người dân cần mang theo:

            - sổ hộ khẩu hoặc giấy tờ chứng minh nơi cư trú, nếu thông tin trên hệ thống còn thiếu;
            - chứng minh nhân dân hoặc căn cước công dân cũ, nếu có.

            Lịch thu nhận tiếp theo được niêm yết tại trụ sở Công an xã và thông báo trên loa truyền thanh.
            """
        ),
        (
            "Công an huyện Ba Bể tuyên truyền an toàn giao thông cho học sinh trước kỳ nghỉ hè", "giao-thong", "Minh Tuấn", new DateTime(2022, 6, 3, 9, 40, 0),
            "Trước kỳ nghỉ hè, Công an huyện Ba Bể phối hợp với các trường trung học cơ sở tổ chức buổi ngoại khóa về an toàn giao thông và phòng, chống đuối nước cho học sinh.",
            """
            Cán bộ Đội Cảnh sát giao thông – trật tự hướng dẫn các em cách đội mũ bảo hiểm đúng cách, quy định về độ tuổi được điều khiển xe mô tô, xe gắn máy và những tình huống dễ xảy ra tai nạn trên đường đèo dốc.

            Phụ huynh được khuyến cáo **không giao xe** cho con chưa đủ tuổi, chưa có giấy phép lái xe, và nhắc các em không tắm ở sông, suối, hồ khi không có người lớn đi cùng.
            """
        ),
        (
            "Hiệu quả từ tiếp xúc, đối thoại", "cai-cach-hanh-chinh", "Bình Minh", new DateTime(2022, 6, 22, 7, 27, 0),
            "Tiếp xúc, đối thoại với Nhân dân không phải là việc làm mới, nhưng là phương pháp rất phù hợp, hiệu quả nhằm định hướng và giải quyết cho Nhân dân những vấn đề nảy sinh trong cuộc sống. Nhất là các vấn đề về thủ tục hành chính, giải quyết thủ tục hành chính và những vấn đề liên quan đến an ninh trật tự. Với tinh thần chân thành, thẳng thắn, bình đẳng và tôn trọng người đối thoại thông qua các buổi đối thoại Công an tỉnh Bắc Kạn đã giúp người dân mạnh dạn trình bày những ý kiến, tâm tư, nguyện vọng của mình.",
            """
            Vừa qua, tại xã Vân Tùng, huyện Ngân Sơn - Đại tá Hà Văn Tuyên, Ủy viên Ban thường vụ Tỉnh uỷ, Bí Thư Đảng uỷ, Giám đốc Công an tỉnh chủ trì hội nghị đối thoại trực tiếp thủ tục hành chính và giải quyết thủ tục hành chính cấp Công an tỉnh, Công an huyện Ngân Sơn… cuộc đối thoại đã thu hút hơn 200 đại biểu đại diện huyện uỷ, HĐND, UBND huyện, đông đảo bà con đại diện cho các thôn, bản, tổ chức, cá nhân các hộ kinh doanh trên địa bàn tham gia. Tại buổi đối thoại đã có 35 ý kiến trực tiếp và thông qua văn bản, hầu hết các ý kiến đều đánh giá cao về chủ trương đưa Công an chính quy về cơ sở, một số vấn đề còn tồn tại của việc thực hiện CCCD và trật tự an toàn giao thông. Hình thức đối thoại được Công an tỉnh thực hiện từ năm 2018, đến năm 2019 mở thêm hình thức đối thoại trực tuyến trên Trang thông tin điện tử Công an tỉnh. Thông qua đối thoại trực tiếp cho thấy, đây là cách thức thực hiện thông tin hai chiều rất hiệu quả, các đại biểu đã được trình bày, thảo luận về vấn đề mình quan tâm, được các lãnh đạo, người đứng đầu cơ quan, đơn vị, người có trách nhiệm tham mưu trong các lĩnh vực cụ thể giải đáp kịp thời. Nhờ đó, người dân được giải tỏa tâm lý về những việc còn đang băn khoăn, khúc mắc. Đây chính là tiền đề rất quan trọng, nhằm tạo sự thống nhất về nhận thức cũng như hành động trong quá trình tổ chức triển khai thực hiện nhiệm vụ chính trị ở cơ sở. Quan trọng hơn là những vấn đề mà người dân quan tâm sẽ được thảo luận, giải quyết tận gốc.

            Trên cơ sở kế hoạch thực hiện nhiệm vụ cải cách hành chính của Công an tỉnh, Công an các đơn vị địa phương căn cứ vào chức năng nhiệm vụ của mình đã tổ chức thực hiện một cách sát hợp với thực tế. Công an các huyện, thành phố định kỳ tổ chức đối thoại trực tiếp về thủ tục hành chính và giải quyết thủ tục hành chính, tại cơ sở. Tính riêng năm 2021 và 6 tháng đầu năm 2022, Công an toàn tỉnh đã tổ chức 16 buổi đối thoại với Nhân dân, trong đó có 1 buổi đối thoại trực tuyến trên Trang thông tin điện tử Công an tỉnh thu hút trên 1000 lượt người tham gia gần 200 ý kiến đối thoại.

            Song song với đối thoại là việc khảo sát đo lường sự hài lòng của người dân và tổ chức đối với sự phục vụ của cơ quan, đơn vị có chức năng giải quyết thủ tục hành chính trong Công an nhân dân. Việc làm này được thực hiện từ cấp tỉnh đến cấp xã, về các lĩnh vực: quản lý xuất nhập cảnh; đăng ký quản lý con dấu; phòng cháy chữa cháy; đăng ký, quản lý phương tiện giao thông cơ giới đường bộ. Lĩnh vực cấp, quản lý căn cước công dân; đăng ký quản lý cư trú... Để đảm bảo sự khách quan, công tâm Công an tỉnh đã thành lập tổ khảo sát độc lập tách rời với bộ phận giải quyết thủ tục hành chính tại công an các đơn vị, địa phương để tiến hành khảo sát đo lường chất lượng giải quyết thủ tục hành chính của lực lượng Công an. Tại đây người dân được trực tiếp góp ý, kiến nghị về lĩnh vực mình vừa thực hiện tại cơ quan Công an. Được hướng dẫn truy cập vào Cổng thông tin điện tử Bộ Công an để tham gia khảo sát trực tuyến, gửi email hoặc điện thoại trực tiếp để phản ánh, kiến nghị. Không chỉ thu nhận được các ý kiến đóng góp của người dân trong phiếu, mà quá trình tiếp xúc, trao đổi với người dân tổ khảo sát cũng đã nhận được rất nhiều ý kiến đóng góp quý báu cho lực lượng công an để nâng cao hơn nữa việc giải quyết thủ tục hành chính của Công an tỉnh Bắc Kạn. Kết quả các năm cho thấy, người dân đều đánh giá chất lượng phục vụ của lực lượng công an là hài lòng, rất hài lòng với tỷ lệ luôn đạt trên 99%.

            Từ đây đã giúp Đảng uỷ, Giám đốc Công an tỉnh đưa ra các giải pháp hữu hiệu tiếp tục cải thiện, nâng cao chất lượng cung ứng dịch vụ hành chính công và trách nhiệm, thái độ phục vụ người dân, tổ chức của cán bộ, chiến sỹ. Tăng cường tính minh bạch, trách nhiệm giải trình của lực lượng Công an các cấp trên địa bàn tỉnh. Đồng thời phát huy vai trò giám sát của nhân dân đối với hoạt động cung ứng dịch vụ hành chính công, phục vụ công tác đánh giá, xác định chỉ số cải cách hành chính.

            Thực hiện đối thoại với nhân đã góp phần giải quyết “tận gốc”, kịp thời những kiến nghị của Nhân dân. Việc trao đổi thông tin hai chiều giúp mối quan hệ giữa lực lượng Công an với nhân dân gần gũi, cởi mở hơn, từ đó tạo đồng thuận cao. Đồng thời đây cũng là cơ hội để người đứng đầu trau dồi các kỹ năng, nêu cao vai trò, trách nhiệm trong điều hành, lãnh đạo giải quyết các vấn đề phát sinh ở cơ sở./.
            """
        ),
        (
            "Cảnh báo thủ đoạn giả danh cán bộ Công an gọi điện yêu cầu chuyển tiền", "canh-bao", "Phương Thảo", new DateTime(2022, 7, 6, 16, 5, 0),
            "Công an tỉnh khuyến cáo người dân cảnh giác với các cuộc gọi tự xưng là cán bộ Công an, Viện kiểm sát, Tòa án thông báo người nghe liên quan đến vụ án và yêu cầu chuyển tiền để “xác minh”.",
            """
            Đối tượng thường đọc đúng họ tên, số căn cước của người nghe để tạo lòng tin, rồi đe dọa sẽ bắt giam nếu không làm theo, yêu cầu giữ bí mật với người thân.

            Cơ quan Công an **không làm việc qua điện thoại** đối với những nội dung này và **không bao giờ yêu cầu chuyển tiền** vào tài khoản để xác minh.

            Khi nhận được cuộc gọi như vậy, người dân hãy dừng cuộc gọi, không cung cấp mã OTP, mật khẩu ngân hàng, và báo ngay cho Công an xã, phường, thị trấn nơi cư trú hoặc gọi số 113.
            """
        ),
        (
            "Diễn tập phương án chữa cháy và cứu nạn, cứu hộ tại chợ trung tâm", "phong-chay", "Đức Anh", new DateTime(2022, 7, 21, 10, 30, 0),
            "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh phối hợp với Ban quản lý chợ và lực lượng phòng cháy cơ sở tổ chức diễn tập phương án chữa cháy tại chợ trung tâm thành phố Bắc Kạn.",
            """
            Tình huống giả định là cháy từ một ki-ốt bán hàng may mặc lúc đông người mua bán. Lực lượng tại chỗ đã báo động, cắt điện, hướng dẫn người dân thoát nạn và dùng bình chữa cháy xách tay khống chế đám cháy trong khi chờ xe chữa cháy đến.

            Qua diễn tập, các tiểu thương được nhắc lại những việc cần làm hằng ngày:

            1. không câu, mắc điện tùy tiện, ngắt điện ki-ốt khi ra về;
            2. không để hàng hóa lấn chiếm lối thoát nạn;
            3. biết vị trí và cách dùng bình chữa cháy gần nhất.
            """
        ),
        (
            "Công an tỉnh sơ kết 6 tháng thực hiện Đề án 06 về dữ liệu dân cư", "hoat-dong", "Bình Minh", new DateTime(2022, 8, 4, 14, 0, 0),
            "Công an tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm thực hiện Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia.",
            """
            Hội nghị đánh giá việc làm sạch dữ liệu dân cư, thu nhận hồ sơ căn cước công dân và kích hoạt tài khoản định danh điện tử, đồng thời chỉ ra những khó khăn ở các xã vùng sâu, vùng xa nơi đường truyền còn yếu.

            Trong thời gian tới, Công an các huyện, thành phố tiếp tục tổ chức thu nhận lưu động, hướng dẫn người dân sử dụng dịch vụ công trực tuyến và giải đáp vướng mắc ngay tại cơ sở.
            """
        ),
    ];
}

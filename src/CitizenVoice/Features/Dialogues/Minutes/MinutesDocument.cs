using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Settings;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The minutes (biên bản) of a session: time, place, content, chair and officials, attendance by group, every
/// opinion with its answer, commitments with deadlines, signature lines, and a note on who refused to sign and why.
/// The content is built once as a list of blocks (<see cref="MinutesBlock"/>) and written twice: as a DOCX officials
/// can edit before signing (<see cref="MinutesDocx"/>) and as a PDF to file or publish (<see cref="MinutesPdf"/>).
/// Always in Vietnamese: it is an official record.
/// </summary>
public static class MinutesDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string PdfContentType = "application/pdf";

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    // No author name: the question form promises citizens that their name is never published, and nobody is asked to
    // agree to it, so the minutes (filed and published) say where an opinion came from, never who wrote it.
    private sealed record OpinionLine(string Text, OpinionChannel Channel, string? FieldCode, string? Answer,
        AnswerTiming? AnswerTiming, string? AnsweredBy, string? AnsweringUnit, int Merged);

    private sealed record CommitmentLine(string What, string Unit, DateOnly DueOn, CommitmentStatus Status, string? Evidence);

    public static Task<IResult> DownloadDocxAsync(int id, HttpContext http, AppDb db, DialogueAccess access, CancellationToken ct) =>
        DownloadAsync(id, http, db, access, m => (MinutesDocx.Write(m), ContentType, "docx"), ct);

    public static Task<IResult> DownloadPdfAsync(int id, HttpContext http, AppDb db, DialogueAccess access, CancellationToken ct) =>
        DownloadAsync(id, http, db, access, m => (MinutesPdf.Write(m), PdfContentType, "pdf"), ct);

    /// <summary>
    /// The minutes for everybody once the session's minutes are published: the same PDF the secretary files, which names
    /// officials but never a citizen (no author of an opinion, no registrant, no contact). Before that, not found.
    /// </summary>
    public static async Task<IResult> PublishedPdfAsync(int id, AppDb db, CancellationToken ct)
    {
        var session = await db.DialogueSessions.AsNoTracking().Include(s => s.HostUnit)
            .SingleOrDefaultAsync(s => s.Id == id && s.Status == DialogueStatus.MinutesPublished, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        var minutes = await BuildAsync(session, db, ct);
        return TypedResults.File(MinutesPdf.Write(minutes), PdfContentType, $"bien-ban-doi-thoai-{id}.pdf");
    }

    private static async Task<IResult> DownloadAsync(
        int id, HttpContext http, AppDb db, DialogueAccess access, Func<Minutes, (byte[] Bytes, string Type, string Extension)> write, CancellationToken ct)
    {
        var session = await db.DialogueSessions.AsNoTracking().Include(s => s.HostUnit).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        if (!await access.CanRunAsync(http.User, session.HostUnitId, ct))
        {
            return TypedResults.Forbid();
        }

        var minutes = await BuildAsync(session, db, ct);
        var (bytes, type, extension) = write(minutes);
        return TypedResults.File(bytes, type, $"bien-ban-doi-thoai-{id}.{extension}");
    }

    private static async Task<Minutes> BuildAsync(DialogueSession s, AppDb db, CancellationToken ct)
    {
        var opinions = await db.Opinions.AsNoTracking()
            .Where(o => o.SessionId == s.Id && (o.Status == OpinionStatus.Approved || o.Status == OpinionStatus.Answered))
            .OrderBy(o => o.ReceivedAt)
            .Select(o => new OpinionLine(o.Text, o.Channel, o.FieldCode, o.Answer, o.AnswerTiming, o.AnsweredBy,
                o.AnsweringUnit!.Name, db.Opinions.Count(m => m.MergedIntoId == o.Id)))
            .ToListAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.SessionId == s.Id).OrderBy(c => c.DueOn)
            .Select(c => new CommitmentLine(c.What, c.ResponsibleUnit!.Name, c.DueOn, c.Status, c.Evidence)).ToListAsync(ct);
        var registered = await db.Opinions.CountAsync(o => o.SessionId == s.Id, ct);
        var fields = await db.Fields.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Name, ct);
        var site = await SiteInfo.LoadAsync(db, ct);
        return Build(s, site.AgencyName, opinions, commitments, registered, fields);
    }

    private static Minutes Build(
        DialogueSession s, string agency, List<OpinionLine> opinions, List<CommitmentLine> commitments, int registered, Dictionary<string, string> fields)
    {
        var blocks = new List<MinutesBlock>();
        void Para(string text, bool bold = false, bool italic = false, bool center = false, int? size = null, int spaceBefore = 0,
            bool indent = false, string? boldPrefix = null) =>
            blocks.Add(new MinutesParagraph(text, bold, italic, center, size, spaceBefore, indent, boldPrefix));
        void Heading(string text) => Para(text, bold: true, spaceBefore: 240);

        var start = VietnamTime.Local(s.StartsAt);
        var end = VietnamTime.Local(s.EndsAt);
        blocks.Add(new MinutesLetterhead(agency.ToUpperInvariant(), s.HostUnit!.Name.ToUpperInvariant(), start));
        Para("BIÊN BẢN", bold: true, center: true, size: 32, spaceBefore: 240);
        Para(s.Title, bold: true, center: true);
        Para($"Hình thức: {DialogueText.Format(s.Format).ToLower(Vi)}", center: true, italic: true);

        Heading("I. THỜI GIAN, ĐỊA ĐIỂM");
        Para($"Vào hồi {start:HH} giờ {start:mm} phút, ngày {start.Day:00} tháng {start.Month:00} năm {start.Year}, tại {s.Venue ?? s.HostUnit.Name}.");

        Heading("II. NỘI DUNG");
        Para(string.IsNullOrWhiteSpace(s.Content) ? s.Title : s.Content);
        if (s.FieldCodes.Count > 0)
        {
            Para("Lĩnh vực: " + string.Join(", ", s.FieldCodes.Select(c => fields.GetValueOrDefault(c, c))) + ".");
        }

        Heading("III. THÀNH PHẦN THAM DỰ");
        Para($"Chủ trì: {s.Chair}.");
        var officials = (s.Officials ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (officials.Length > 0)
        {
            Para("Cán bộ trả lời:");
            foreach (var official in officials)
            {
                Para("- " + official, indent: true);
            }
        }

        if (!string.IsNullOrWhiteSpace(s.MinutesSecretary))
        {
            Para($"Thư ký: {s.MinutesSecretary}.");
        }

        var attendance = DialogueQueries.AttendanceOf(s).Where(a => a.Value is not null).ToList();
        if (attendance.Count > 0)
        {
            var rows = attendance.Select(a => new[] { a.Key, a.Value!.Value.ToString("N0", Vi) }).ToList();
            rows.Add(["Tổng số đại biểu", s.DelegateTotal.ToString("N0", Vi)]);
            blocks.Add(new MinutesTable(["Thành phần", "Số đại biểu"], rows, [3, 1], BoldLast: true));
        }

        if (s.Participants is { } participants)
        {
            Para($"Số lượt người tham gia trực tuyến: {participants.ToString("N0", Vi)}.");
        }

        Heading("IV. Ý KIẾN CỦA NHÂN DÂN VÀ TRẢ LỜI");
        if (opinions.Count == 0)
        {
            Para("Không có ý kiến nào được ghi vào sổ.", italic: true);
        }

        var n = 0;
        foreach (var o in opinions)
        {
            n++;
            var source = new List<string> { DialogueText.Channel(o.Channel).ToLower(Vi) };
            if (o.FieldCode is not null)
            {
                source.Add("lĩnh vực " + fields.GetValueOrDefault(o.FieldCode, o.FieldCode).ToLower(Vi));
            }

            if (o.Merged > 0)
            {
                source.Add($"cùng nội dung với {o.Merged} ý kiến khác");
            }

            Para($"Ý kiến {n} ({string.Join("; ", source)}): {o.Text}", spaceBefore: 120, boldPrefix: $"Ý kiến {n}");
            if (o.Answer is not null)
            {
                var by = string.Join(", ", new[] { o.AnsweredBy, o.AnsweringUnit }.Where(x => !string.IsNullOrWhiteSpace(x)));
                var when = o.AnswerTiming == AnswerTiming.Later ? "trả lời sau bằng văn bản" : "trả lời tại hội nghị";
                Para($"Trả lời ({(by.Length > 0 ? by + ", " : "")}{when}): {o.Answer}", indent: true, boldPrefix: "Trả lời");
            }
            else
            {
                Para("Trả lời: chưa trả lời; đơn vị có trách nhiệm trả lời bằng văn bản sau hội nghị.", indent: true, italic: true);
            }
        }

        if (s.RecordedOpinions is { } recorded && recorded > registered)
        {
            Para($"Tổng số ý kiến tại hội nghị theo báo cáo: {recorded}. Biên bản ghi chi tiết {opinions.Count} ý kiến đã nhập vào sổ.", italic: true, spaceBefore: 120);
        }

        Heading("V. CAM KẾT VÀ THỜI HẠN THỰC HIỆN");
        if (commitments.Count == 0)
        {
            Para("Không có cam kết.", italic: true);
        }
        else
        {
            blocks.Add(new MinutesTable(
                ["STT", "Nội dung cam kết", "Đơn vị thực hiện", "Thời hạn", "Kết quả"],
                commitments.Select((c, i) => new[]
                {
                    (i + 1).ToString(CultureInfo.InvariantCulture), c.What, c.Unit, c.DueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                    DialogueText.Commitment(c.Status) + (string.IsNullOrWhiteSpace(c.Evidence) ? "" : ": " + c.Evidence),
                }).ToList(),
                [0.5, 3, 2, 1.2, 2]));
        }

        Para($"Hội nghị kết thúc vào hồi {end:HH} giờ {end:mm} phút cùng ngày. Biên bản đã được đọc lại cho những người tham dự cùng nghe và thông qua.",
            spaceBefore: 240);
        blocks.Add(new MinutesSignatures(s.MinutesSecretary, s.Chair));
        if (!string.IsNullOrWhiteSpace(s.SignatureNote))
        {
            Para("Ghi chú về việc ký biên bản: " + s.SignatureNote, italic: true, spaceBefore: 240, boldPrefix: "Ghi chú về việc ký biên bản");
        }

        return new Minutes(s.Title, agency, blocks);
    }
}

/// <summary>The minutes' content, ready to be written in any format.</summary>
public sealed record Minutes(string Title, string Agency, IReadOnlyList<MinutesBlock> Blocks);

public abstract record MinutesBlock;

/// <summary>A paragraph; spacing is in twentieths of a point and size in half-points, as Word counts them.</summary>
public sealed record MinutesParagraph(
    string Text, bool Bold = false, bool Italic = false, bool Center = false, int? Size = null, int SpaceBefore = 0, bool Indent = false,
    string? BoldPrefix = null) : MinutesBlock;

/// <summary>A ruled table; <paramref name="Weights"/> share the width between the columns.</summary>
public sealed record MinutesTable(string[] Headers, IReadOnlyList<string[]> Rows, double[] Weights, bool BoldLast = false) : MinutesBlock;

/// <summary>The two-column heading of an official document: agency and unit on the left, the national motto and date on the right.</summary>
public sealed record MinutesLetterhead(string Agency, string Unit, DateTime Date) : MinutesBlock
{
    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public string DateLine => $"ngày {Date.Day:00} tháng {Date.Month:00} năm {Date.Year}";
}

/// <summary>The secretary's and the chair's signature lines side by side.</summary>
public sealed record MinutesSignatures(string? Secretary, string Chair) : MinutesBlock
{
    public const string SecretaryTitle = "THƯ KÝ";
    public const string ChairTitle = "CHỦ TRÌ HỘI NGHỊ";
    public const string SignHere = "(Ký, ghi rõ họ tên)";
}

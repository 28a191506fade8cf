using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Settings;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The minutes (biên bản) of a session as a DOCX officials can edit before signing: time, place, content,
/// chair and officials, attendance by group, every opinion with its answer, commitments with deadlines,
/// signature lines, and a note on who refused to sign and why. Always in Vietnamese: it is an official record.
/// </summary>
public static class MinutesDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private sealed record OpinionLine(string Text, OpinionChannel Channel, string? FieldCode, string? AuthorName, string? Answer,
        AnswerTiming? AnswerTiming, string? AnsweredBy, string? AnsweringUnit, int Merged);

    private sealed record CommitmentLine(string What, string Unit, DateOnly DueOn, CommitmentStatus Status, string? Evidence);

    public static async Task<IResult> DownloadAsync(int id, HttpContext http, AppDb db, DialogueAccess access, CancellationToken ct)
    {
        var session = await db.DialogueSessions.AsNoTracking().Include(s => s.HostUnit).ThenInclude(u => u!.Parent)
            .SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        if (!await access.CanRunAsync(http.User, session.HostUnitId, ct))
        {
            return TypedResults.Forbid();
        }

        var opinions = await db.Opinions.AsNoTracking()
            .Where(o => o.SessionId == id && (o.Status == OpinionStatus.Approved || o.Status == OpinionStatus.Answered))
            .OrderBy(o => o.ReceivedAt)
            .Select(o => new OpinionLine(o.Text, o.Channel, o.FieldCode, o.AuthorName, o.Answer, o.AnswerTiming, o.AnsweredBy,
                o.AnsweringUnit!.Name, db.Opinions.Count(m => m.MergedIntoId == o.Id)))
            .ToListAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.SessionId == id).OrderBy(c => c.DueOn)
            .Select(c => new CommitmentLine(c.What, c.ResponsibleUnit!.Name, c.DueOn, c.Status, c.Evidence)).ToListAsync(ct);
        var registered = await db.Opinions.CountAsync(o => o.SessionId == id, ct);
        var fields = await db.Fields.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Name, ct);
        var site = await SiteInfo.LoadAsync(db, ct);

        var bytes = Build(session, site.AgencyName, opinions, commitments, registered, fields);
        return TypedResults.File(bytes, ContentType, $"bien-ban-doi-thoai-{id}.docx");
    }

    private static byte[] Build(
        DialogueSession s, string agency, List<OpinionLine> opinions, List<CommitmentLine> commitments, int registered,
        Dictionary<string, string> fields)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);

            var start = DialogueText.Local(s.StartsAt);
            var end = DialogueText.Local(s.EndsAt);
            body.Append(HeaderTable(agency.ToUpperInvariant(), s.HostUnit!.Name.ToUpperInvariant(), start));
            body.Append(Para("BIÊN BẢN", bold: true, center: true, size: 32, spaceBefore: 240));
            body.Append(Para(s.Title, bold: true, center: true));
            body.Append(Para($"Hình thức: {DialogueText.Format(s.Format).ToLower(CultureInfo.GetCultureInfo("vi-VN"))}", center: true, italic: true));

            body.Append(Heading("I. THỜI GIAN, ĐỊA ĐIỂM"));
            body.Append(Para($"Vào hồi {start:HH} giờ {start:mm} phút, ngày {start.Day:00} tháng {start.Month:00} năm {start.Year}, tại {s.Venue ?? s.HostUnit.Name}."));

            body.Append(Heading("II. NỘI DUNG"));
            body.Append(Para(string.IsNullOrWhiteSpace(s.Content) ? s.Title : s.Content));
            if (s.FieldCodes.Count > 0)
            {
                body.Append(Para("Lĩnh vực: " + string.Join(", ", s.FieldCodes.Select(c => fields.GetValueOrDefault(c, c))) + "."));
            }

            body.Append(Heading("III. THÀNH PHẦN THAM DỰ"));
            body.Append(Para($"Chủ trì: {s.Chair}."));
            var officials = (s.Officials ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (officials.Length > 0)
            {
                body.Append(Para("Cán bộ trả lời:"));
                foreach (var official in officials)
                {
                    body.Append(Para("- " + official, indent: true));
                }
            }

            if (!string.IsNullOrWhiteSpace(s.MinutesSecretary))
            {
                body.Append(Para($"Thư ký: {s.MinutesSecretary}."));
            }

            var attendance = DialogueQueries.AttendanceOf(s).Where(a => a.Value is not null).ToList();
            if (attendance.Count > 0)
            {
                var rows = attendance.Select(a => new[] { a.Key, a.Value!.Value.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")) }).ToList();
                rows.Add(["Tổng số đại biểu", s.DelegateTotal.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))]);
                body.Append(Table(["Thành phần", "Số đại biểu"], rows, boldLast: true));
            }

            if (s.Participants is { } participants)
            {
                body.Append(Para($"Số lượt người tham gia trực tuyến: {participants.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))}."));
            }

            body.Append(Heading("IV. Ý KIẾN CỦA NHÂN DÂN VÀ TRẢ LỜI"));
            if (opinions.Count == 0)
            {
                body.Append(Para("Không có ý kiến nào được ghi vào sổ.", italic: true));
            }

            var n = 0;
            foreach (var o in opinions)
            {
                n++;
                var source = new List<string> { DialogueText.Channel(o.Channel).ToLower(CultureInfo.GetCultureInfo("vi-VN")) };
                if (o.FieldCode is not null)
                {
                    source.Add("lĩnh vực " + fields.GetValueOrDefault(o.FieldCode, o.FieldCode).ToLower(CultureInfo.GetCultureInfo("vi-VN")));
                }

                source.Add(o.AuthorName ?? "không ghi tên");
                if (o.Merged > 0)
                {
                    source.Add($"cùng nội dung với {o.Merged} ý kiến khác");
                }

                body.Append(Para($"Ý kiến {n} ({string.Join("; ", source)}): {o.Text}", spaceBefore: 120, boldPrefix: $"Ý kiến {n}"));
                if (o.Answer is not null)
                {
                    var by = string.Join(", ", new[] { o.AnsweredBy, o.AnsweringUnit }.Where(x => !string.IsNullOrWhiteSpace(x)));
                    var when = o.AnswerTiming == AnswerTiming.Later ? "trả lời sau bằng văn bản" : "trả lời tại hội nghị";
                    body.Append(Para($"Trả lời ({(by.Length > 0 ? by + ", " : "")}{when}): {o.Answer}", indent: true, boldPrefix: "Trả lời"));
                }
                else
                {
                    body.Append(Para("Trả lời: chưa trả lời; đơn vị có trách nhiệm trả lời bằng văn bản sau hội nghị.", indent: true, italic: true));
                }
            }

            if (s.RecordedOpinions is { } recorded && recorded > registered)
            {
                body.Append(Para($"Tổng số ý kiến tại hội nghị theo báo cáo: {recorded}. Biên bản ghi chi tiết {opinions.Count} ý kiến đã nhập vào sổ.", italic: true, spaceBefore: 120));
            }

            body.Append(Heading("V. CAM KẾT VÀ THỜI HẠN THỰC HIỆN"));
            if (commitments.Count == 0)
            {
                body.Append(Para("Không có cam kết.", italic: true));
            }
            else
            {
                body.Append(Table(
                    ["STT", "Nội dung cam kết", "Đơn vị thực hiện", "Thời hạn", "Kết quả"],
                    commitments.Select((c, i) => new[]
                    {
                        (i + 1).ToString(CultureInfo.InvariantCulture), c.What, c.Unit, c.DueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                        DialogueText.Commitment(c.Status) + (string.IsNullOrWhiteSpace(c.Evidence) ? "" : ": " + c.Evidence),
                    }).ToList()));
            }

            body.Append(Para(
                $"Hội nghị kết thúc vào hồi {end:HH} giờ {end:mm} phút cùng ngày. Biên bản đã được đọc lại cho những người tham dự cùng nghe và thông qua.",
                spaceBefore: 240));
            body.Append(SignatureTable(s.MinutesSecretary, s.Chair));
            if (!string.IsNullOrWhiteSpace(s.SignatureNote))
            {
                body.Append(Para("Ghi chú về việc ký biên bản: " + s.SignatureNote, italic: true, spaceBefore: 240, boldPrefix: "Ghi chú về việc ký biên bản"));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1134, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                new FontSize { Val = "26" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new SpacingBetweenLines { After = "60", Line = "300", LineRule = LineSpacingRuleValues.Auto })));
        styles.Styles.Save();
    }

    private static Paragraph Heading(string text) => Para(text, bold: true, spaceBefore: 240);

    private static Paragraph Para(
        string text, bool bold = false, bool italic = false, bool center = false, int? size = null, int spaceBefore = 0,
        bool indent = false, string? boldPrefix = null)
    {
        var properties = new ParagraphProperties();
        if (spaceBefore > 0)
        {
            properties.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture) });
        }

        if (indent)
        {
            properties.Append(new Indentation { Left = "567" });
        }

        properties.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Both });
        var paragraph = new Paragraph(properties);
        if (boldPrefix is not null && text.StartsWith(boldPrefix, StringComparison.Ordinal))
        {
            paragraph.Append(Run(boldPrefix, true, italic, size));
            text = text[boldPrefix.Length..];
        }

        paragraph.Append(Run(text, bold, italic, size));
        return paragraph;
    }

    private static Run Run(string text, bool bold, bool italic, int? size)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        if (size is { } sz)
        {
            properties.Append(new FontSize { Val = sz.ToString(CultureInfo.InvariantCulture) });
        }

        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Table Table(string[] header, List<string[]> rows, bool boldLast = false)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(Row(header, bold: true));
        for (var i = 0; i < rows.Count; i++)
        {
            table.Append(Row(rows[i], bold: boldLast && i == rows.Count - 1));
        }

        return table;
    }

    private static TableRow Row(IEnumerable<string> cells, bool bold = false, bool center = false) =>
        new(cells.Select(c => new TableCell(Para(c, bold: bold, center: center))));

    private static Table HeaderTable(string agency, string unit, DateTime date)
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(new TableRow(
            new TableCell(Para(agency, center: true, size: 24), Para(unit, bold: true, center: true, size: 24)),
            new TableCell(Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, center: true, size: 24),
                Para("Độc lập - Tự do - Hạnh phúc", bold: true, center: true),
                Para($"ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}", italic: true, center: true))));
        return table;
    }

    private static Table SignatureTable(string? secretary, string chair)
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(new TableRow(
            new TableCell(Para("THƯ KÝ", bold: true, center: true, spaceBefore: 240), Para("(Ký, ghi rõ họ tên)", italic: true, center: true),
                Para(" ", spaceBefore: 960), Para(secretary ?? "", bold: true, center: true)),
            new TableCell(Para("CHỦ TRÌ HỘI NGHỊ", bold: true, center: true, spaceBefore: 240), Para("(Ký, ghi rõ họ tên)", italic: true, center: true),
                Para(" ", spaceBefore: 960), Para(chair, bold: true, center: true))));
        return table;
    }
}

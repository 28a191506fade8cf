using CitizenVoice.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// The feedback figures of a unit and period as an official Vietnamese report (figures written the Vietnamese way
/// whatever the reader's language): the headline counts with the rule for "on time", then the tables of the page.
/// </summary>
public static class FeedbackFiguresPdf
{
    private static readonly System.Globalization.CultureInfo Vi = Localisation.Vietnamese;

    public static byte[] Write(FeedbackFigures f, string agencyName)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Báo cáo tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị – {f.UnitName}";
        document.Info.Author = agencyName;
        using (var flow = new PdfFlow(document))
        {
            flow.Paragraph(agencyName.ToUpper(Vi), PdfFonts.Bold(12), format: XStringFormats.TopCenter);
            flow.Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PdfFonts.Bold(11), format: XStringFormats.TopCenter);
            flow.Paragraph("Độc lập – Tự do – Hạnh phúc", PdfFonts.Regular(11), format: XStringFormats.TopCenter);
            flow.Y += 24;
            flow.Paragraph("BÁO CÁO", PdfFonts.Bold(18), format: XStringFormats.TopCenter);
            flow.Paragraph("Kết quả tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị", PdfFonts.Bold(13), format: XStringFormats.TopCenter);
            flow.Paragraph($"Đơn vị: {f.UnitName} (gồm các đơn vị trực thuộc)", PdfFonts.Regular(11), format: XStringFormats.TopCenter);
            flow.Paragraph($"Kỳ báo cáo: {f.From.ToString("dd/MM/yyyy", Vi)} – {f.To.ToString("dd/MM/yyyy", Vi)}; số liệu đến ngày {f.Today.ToString("dd/MM/yyyy", Vi)}", PdfFonts.Regular(11), format: XStringFormats.TopCenter);
            flow.Y += 16;

            var t = f.Total;
            Heading(flow, "1. Kết quả chung");
            foreach (var line in new[]
            {
                $"Tiếp nhận: {Count(t.Received)}",
                $"Trả lời đúng hạn: {Count(t.AnsweredOnTime)}",
                $"Trả lời quá hạn: {Count(t.AnsweredLate)}",
                $"Tỷ lệ trả lời đúng hạn: {(t.OnTimeRate is { } rate ? NumberText.Percent(rate, Vi) : "chưa có")}",
                $"Đang giải quyết: {Count(t.Open)}, trong đó quá hạn chưa trả lời: {Count(t.OpenOverdue)}",
                $"Không tiếp nhận: {Count(t.Rejected)}",
                $"Người gửi hài lòng: {Count(t.Satisfied)}; không hài lòng: {Count(t.NotSatisfied)}",
            })
            {
                flow.Paragraph(line, PdfFonts.Regular(11));
            }

            flow.Y += 6;
            flow.Paragraph("Cách tính: tính các việc tiếp nhận trong kỳ, theo đơn vị đang giải quyết. Trả lời đúng hạn là câu trả lời đến người gửi trong hoặc đúng ngày hết hạn; hạn tính bằng ngày làm việc, không tính thời gian chờ người gửi bổ sung thông tin. Tỷ lệ trả lời đúng hạn = số trả lời đúng hạn ÷ số đã trả lời × 100.", PdfFonts.Regular(9));
            var number = 2;
            foreach (var table in f.Tables(text => text).Skip(1))
            {
                flow.Y += 8;
                Heading(flow, $"{number++}. {table.Name}");
                ExportTables.DrawPdf(flow, table);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Count(int value) => NumberText.Count(value, Vi);

    private static void Heading(PdfFlow flow, string text)
    {
        flow.EnsureSpace(40);
        flow.Paragraph(text, PdfFonts.Bold(13));
        flow.Y += 4;
    }
}

using System.Globalization;
using CitizenVoice.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// The period report as a PDF to attach to an official document: cover, method, headline figures with their
/// intervals, a chart of the elements, and the tables of the screen (sub-units, months, levels, criteria). It is an
/// official Vietnamese document whatever language the person downloading it reads, so its figures are written the
/// Vietnamese way ("87,8 %", "83,4–91,2"), as on the Vietnamese screens.
/// </summary>
public static class ResultsPdf
{
    private static readonly CultureInfo Vi = Localisation.Vietnamese;

    public static byte[] Write(DashboardData data, string agencyName, DateOnly today)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Báo cáo kết quả đo lường sự hài lòng – {data.UnitName}";
        document.Info.Author = agencyName;
        using (var flow = new PdfFlow(document))
        {
            Cover(flow, data, agencyName, today);
            flow.NewPage();
            Heading(flow, "1. Phương pháp");
            flow.Paragraph("Tổ khảo sát độc lập thu thập ý kiến qua phiếu trực tuyến (mã QR), máy đánh giá tại quầy, phiếu giấy (nhập hai lần độc lập và đối chiếu), điện thoại, thư điện tử và nhập từ tệp; người trả lời không phải cung cấp họ tên.", PdfFonts.Regular(10));
            flow.Paragraph("Tỷ lệ hài lòng của một tiêu chí = (Hài lòng + Rất hài lòng) ÷ số câu trả lời hợp lệ × 100. Chỉ số yếu tố là trung bình các tiêu chí; chỉ số chung là trung bình năm yếu tố. Câu hỏi hài lòng chung được báo cáo riêng.", PdfFonts.Regular(10));
            flow.Paragraph("Mỗi con số kèm khoảng tin cậy 95% (Wilson) và số phiếu n. Con số có khoảng tin cậy rộng hơn ±5 điểm được ghi \"chưa đủ mẫu\" và không xếp hạng; đơn vị có khoảng tin cậy chồng nhau được xếp cùng hạng.", PdfFonts.Regular(10));
            flow.Y += 8;

            Heading(flow, "2. Kết quả chung");
            var f = data.Figures;
            flow.Paragraph($"Số phiếu: {NumberText.Count(f.Responses, Vi)}. Chỉ số hài lòng chung: {Rate(f.Index)}.", PdfFonts.Bold(11));
            if (f.OverallQuestion is { } overall)
            {
                flow.Paragraph($"Câu hỏi hài lòng chung (báo cáo riêng): {Rate(overall.Rate)}.", PdfFonts.Regular(10));
            }

            flow.Paragraph($"Cùng kỳ năm trước: {Rate(data.YearEarlier.Index)}.", PdfFonts.Regular(10));
            flow.Y += 6;
            Chart(flow, f.Elements);
            foreach (var table in ResultsExport.Tables(data, Vi, text => text).Skip(1))
            {
                flow.Y += 8;
                Heading(flow, table.Slug switch
                {
                    "yeu-to" => "3. Các yếu tố",
                    "don-vi" => "4. Các đơn vị trực thuộc",
                    "theo-thang" => "5. Diễn biến theo tháng",
                    "theo-cap" => "6. Theo cấp",
                    _ => "7. Từng tiêu chí",
                });
                ExportTables.DrawPdf(flow, table);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Cover(PdfFlow flow, DashboardData data, string agencyName, DateOnly today)
    {
        flow.Paragraph(agencyName.ToUpper(Vi), PdfFonts.Bold(12), format: XStringFormats.TopCenter);
        flow.Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PdfFonts.Bold(11), format: XStringFormats.TopCenter);
        flow.Paragraph("Độc lập – Tự do – Hạnh phúc", PdfFonts.Regular(11), format: XStringFormats.TopCenter);
        flow.Y = 260;
        flow.Paragraph("BÁO CÁO", PdfFonts.Bold(22), format: XStringFormats.TopCenter);
        flow.Paragraph("Kết quả đo lường sự hài lòng của người dân, tổ chức", PdfFonts.Bold(15), format: XStringFormats.TopCenter);
        flow.Paragraph("đối với sự phục vụ của cơ quan Công an", PdfFonts.Regular(13), format: XStringFormats.TopCenter);
        flow.Y += 20;
        flow.Paragraph($"Đơn vị: {data.UnitName} (gồm các đơn vị trực thuộc)", PdfFonts.Regular(12), format: XStringFormats.TopCenter);
        flow.Paragraph($"Kỳ báo cáo: {data.Filter.From.ToString("dd/MM/yyyy", Vi)} – {data.Filter.To.ToString("dd/MM/yyyy", Vi)}", PdfFonts.Regular(12), format: XStringFormats.TopCenter);
        if (data.Query.Field is { } field)
        {
            flow.Paragraph($"Lĩnh vực: {data.Fields.FirstOrDefault(x => x.Code == field)?.Name ?? field}", PdfFonts.Regular(12), format: XStringFormats.TopCenter);
        }

        flow.Y = flow.PageHeight - 120;
        flow.Paragraph($"Lập ngày {today.ToString("dd/MM/yyyy", Vi)} từ dữ liệu tổng hợp của CitizenVoice", PdfFonts.Regular(10), format: XStringFormats.TopCenter);
    }

    private static void Heading(PdfFlow flow, string text)
    {
        flow.EnsureSpace(40);
        flow.Paragraph(text, PdfFonts.Bold(13));
        flow.Y += 4;
    }

    private static string Rate(Rate rate) => rate.N == 0
        ? "chưa có số liệu"
        : $"{NumberText.Percent(rate.Value, Vi)} (khoảng tin cậy 95%: {NumberText.Interval(rate.Low, rate.High, Vi)}; n = {NumberText.Count(rate.N, Vi)}){(rate.IsSufficient ? "" : ", chưa đủ mẫu")}";

    /// <summary>Horizontal bars for the element indices, each with its 95% interval drawn as a line.</summary>
    private static void Chart(PdfFlow flow, IReadOnlyList<ElementFigure> elements)
    {
        const double Row = 18;
        flow.EnsureSpace(elements.Count * Row + 30);
        var g = flow.Graphics;
        var left = PdfFlow.Margin + 40;
        var width = flow.Width - 90;
        var font = PdfFonts.Regular(9);
        foreach (var e in elements)
        {
            g.DrawString(e.Code, font, XBrushes.Black, new XRect(PdfFlow.Margin, flow.Y, 40, Row), XStringFormats.CenterLeft);
            if (e.Index.N > 0)
            {
                g.DrawRectangle(new XSolidBrush(XColor.FromArgb(158, 27, 27)), left, flow.Y + 3, width * e.Index.Value / 100, Row - 6);
                g.DrawLine(new XPen(XColors.Goldenrod, 1.5), left + width * e.Index.Low / 100, flow.Y + Row / 2, left + width * e.Index.High / 100, flow.Y + Row / 2);
                g.DrawString(NumberText.Percent(e.Index.Value, Vi), font, XBrushes.Black, new XRect(left + width + 4, flow.Y, 50, Row), XStringFormats.CenterLeft);
            }

            flow.Y += Row;
        }

        g.DrawString(NumberText.Percent(0, Vi, decimals: 0), font, XBrushes.Black, new XRect(left - 10, flow.Y, 30, 12), XStringFormats.TopLeft);
        g.DrawString(NumberText.Percent(100, Vi, decimals: 0), font, XBrushes.Black, new XRect(left + width - 20, flow.Y, 40, 12), XStringFormats.TopLeft);
        flow.Y += 16;
    }
}

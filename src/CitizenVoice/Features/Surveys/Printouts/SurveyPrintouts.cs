using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// What the survey team prints: the paper form of a questionnaire version (blank, or with unit, field and serial
/// filled in) and the A4 counter poster with the QR code of the online form. Both are in Vietnamese, the language of
/// the citizens who fill them in.
/// </summary>
public static class SurveyPrintouts
{
    public static IEndpointRouteBuilder MapSurveyPrintouts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/quan-tri/khao-sat/phieu-giay/mau.pdf", GetPaperForm).RequireAuthorization(SurveyPolicies.SurveyTeam)
            .WithTags("Surveys").ExcludeFromDescription();
        app.MapGet("/khao-sat/{unitCode}/{fieldCode}/ap-phich.pdf", GetPoster).AllowAnonymous().RequireRateLimiting(RateLimits.ApiRead)
            .WithTags("Surveys").ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> GetPaperForm(
        string? unit, string? field, string? serial, int? questionnaireId, AppDb db, QuestionnaireCatalog catalog, CancellationToken ct)
    {
        var questionnaire = questionnaireId is { } id ? await catalog.LoadAsync(id, ct) : await catalog.CurrentAsync(ct);
        if (questionnaire is null || !questionnaire.IsPublished)
        {
            return TypedResults.NotFound();
        }

        string? unitLine = null, fieldLine = null;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            unitLine = await db.Units.AsNoTracking().Where(u => u.Code == unit).Select(u => u.Name + " (" + u.Code + ")").SingleOrDefaultAsync(ct);
            if (unitLine is null)
            {
                return TypedResults.NotFound();
            }
        }

        if (!string.IsNullOrWhiteSpace(field))
        {
            fieldLine = await db.Fields.AsNoTracking().Where(f => f.Code == field).Select(f => f.Name).SingleOrDefaultAsync(ct);
            if (fieldLine is null || (unitLine is not null && !await db.ServesAsync(unit!, field, ct)))
            {
                return TypedResults.NotFound();
            }
        }

        var cleanSerial = string.IsNullOrWhiteSpace(serial) ? null : PaperEntry.NormaliseSerial(serial);
        if (cleanSerial is { Length: > PaperDoubleEntry.MaxSerial })
        {
            cleanSerial = cleanSerial[..PaperDoubleEntry.MaxSerial];
        }

        var pdf = PaperFormPdf(questionnaire, unitLine, fieldLine, cleanSerial);
        var name = string.Create(CultureInfo.InvariantCulture, $"phieu-khao-sat-{questionnaire.Code}-v{questionnaire.Version}{(cleanSerial is null ? "" : "-" + cleanSerial)}.pdf");
        return TypedResults.File(pdf, "application/pdf", name);
    }

    private static async Task<Results<FileContentHttpResult, RedirectHttpResult, NotFound>> GetPoster(string unitCode, string fieldCode, AppDb db, SiteAddress site, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Active().Where(u => u.Code == unitCode).Select(u => u.Name).SingleOrDefaultAsync(ct);
        var field = await db.Fields.AsNoTracking().Where(f => f.Code == fieldCode && f.IsActive).Select(f => f.Name).SingleOrDefaultAsync(ct);
        if (unit is null && field is not null && await Organisation.UnitTree.SuccessorCodeAsync(db, unitCode, ct) is { } successor)
        {
            return TypedResults.Redirect($"/khao-sat/{Uri.EscapeDataString(successor)}/{Uri.EscapeDataString(fieldCode)}/ap-phich.pdf");
        }

        if (unit is null || field is null || !await db.ServesAsync(unitCode, fieldCode, ct))
        {
            return TypedResults.NotFound();
        }

        var url = SurveyQrCode.FormUrl(site, unitCode, fieldCode);
        return TypedResults.File(PosterPdf(unit, field, url), "application/pdf", $"ap-phich-khao-sat-{unitCode}-{fieldCode}.pdf");
    }

    /// <summary>The paper form of one questionnaire version; the version is printed on it so typists enter it against the same one.</summary>
    public static byte[] PaperFormPdf(QuestionnaireView questionnaire, string? unit, string? field, string? serial)
    {
        using var document = new PdfDocument();
        document.Info.Title = questionnaire.Title;
        using (var flow = new PdfFlow(document))
        {
            var title = PdfFonts.Bold(14);
            var heading = PdfFonts.Bold(11);
            var body = PdfFonts.Regular(10);
            var small = PdfFonts.Regular(8);
            const string blank = "………………………………";

            flow.Paragraph(questionnaire.Title.ToUpperInvariant(), title, format: XStringFormats.TopCenter);
            flow.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Mẫu phiếu: {questionnaire.Code} – phiên bản {questionnaire.Version}"), small, format: XStringFormats.TopCenter);
            flow.Y += 8;
            flow.Paragraph($"Số phiếu: {serial ?? blank}", heading);
            flow.Paragraph($"Đơn vị giải quyết thủ tục: {unit ?? blank + blank}", body);
            flow.Paragraph($"Lĩnh vực: {field ?? blank + blank}", body);
            flow.Paragraph("Ngày: ……/……/…………", body);
            flow.Y += 4;
            flow.Paragraph("Ông/Bà vui lòng đánh dấu X vào một ô cho mỗi câu hỏi. Câu nào không muốn trả lời, Ông/Bà có thể bỏ qua. Phiếu không cần ghi họ tên.", body);

            var fivePoint = questionnaire.AllQuestions.Select(q => q.Scale).FirstOrDefault(s => s?.Code == Scales.Satisfaction5);
            if (fivePoint is not null)
            {
                flow.Paragraph("Thang đánh giá: " + string.Join(" · ", fivePoint.Values.Select(v => $"{v.Value} = {v.Label}")), small);
            }

            foreach (var element in questionnaire.Elements)
            {
                flow.Y += 6;
                flow.EnsureSpace(40);
                flow.Paragraph($"{element.Code}. {element.Name}", heading);
                foreach (var question in element.Questions)
                {
                    Question(flow, question, body, small);
                }
            }

            if (questionnaire.Overall is { } overall)
            {
                flow.Y += 6;
                flow.EnsureSpace(40);
                flow.Paragraph("Đánh giá chung", heading);
                Question(flow, overall, body, small);
            }

            foreach (var text in questionnaire.FreeText)
            {
                flow.Y += 6;
                Question(flow, text, body, small);
            }

            if (questionnaire.Profile.Count > 0)
            {
                flow.Y += 6;
                flow.EnsureSpace(40);
                flow.Paragraph("Thông tin về người trả lời (không bắt buộc)", heading);
                foreach (var question in questionnaire.Profile)
                {
                    Question(flow, question, body, small);
                }
            }

            flow.Y += 6;
            flow.Paragraph("Góp ý khác để cơ quan Công an phục vụ tốt hơn:", body);
            RuledLines(flow, 3);
            flow.Y += 4;
            flow.Paragraph("Xin trân trọng cảm ơn Ông/Bà!", heading, format: XStringFormats.TopCenter);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Question(PdfFlow flow, QuestionView question, XFont body, XFont small)
    {
        const double box = 9;
        const double column = 24;
        var text = $"{question.Code}. {question.Text}";
        if (question.Scale is null)
        {
            flow.Paragraph(text, body);
            RuledLines(flow, 2);
            return;
        }

        var g = flow.Graphics;
        if (question.Scale.Code == Scales.Satisfaction5)
        {
            // Five numbered boxes in a column on the right, as on the scale legend at the top.
            var boxesWidth = column * question.Scale.Values.Count;
            var lines = flow.Wrap(text, body, flow.Width - boxesWidth - 8);
            var lineHeight = body.GetHeight() * 1.15;
            flow.EnsureSpace(lines.Count * lineHeight + 4);
            var top = flow.Y;
            var x = PdfFlow.Margin + flow.Width - boxesWidth;
            foreach (var option in question.Scale.Values)
            {
                g.DrawRectangle(XPens.Black, x, top + 1, box, box);
                g.DrawString(option.Value.ToString(CultureInfo.InvariantCulture), small, XBrushes.Black, new XRect(x + box + 2, top, column - box - 2, box + 2), XStringFormats.TopLeft);
                x += column;
            }

            flow.Paragraph(text, body, width: flow.Width - boxesWidth - 8);
            flow.Y = Math.Max(flow.Y, top + box + 4) + 2;
            return;
        }

        flow.Paragraph(text, body);
        // Other scales: each option as a box and its label, flowing across the line.
        var height = small.GetHeight() * 1.4;
        var cursor = PdfFlow.Margin + 12;
        flow.EnsureSpace(height);
        foreach (var option in question.Scale.Values)
        {
            var width = box + 4 + g.MeasureString(option.Label, small).Width + 14;
            if (cursor + width > PdfFlow.Margin + flow.Width)
            {
                flow.Y += height;
                flow.EnsureSpace(height);
                cursor = PdfFlow.Margin + 12;
            }

            g.DrawRectangle(XPens.Black, cursor, flow.Y + 1, box, box);
            g.DrawString(option.Label, small, XBrushes.Black, new XRect(cursor + box + 4, flow.Y, width, height), XStringFormats.TopLeft);
            cursor += width;
        }

        flow.Y += height + 2;
    }

    private static void RuledLines(PdfFlow flow, int count)
    {
        for (var i = 0; i < count; i++)
        {
            flow.EnsureSpace(18);
            flow.Y += 16;
            flow.Graphics.DrawLine(XPens.Gray, PdfFlow.Margin, flow.Y, PdfFlow.Margin + flow.Width, flow.Y);
        }

        flow.Y += 4;
    }

    /// <summary>The counter poster: the unit's name, the field, and the QR code drawn as vector squares so it prints sharp at any size.</summary>
    public static byte[] PosterPdf(string unitName, string fieldName, string url)
    {
        using var document = new PdfDocument();
        document.Info.Title = "Khảo sát sự hài lòng – " + unitName;
        using (var flow = new PdfFlow(document))
        {
            var center = XStringFormats.TopCenter;
            flow.Y += 20;
            flow.Paragraph("ĐÁNH GIÁ SỰ HÀI LÒNG", PdfFonts.Bold(28), format: center);
            flow.Paragraph("của người dân, tổ chức đối với việc giải quyết thủ tục hành chính", PdfFonts.Regular(14), format: center);
            flow.Y += 16;
            flow.Paragraph(unitName, PdfFonts.Bold(22), format: center);
            flow.Paragraph("Lĩnh vực: " + fieldName, PdfFonts.Regular(16), format: center);
            flow.Y += 20;

            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            var modules = data.ModuleMatrix;
            const double size = 300;
            var cell = size / modules.Count;
            var left = PdfFlow.Margin + (flow.Width - size) / 2;
            for (var row = 0; row < modules.Count; row++)
            {
                for (var col = 0; col < modules.Count; col++)
                {
                    if (modules[row][col])
                    {
                        // A hair wider than the cell, so viewers do not show seams between neighbouring squares.
                        flow.Graphics.DrawRectangle(XBrushes.Black, left + col * cell, flow.Y + row * cell, cell + 0.2, cell + 0.2);
                    }
                }
            }

            flow.Y += size + 20;
            flow.Paragraph("Quét mã QR bằng điện thoại để đánh giá", PdfFonts.Bold(18), format: center);
            flow.Paragraph(url, PdfFonts.Regular(11), format: center);
            flow.Y += 12;
            flow.Paragraph("Không cần cung cấp họ tên hay số điện thoại. Mỗi ý kiến của Ông/Bà giúp cơ quan Công an phục vụ người dân tốt hơn.", PdfFonts.Regular(13), format: center);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}

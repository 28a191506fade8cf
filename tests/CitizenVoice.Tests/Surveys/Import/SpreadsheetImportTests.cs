using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CitizenVoice.Tests.Surveys;

[Collection(AppCollection.Name)]
public sealed class SpreadsheetImportTests(CitizenVoiceApp app)
{
    private const string UploadPage = "/quan-tri/khao-sat/nhap-tep";

    [Fact]
    public async Task An_import_reports_every_bad_row_with_its_line_number_and_imports_nothing()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var (header, q1, q2) = await TemplateAsync(member);
        var csv = Csv(header,
            Row(header, ("MaDonVi", "BK-TP"), ("MaLinhVuc", "PCCC"), (q1, "4"), ("GopY", "Nhập lỗi 1")),
            Row(header, ("MaDonVi", "XX-KHONG"), ("MaLinhVuc", "PCCC"), (q1, "4"), ("GopY", "Nhập lỗi 2")),
            Row(header, ("MaDonVi", "BK-TP"), ("MaLinhVuc", "PCCC"), (q1, "9"), (q2, "tốt"), ("NgayTiepXuc", "32/13/2026"), ("GopY", "Nhập lỗi 3")));

        using var uploaded = await UploadAsync(member, "loi.csv", csv);
        var page = await member.GetPageAsync(uploaded.Headers.Location!.OriginalString);

        var rows = page.QuerySelectorAll("#import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["3", "4"], rows.Select(r => r[0]));
        Assert.Contains("Không có đơn vị nào mang mã XX-KHONG", rows[0][1]);
        Assert.Contains("không có trong thang đo", rows[1][1]);
        Assert.Contains($"Cột {q2}", rows[1][1]);
        Assert.Contains("NgayTiepXuc", rows[1][1]);
        Assert.Null(page.QuerySelector("main form[method=post]"));
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment!.StartsWith("Nhập lỗi"))));
    }

    [Fact]
    public async Task A_checked_file_is_imported_only_when_confirmed_and_importing_the_same_file_again_does_not_duplicate()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var (header, q1, q2) = await TemplateAsync(member);
        var date = app.Today.AddDays(-2).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var csv = Csv(header,
            Row(header, ("MaDonVi", "BK-TP"), ("MaLinhVuc", "PCCC"), ("NgayTiepXuc", date), (q1, "4"), (q2, "5"), ("GopY", "Nhập tệp 1")),
            Row(header, ("MaDonVi", "BK-BB"), ("MaLinhVuc", "CCCD"), ("MaHoSo", "IMP-000-1"), (q1, "2"), ("GopY", "Nhập tệp 2")));

        using var uploaded = await UploadAsync(member, "tot.csv", csv);
        var status = uploaded.Headers.Location!.OriginalString;
        var page = await member.GetPageAsync(status);
        Assert.Contains("Xác nhận nhập 2 phiếu", page.QuerySelector("main form[method=post]")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment!.StartsWith("Nhập tệp"))));

        await ConfirmAsync(member, status);
        var imported = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Comment!.StartsWith("Nhập tệp")).ToListAsync());
        Assert.Equal(2, imported.Count);
        Assert.All(imported, r => Assert.Equal(SurveyChannel.Import, r.Channel));
        Assert.Equal(app.Today.AddDays(-2), imported.Single(r => r.Comment == "Nhập tệp 1").Day);

        using var again = await UploadAsync(member, "tot-lan-2.csv", csv);
        Assert.Equal(status, again.Headers.Location!.OriginalString);
        await ConfirmAsync(member, status);
        Assert.Equal(2, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Comment!.StartsWith("Nhập tệp"))));
        Assert.Contains("2 phiếu được ghi nhận", (await member.GetPageAsync(status)).QuerySelector("#import-done")!.TextContent);
    }

    [Fact]
    public async Task Another_members_upload_is_neither_shown_nor_confirmed_and_uploading_the_same_file_says_so()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var (header, q1, _) = await TemplateAsync(member);
        var csv = Csv(header, Row(header, ("MaDonVi", "BK-TP"), ("MaLinhVuc", "PCCC"), (q1, "4"), ("GopY", "Tệp của người khác")));
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(csv)).ToLowerInvariant();
        var fileId = await app.WithDbAsync(async db =>
        {
            var file = new ImportFile
            {
                Sha256 = sha, FileName = "cua-nguoi-khac.csv", QuestionnaireId = await db.Questionnaires.Select(q => q.Id).FirstAsync(),
                UploadedById = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync(),
                UploadedAt = DateTime.UtcNow, Status = ImportStatus.Checked, TotalRows = 1,
            };
            db.ImportFiles.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });

        using var status = await member.Http.GetAsync($"{UploadPage}/{fileId}");
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        var token = (await member.GetPageAsync(UploadPage)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var confirm = await member.Http.PostAsync($"{UploadPage}/{fileId}", form);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(ImportStatus.Checked, await app.WithDbAsync(db => db.ImportFiles.Where(f => f.Id == fileId).Select(f => f.Status).SingleAsync()));

        using var uploaded = await UploadAsync(member, "cung-tep.csv", csv, checkedFile: false);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Contains("một thành viên khác tải lên", (await StaffClient.ParseAsync(uploaded)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_XLSX_filled_from_the_template_is_imported()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var (header, q1, _) = await TemplateAsync(member);
        var template = await member.Http.GetByteArrayAsync(UploadPage + "/mau.xlsx");
        using (var stream = new MemoryStream(template))
        {
            var columns = ((IDictionary<string, object>)stream.Query(useHeaderRow: true).First()).Keys.ToArray();
            Assert.Equal(header, columns);
        }

        var row = header.ToDictionary(c => c, c => (object?)null);
        (row["MaDonVi"], row["MaLinhVuc"], row[q1], row["NgayTiepXuc"], row["GopY"]) = ("BK-CM", "DKX", 5, app.Today.AddDays(-1).ToDateTime(TimeOnly.MinValue), "Nhập XLSX");
        using var filled = new MemoryStream();
        filled.SaveAs(new[] { row }, excelType: ExcelType.XLSX);

        using var uploaded = await UploadAsync(member, "phieu.xlsx", filled.ToArray());
        await ConfirmAsync(member, uploaded.Headers.Location!.OriginalString);

        var response = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Nhập XLSX"));
        Assert.Equal(5, Assert.Single(response.Answers).Value);
    }

    [Fact]
    public async Task The_XLSX_template_has_an_example_row_that_imports_and_a_sheet_of_valid_codes_values_and_date_format()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var template = await member.Http.GetByteArrayAsync(UploadPage + "/mau.xlsx");

        using (var stream = new MemoryStream(template))
        {
            Assert.Equal(["Phiếu", "Hướng dẫn"], stream.GetSheetNames());
            var example = Assert.Single(stream.Query(useHeaderRow: true, sheetName: "Phiếu").Cast<IDictionary<string, object?>>());
            Assert.False(string.IsNullOrEmpty(example["MaDonVi"]?.ToString()));
            var guide = stream.Query(useHeaderRow: true, sheetName: "Hướng dẫn").Cast<IDictionary<string, object?>>()
                .Select(r => (Column: r["Cột"]?.ToString(), Value: r["Giá trị"]?.ToString(), Meaning: r["Ý nghĩa"]?.ToString())).ToList();
            Assert.Contains(guide, r => r.Column == "MaDonVi" && r.Value == "BK-NS-VT" && r.Meaning == "Công an thị trấn Vân Tùng");
            Assert.Contains(guide, r => r.Column == "MaLinhVuc" && r.Value == "CU-TRU");
            Assert.Contains(guide, r => r.Column == "NgayTiepXuc" && r.Value == "yyyy-MM-dd");
            Assert.Contains(guide, r => r.Column == "Kenh" && r.Value == "import");
            Assert.Contains(guide, r => r.Value == "5" && r.Meaning!.StartsWith("Rất hài lòng", StringComparison.Ordinal));
        }

        var before = await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Comment == SpreadsheetImport.ExampleComment));
        using var uploaded = await UploadAsync(member, "mau-nguyen-ban.xlsx", template);
        await ConfirmAsync(member, uploaded.Headers.Location!.OriginalString);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Comment == SpreadsheetImport.ExampleComment)));
    }

    internal static async Task<(string[] Header, string Q1, string Q2)> TemplateAsync(StaffClient member)
    {
        var csv = Encoding.UTF8.GetString(await member.Http.GetByteArrayAsync(UploadPage + "/mau.csv")).TrimStart('\uFEFF');
        var header = csv.Trim().Split(',');
        var questionnaire = await SurveyData.CurrentAsync(member.Http);
        var codes = questionnaire.GetProperty("elements")[0].GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("code").GetString()!).ToArray();
        Assert.Contains(codes[0], header);
        return (header, codes[0], codes[1]);
    }

    internal static string[] Row(string[] header, params (string Column, string Value)[] cells) =>
        [.. header.Select(c => cells.FirstOrDefault(x => x.Column == c).Value ?? "")];

    internal static byte[] Csv(string[] header, params string[][] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", new[] { header }.Concat(rows).Select(r => string.Join(',', r))) + "\r\n");

    internal static async Task<HttpResponseMessage> UploadAsync(StaffClient member, string fileName, byte[] content, bool checkedFile = true)
    {
        var page = await member.GetPageAsync(UploadPage);
        var token = page.QuerySelectorAll("main form[method=post] input[name=__RequestVerificationToken]").OfType<IHtmlInputElement>().First().Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Spreadsheet", fileName },
        };
        var response = await member.Http.PostAsync(UploadPage, form);
        Assert.True(!checkedFile || response.StatusCode == HttpStatusCode.Redirect,
            (await StaffClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")?.TextContent);
        return response;
    }

    private static async Task ConfirmAsync(StaffClient member, string status)
    {
        for (var i = 0; i < 100 && (await member.GetPageAsync(status)).QuerySelector("main form[method=post]") is not null; i++)
        {
            using var response = await member.SubmitFormAsync(status, []);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }
}

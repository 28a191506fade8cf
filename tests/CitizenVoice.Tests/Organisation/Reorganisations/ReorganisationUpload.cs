using System.Net;
using System.Text;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Organisation;

/// <summary>Builds reorganisation files and uploads them as an administrator does, through the page's form.</summary>
internal static class ReorganisationUpload
{
    public const string Header = "NgayHieuLuc,HanhDong,MaCu,MaMoi,TenMoi,LoaiDiaBan,Cap,MaCapTren,MaGSO,TaiKhoan";

    /// <summary>A CSV file (UTF-8 with its mark, as spreadsheets save it) of the header and the rows given.</summary>
    public static byte[] Csv(params string[] rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n")];

    public static async Task<HttpResponseMessage> PostAsync(StaffClient admin, string fileName, byte[] content, string defaultStaff = "Move")
    {
        var page = await admin.GetPageAsync("/quan-tri/to-chuc-lai");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(defaultStaff), "DefaultStaff" },
            { new ByteArrayContent(content), "Spreadsheet", fileName },
        };
        return await admin.Http.PostAsync("/quan-tri/to-chuc-lai", form);
    }

    /// <summary>Uploads a file that must pass the check; the preview's address.</summary>
    public static async Task<string> UploadAsync(StaffClient admin, string fileName, byte[] content, string defaultStaff = "Move")
    {
        using var response = await PostAsync(admin, fileName, content, defaultStaff);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {(await StaffClient.ParseAsync(response)).QuerySelector("main")?.TextContent}");
        return response.Headers.Location!.OriginalString;
    }
}

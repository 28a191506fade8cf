using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CitizenVoice.Bench;

/// <summary>
/// Merges communes as a province does after a reform: one reorganisation file of N merge rows, uploaded at
/// <c>/quan-tri/to-chuc-lai</c> (read, every row checked against the tree, the preview counted) and applied from its
/// preview in one transaction, signed in as an administrator whose unit holds every commune named.
/// </summary>
internal static partial class ReorganisationFileMerge
{
    /// <summary>Uploads and applies the file; the seconds the upload with its check and preview took, and the apply.</summary>
    public static async Task<(double Upload, double Apply)> RunAsync(HttpClient http, IReadOnlyList<(string Code, string SuccessorCode)> pairs, DateOnly date)
    {
        var csv = new StringBuilder("NgayHieuLuc,HanhDong,MaCu,MaMoi,TenMoi,LoaiDiaBan,Cap,MaCapTren,MaGSO,TaiKhoan\n");
        foreach (var (code, successor) in pairs)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd},Sáp nhập,{code},{successor},,,,,,chuyển\n");
        }

        var page = await http.GetStringAsync("/quan-tri/to-chuc-lai");
        var upload = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent("Move"), "DefaultStaff" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "Spreadsheet", $"sap-nhap-{pairs.Count}-xa.csv" },
        };
        using var uploaded = await http.PostAsync("/quan-tri/to-chuc-lai", form);
        if (uploaded.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"the file was refused: {(int)uploaded.StatusCode}");
        }

        var preview = uploaded.Headers.Location!.OriginalString;
        var previewPage = await http.GetStringAsync(preview);
        var uploadSeconds = upload.Elapsed.TotalSeconds;
        var apply = Stopwatch.StartNew();
        using var applied = await http.PostAsync(preview, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(previewPage) }));
        if (applied.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"the file did not apply: {(int)applied.StatusCode}");
        }

        return (uploadSeconds, apply.Elapsed.TotalSeconds);
    }

    private static string Token(string page) => TokenPattern().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

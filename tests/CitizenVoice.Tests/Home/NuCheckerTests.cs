using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Home;

/// <summary>
/// The public pages pass the W3C Nu HTML checker (vnu.jar), which knows the content rules a parser does not: an
/// attribute's value (a time element's datetime), which element may hold which. The checker is a Java program;
/// ./test.sh fetches it from npm (vnu-jar) and names it in CV_VNU_JAR. All pages go through one run: the JVM starts
/// once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NuCheckerTests(CitizenVoiceApp app)
{
    /// <summary>A page the checker must refuse, checked in the same run: proof that it ran and reads what we think.</summary>
    private const string Broken = "<!DOCTYPE html><html lang=\"vi\"><head><title>x</title></head><body><h1>x</h1>"
        + "<p><time datetime=\"2026-12-27T01:00:00.0000000\">27/12/2026</time></p></body></html>";

    [Fact]
    public async Task Every_public_page_passes_the_W3C_Nu_HTML_checker()
    {
        var jar = Environment.GetEnvironmentVariable("CV_VNU_JAR");
        Assert.True(!string.IsNullOrEmpty(jar) && File.Exists(jar),
            "CV_VNU_JAR must name the W3C Nu checker's vnu.jar (./test.sh sets it from the npm package vnu-jar: "
            + "npm pack vnu-jar, then build/dist/vnu.jar from the archive); found: " + (jar ?? "nothing"));

        var folder = Directory.CreateTempSubdirectory("cv-vnu-");
        try
        {
            using var client = app.CreateStaffClient();
            var pages = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (url, status) in await PublicPagesAsync())
            {
                using var response = await client.Http.GetAsync(url);
                Assert.True(response.StatusCode == status, $"{url} answered {(int)response.StatusCode}, not {(int)status}");
                var file = Path.Combine(folder.FullName, $"page{pages.Count + 1}.html");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
                pages[Path.GetFileName(file)] = url;
            }

            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.html"), Broken);
            var errors = await CheckAsync(jar!, folder.FullName);

            Assert.Contains(errors, e => e.File == "broken.html" && e.Message.Contains("datetime", StringComparison.Ordinal));
            var pageErrors = errors.Where(e => e.File != "broken.html").Select(e => $"{pages.GetValueOrDefault(e.File, e.File)}:{e.Line} {e.Message}").ToList();
            Assert.True(pageErrors.Count == 0, $"The Nu checker finds {pageErrors.Count} error(s):\n{string.Join('\n', pageErrors)}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<List<(string Url, HttpStatusCode Status)>> PublicPagesAsync()
    {
        var sessions = await app.WithDbAsync(db => db.DialogueSessions.AsNoTracking()
            .Where(s => s.Status != DialogueStatus.Draft).Select(s => new { s.Id, s.Status, s.StartsAt }).ToListAsync());
        var upcoming = sessions.Where(s => s.Status is DialogueStatus.Announced or DialogueStatus.OpenForQuestions).OrderBy(s => s.StartsAt).First();
        var past = sessions.Where(s => s.Status is DialogueStatus.Closed or DialogueStatus.MinutesPublished).OrderByDescending(s => s.StartsAt).First();
        var question = await FollowedQuestionAsync();
        List<(string, HttpStatusCode)> pages =
        [
            ("/", HttpStatusCode.OK), ("/?culture=en-GB", HttpStatusCode.OK), ("/don-vi", HttpStatusCode.OK), ("/don-vi?q=ngan%20son", HttpStatusCode.OK),
            ("/dang-nhap", HttpStatusCode.OK), ("/khong-ton-tai", HttpStatusCode.NotFound), ("/khong-co-quyen", HttpStatusCode.Forbidden),
            ("/ket-qua-khao-sat", HttpStatusCode.OK), ("/ket-qua-khao-sat?unit=BK-NS&culture=en-GB", HttpStatusCode.OK),
            ("/khao-sat", HttpStatusCode.OK), ("/khao-sat/BK-NS-VT/CCCD", HttpStatusCode.OK), ("/khao-sat/BK-NS-VT/CCCD/tung-buoc", HttpStatusCode.OK), ("/khao-sat/kiosk/BK-NS-VT/CCCD", HttpStatusCode.OK),
            ("/doi-thoai", HttpStatusCode.OK), ("/doi-thoai?culture=en-GB", HttpStatusCode.OK), ("/doi-thoai/thong-ke", HttpStatusCode.OK),
            ($"/doi-thoai/{upcoming.Id}", HttpStatusCode.OK), ($"/doi-thoai/{past.Id}", HttpStatusCode.OK),
            ("/danh-ba", HttpStatusCode.OK), ("/danh-ba?q=ba%20be&culture=en-GB", HttpStatusCode.OK),
            ("/phan-anh-kien-nghi", HttpStatusCode.OK), ("/phan-anh-kien-nghi/tra-cuu", HttpStatusCode.OK),
            ("/phan-anh-kien-nghi/hoi-dap", HttpStatusCode.OK), ("/phan-anh-kien-nghi/hoi-dap?q=tam%20tru&linh-vuc=CU-TRU&culture=en-GB", HttpStatusCode.OK),
            ("/tin-tuc", HttpStatusCode.OK), ("/tin-tuc?chuyen-muc=canh-bao&culture=en-GB", HttpStatusCode.OK),
            ("/tin-tuc/hieu-qua-tu-tiep-xuc-doi-thoai", HttpStatusCode.OK), ("/tin-tuc/khong-co-bai-nay", HttpStatusCode.NotFound),
            ("/doi-thoai/theo-doi", HttpStatusCode.OK), ($"/doi-thoai/theo-doi?ma={question}", HttpStatusCode.OK), ("/doi-thoai/da-gui", HttpStatusCode.OK),
        ];
        // A registration found again by its code.
        var registered = await Dialogues.DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Announced);
        var code = Registration.NewCode();
        await app.WithDbAsync(async db =>
        {
            db.Registrations.Add(new Registration { SessionId = registered, AttendeeName = "Người kiểm tra", Code = code, RegisteredAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        pages.Add(($"/doi-thoai/{registered}/dang-ky/{code}", HttpStatusCode.OK));
        // A published question and answer: in the list, and on a page of its own.
        pages.Add(($"/phan-anh-kien-nghi/hoi-dap/{(await CitizenVoice.Tests.Feedback.FeedbackTestData.PublishedQuestionAsync(app)).Question}", HttpStatusCode.OK));

        return pages;
    }

    /// <summary>A question sent and answered with a commitment, so its tracking page shows every part it can.</summary>
    private async Task<string> FollowedQuestionAsync()
    {
        var sessionId = await Dialogues.DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Live);
        using var client = app.CreateClient();
        using var sent = await client.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text = "Xin hỏi lịch trả thẻ căn cước tại xã trong tháng này?" });
        var created = await sent.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        await app.WithDbAsync(async db =>
        {
            var opinion = await db.Opinions.SingleAsync(o => o.Id == id);
            opinion.Status = OpinionStatus.Answered;
            opinion.Answer = "Công an xã trả thẻ vào thứ ba hằng tuần.";
            opinion.AnsweredAt = DateTime.UtcNow;
            db.Commitments.Add(new Commitment
            {
                OpinionId = id, SessionId = sessionId, What = "Niêm yết lịch trả thẻ tại nhà văn hóa", ResponsibleUnitId = (await db.DialogueSessions.SingleAsync(s => s.Id == sessionId)).HostUnitId,
                DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), Status = CommitmentStatus.Open,
            });
            await db.SaveChangesAsync();
        });
        return created.GetProperty("trackingCode").GetString()!;
    }

    private static async Task<List<(string File, int Line, string Message)>> CheckAsync(string jar, string folder)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-jar", jar, "--errors-only", "--format", "json", "--stdout", "--skip-non-html", folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var vnu = Process.Start(start)!;
        var output = vnu.StandardOutput.ReadToEndAsync();
        var diagnostics = vnu.StandardError.ReadToEndAsync();
        await vnu.WaitForExitAsync();
        var json = await output;
        Assert.True(json.TrimStart().StartsWith('{'), $"vnu gave no report (exit {vnu.ExitCode}): {await diagnostics}");
        using var report = JsonDocument.Parse(json);
        return [.. report.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => (
                Path.GetFileName(m.TryGetProperty("url", out var url) ? url.GetString() ?? "" : ""),
                m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
                m.GetProperty("message").GetString() ?? ""))];
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Feedback;

[Collection(AppCollection.Name)]
public sealed class FeedbackAttachmentTests(CitizenVoiceApp app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3, 4];

    private static async Task<HttpResponseMessage> SendAsync(StaffClient citizen, params (string Name, byte[] Bytes, string Type)[] files)
    {
        var page = await citizen.GetPageAsync("/phan-anh-kien-nghi");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("phan-anh"), "Input.Kind" },
            { new StringContent("DKX"), "Input.FieldCode" },
            { new StringContent("BK-NS"), "Input.UnitCode" },
            { new StringContent("Biển báo bị che khuất"), "Input.Subject" },
            { new StringContent("Biển báo trước điểm đăng ký xe bị cây che khuất, xem ảnh kèm theo."), "Input.Content" },
        };
        foreach (var (name, bytes, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "Attachments", name);
        }

        return await citizen.Http.PostAsync(new Uri("/phan-anh-kien-nghi", UriKind.Relative), form);
    }

    [Fact]
    public async Task A_photo_is_kept_and_served_only_to_staff_of_the_unit_as_a_download()
    {
        using var citizen = app.CreateStaffClient();
        using var sent = await SendAsync(citizen, ("ảnh biển báo.png", Png, "image/png"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var code = (await citizen.GetPageAsync(sent.Headers.Location!.OriginalString)).QuerySelector("[data-tracking-code]")!.TextContent.Trim();
        var (id, fileId) = await app.WithDbAsync(async db =>
        {
            var item = await db.FeedbackItems.Include(f => f.Attachments).SingleAsync(f => f.TrackingCode == code);
            return (item.Id, item.Attachments.Single().Id);
        });

        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        var detail = await officer.GetPageAsync($"/quan-tri/phan-anh-kien-nghi/{id}");
        Assert.Contains("ảnh biển báo.png", detail.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var download = await officer.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/{id}?handler=File&fileId={fileId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());

        using var other = app.CreateStaffClient();
        await other.SignInAsync("canbo.babe");
        using var refused = await other.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/{id}?handler=File&fileId={fileId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var anonymous = await citizen.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/{id}?handler=File&fileId={fileId}", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("anh.jpg", "<html><script>alert(1)</script></html>", "image/jpeg")]
    [InlineData("hoso.pdf", "MZ\u0090\0\u0003\0\0\0 this program cannot be run in DOS mode", "application/pdf")]
    public async Task A_renamed_page_or_program_is_refused_whatever_its_name_and_type_say_and_nothing_is_stored(string name, string content, string type)
    {
        using var citizen = app.CreateStaffClient();
        var before = await app.WithDbAsync(db => db.FeedbackItems.CountAsync());
        using var sent = await SendAsync(citizen, (name, Encoding.Latin1.GetBytes(content), type));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("không phải ảnh JPEG, PNG hay tài liệu PDF", (await StaffClient.ParseAsync(sent)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.FeedbackItems.CountAsync()));
    }

    [Fact]
    public async Task More_than_three_files_are_refused_with_a_message()
    {
        using var citizen = app.CreateStaffClient();
        using var sent = await SendAsync(citizen, [.. Enumerable.Range(1, 4).Select(i => ($"anh{i}.png", Png, "image/png"))]);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("tối đa 3 tệp", (await StaffClient.ParseAsync(sent)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}

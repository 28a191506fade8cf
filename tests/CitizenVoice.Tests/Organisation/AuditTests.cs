using System.Net;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Organisation;

[Collection(AppCollection.Name)]
public sealed class AuditTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task Editing_a_field_writes_who_what_before_and_after_to_the_audit_log()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        using (var created = await admin.SubmitFormAsync("/quan-tri/linh-vuc/them", [new("Input.Code", "ANTT"), new("Input.Name", "An ninh trật tự")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var id = await app.WithDbAsync(db => db.Fields.Where(f => f.Code == "ANTT").Select(f => f.Id).SingleAsync());
        using (var edited = await admin.SubmitFormAsync($"/quan-tri/linh-vuc/{id}/sua", [new("Input.Name", "An ninh, trật tự")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        var log = await admin.GetPageAsync("/quan-tri/nhat-ky?q=ANTT");
        var rows = log.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        var update = rows.First(r => r.Contains("Sửa", StringComparison.Ordinal));
        Assert.Contains("admin", update);
        Assert.Contains("An ninh trật tự", update);
        Assert.Contains("An ninh, trật tự", update);
        Assert.Contains(rows, r => r.Contains("Thêm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_or_deleted_even_in_the_database()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        using (await admin.SubmitFormAsync("/quan-tri/linh-vuc/them", [new("Input.Code", "AUD"), new("Input.Name", "Kiểm tra nhật ký")])) { }

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditLog.ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, "someone else"))));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditLog.ExecuteDeleteAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.EntityKey == "AUD" && e.UserName == "admin")));
    }

    [Fact]
    public async Task Password_hashes_never_reach_the_audit_log()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await Staff.SignInTests.CreateAccountAsync(admin, "kiem.tra.log", "BK-PN");

        var entries = await app.WithDbAsync(db => db.AuditLog.Where(e => e.EntityKey == "kiem.tra.log").ToListAsync());
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.DoesNotContain("AQAAAA", e.After ?? "", StringComparison.Ordinal));
    }
}

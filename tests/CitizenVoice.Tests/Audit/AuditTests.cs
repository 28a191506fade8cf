using System.Net;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Audit;

[Collection(OrganisationChangesCollection.Name)]
public sealed class AuditTests(OrganisationChangesApp app)
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
    public async Task The_audit_log_names_a_new_commitment_by_its_real_key_at_Vietnam_time_with_one_line_per_change()
    {
        var sessionId = await Dialogues.DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var opinionId = await Dialogues.DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị niêm yết lịch trả thẻ căn cước.", Features.Dialogues.OpinionStatus.Approved);
        var ns = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync());
        var what = $"Niêm yết lịch trả thẻ {Guid.NewGuid():N}"[..40];
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        var console = $"/quan-tri/doi-thoai/{sessionId}/dieu-phoi";
        using (await secretary.SubmitFormAsync(console,
                   [new("opinionId", opinionId.ToString()), new("what", what), new("unitId", ns.ToString()), new("dueOn", "2030-07-15")], formAction: "handler=Commit")) { }
        var commitment = await app.WithDbAsync(db => db.Commitments.SingleAsync(c => c.What == what));
        using (await secretary.SubmitFormAsync(console,
                   [new("commitmentId", commitment.Id.ToString()), new("status", "Done"), new("evidence", "Đã niêm yết tại trụ sở xã.")], formAction: "handler=UpdateCommitment")) { }
        var logged = await app.WithDbAsync(db => db.AuditLog.Where(e => e.EntityType == "Commitment" && e.UserName == "thuky").OrderBy(e => e.Id).ToListAsync());
        Assert.DoesNotContain(logged, e => e.EntityKey == "CK-0");

        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var log = await admin.GetPageAsync($"/quan-tri/nhat-ky?q=CK-{commitment.Id}");
        var rows = log.QuerySelectorAll("tbody tr").Where(r => r.Children[3].TextContent.Trim() == $"Cam kết: CK-{commitment.Id}").ToList();
        var created = Assert.Single(rows, r => r.Children[2].TextContent.Trim() == "Thêm");
        var lines = created.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains($"Id: {commitment.Id}", lines);
        Assert.Contains($"OpinionId: {opinionId}", lines);
        Assert.Contains($"What: {what}", lines);
        Assert.Contains("DueOn: 2030-07-15", lines);
        Assert.DoesNotContain(lines, l => l.Contains(": -", StringComparison.Ordinal));
        var at = logged.Single(e => e.EntityKey == $"CK-{commitment.Id}" && e.Action == "create").At;
        Assert.Equal(at.AddHours(7).ToString("g", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), created.Children[0].TextContent.Trim());

        var updated = Assert.Single(rows, r => r.Children[2].TextContent.Trim() == "Sửa");
        var changes = updated.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("Status: Open → Done", changes);
        Assert.Contains("Evidence: ∅ → Đã niêm yết tại trụ sở xã.", changes);
        Assert.DoesNotContain("{", log.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
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

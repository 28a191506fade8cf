using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Organisation;

[Collection(OrganisationChangesCollection.Name)]
public sealed class UnitTreeTests(OrganisationChangesApp app)
{
    [Fact]
    public async Task An_administrator_adds_a_commune_under_a_district_and_it_appears_in_the_tree_and_the_api()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var districtId = await UnitIdAsync("BK-CD");

        using var response = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={districtId}",
            [new("Input.Code", "BK-CD-TEST1"), new("Input.Name", "Công an xã Thử Nghiệm Một"), new("Input.AreaType", "xã")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var tree = await admin.GetPageAsync("/quan-tri/don-vi");
        var district = tree.QuerySelectorAll("li").First(li => li.FirstElementChild!.TextContent == "Công an huyện Chợ Đồn");
        Assert.Contains("Công an xã Thử Nghiệm Một", district.TextContent);

        using var api = app.CreateClient();
        var units = await api.GetFromJsonAsync<JsonElement[]>("/api/v1/units");
        Assert.Equal("BK-CD", units!.Single(u => u.GetProperty("code").GetString() == "BK-CD-TEST1").GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task A_unit_without_a_name_is_refused_with_a_Vietnamese_message_and_nothing_is_saved()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var districtId = await UnitIdAsync("BK-CD");

        using var response = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={districtId}",
            [new("Input.Code", "BK-CD-EMPTY"), new("Input.Name", "")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vui lòng nhập Tên đơn vị.", (await StaffClient.ParseAsync(response)).Body!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "BK-CD-EMPTY")));
    }

    [Fact]
    public async Task A_duplicate_unit_code_is_refused()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var districtId = await UnitIdAsync("BK-NS");

        using var response = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={districtId}",
            [new("Input.Code", "BK-NS-VT"), new("Input.Name", "Trùng mã")]);
        Assert.Contains("Mã đơn vị BK-NS-VT đã được dùng.", (await StaffClient.ParseAsync(response)).Body!.TextContent);
    }

    [Fact]
    public async Task Merging_a_unit_keeps_its_history_and_moves_its_communes_to_the_successor()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var provinceId = await UnitIdAsync("BK");
        using (var _ = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={provinceId}",
                   [new("Input.Code", "BK-OLD"), new("Input.Name", "Công an huyện Cũ"), new("Input.Level", "District")])) { }
        var oldId = await UnitIdAsync("BK-OLD");
        using (var _ = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={oldId}",
                   [new("Input.Code", "BK-OLD-A"), new("Input.Name", "Công an xã A")])) { }
        var successorId = await UnitIdAsync("BK-BB");

        using var merged = await MergeAsync(admin, oldId, successorId, "2030-07-01");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);

        using var api = app.CreateClient();
        var units = await api.GetFromJsonAsync<JsonElement[]>("/api/v1/units");
        var old = units!.Single(u => u.GetProperty("code").GetString() == "BK-OLD");
        Assert.False(old.GetProperty("active").GetBoolean());
        Assert.Equal("BK-BB", old.GetProperty("successorCode").GetString());
        Assert.Equal("2030-07-01", old.GetProperty("validTo").GetString());
        Assert.Equal("BK-BB", units!.Single(u => u.GetProperty("code").GetString() == "BK-OLD-A").GetProperty("parentCode").GetString());

        var lineage = await app.WithDbAsync(db => UnitTree.WithPredecessorsAsync(db, successorId));
        Assert.Contains(oldId, lineage);
        var movedPath = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-OLD-A").Select(u => u.Path).SingleAsync());
        var successorPath = await app.WithDbAsync(db => db.Units.Where(u => u.Id == successorId).Select(u => u.Path).SingleAsync());
        Assert.StartsWith(successorPath, movedPath);
    }

    [Fact]
    public async Task A_renamed_unit_keeps_its_former_name()
    {
        var vanTung = await app.WithDbAsync(db => db.Units.Include(u => u.NameHistory).SingleAsync(u => u.Code == "BK-NS-VT"));
        Assert.Equal("Công an xã Vân Tùng", vanTung.NameHistory.Single().Name);
        Assert.Equal(new DateOnly(2023, 4, 10), vanTung.NameHistory.Single().ValidTo);
    }

    [Fact]
    public async Task A_district_officer_sees_their_own_communes_but_not_another_districts()
    {
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");

        var own = await officer.GetPageAsync("/can-bo/don-vi/BK-NS-VT");
        Assert.Contains("Vân Tùng", own.QuerySelector("h1")!.TextContent);

        using var other = await officer.Http.GetAsync("/can-bo/don-vi/BK-BB");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/khong-co-quyen", other.Headers.Location!.PathAndQuery);
        using var province = await officer.Http.GetAsync("/can-bo/don-vi/BK");
        Assert.StartsWith("/khong-co-quyen", province.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_district_administrator_cannot_edit_a_unit_of_another_district()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await SignInTests.CreateAccountAsync(admin, "quantri.nr", "BK-NR", role: "Administrator");

        using var districtAdmin = app.CreateStaffClient();
        await districtAdmin.SignInAsync("quantri.nr");
        var babe = await UnitIdAsync("BK-BB");
        using var response = await districtAdmin.Http.GetAsync($"/quan-tri/don-vi/{babe}/sua");
        Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.PathAndQuery);

        var tree = await districtAdmin.GetPageAsync("/quan-tri/don-vi");
        Assert.Contains("Công an huyện Na Rì", tree.QuerySelector(".tree-root")!.TextContent);
        Assert.DoesNotContain("Công an huyện Ba Bể", tree.QuerySelector(".tree-root")!.TextContent);
    }

    [Fact]
    public async Task An_officer_cannot_open_the_administration_pages()
    {
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.babe");
        using var response = await officer.Http.GetAsync("/quan-tri/don-vi");
        Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.PathAndQuery);
    }

    private Task<int> UnitIdAsync(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    /// <summary>Asks for the merge, reads what it will do, and confirms it.</summary>
    private static async Task<HttpResponseMessage> MergeAsync(StaffClient admin, int unitId, int successorId, string date)
    {
        using var asked = await admin.SubmitFormAsync($"/quan-tri/don-vi/{unitId}/sap-nhap",
            [new("SuccessorId", successorId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Date", date)]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await StaffClient.ParseAsync(asked);
        var form = confirmation.QuerySelector("#xac-nhan form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        using var content = new FormUrlEncodedContent(fields);
        return await admin.Http.PostAsync($"/quan-tri/don-vi/{unitId}/sap-nhap", content);
    }

    [Fact]
    public async Task A_merge_says_what_it_will_do_and_waits_for_confirmation()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var provinceId = await UnitIdAsync("BK");
        using (var _ = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={provinceId}",
                   [new("Input.Code", "BK-WAIT"), new("Input.Name", "Công an huyện Chờ Xác Nhận"), new("Input.Level", "District")])) { }
        var unitId = await UnitIdAsync("BK-WAIT");

        using var asked = await admin.SubmitFormAsync($"/quan-tri/don-vi/{unitId}/sap-nhap",
            [new("SuccessorId", (await UnitIdAsync("BK-CD")).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Date", "2030-08-01")]);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = (await StaffClient.ParseAsync(asked)).QuerySelector("#xac-nhan")!.TextContent;
        Assert.Contains("Công an huyện Chợ Đồn", confirmation, StringComparison.Ordinal);
        Assert.Contains("Mã QR", confirmation, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-WAIT").Select(u => u.SuccessorId == null).SingleAsync()));
    }

    [Fact]
    public async Task A_unit_merged_into_another_hands_it_the_fields_it_served()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var nganSon = await UnitIdAsync("BK-NS");
        using (var _ = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={nganSon}",
                   [new("Input.Code", "BK-NS-FIRE"), new("Input.Name", "Công an xã Phòng Cháy"), new("Input.AreaType", "xã")])) { }
        // An administrator ticked fire safety for this commune; the commune it merges into does not serve it yet.
        await app.WithDbAsync(async db =>
        {
            var fire = await db.Fields.Where(f => f.Code == "PCCC").Select(f => f.Id).SingleAsync();
            db.UnitFields.Add(new UnitField { UnitId = await UnitIdAsync("BK-NS-FIRE"), FieldId = fire });
            await db.SaveChangesAsync();
        });
        using var api = app.CreateClient();
        Assert.DoesNotContain("PCCC", await api.GetStringAsync("/api/v1/units/BK-NS-VT/fields"));

        using (var merged = await MergeAsync(admin, await UnitIdAsync("BK-NS-FIRE"), await UnitIdAsync("BK-NS-VT"), "2030-07-01"))
        {
            Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        }

        Assert.Contains("PCCC", await api.GetStringAsync("/api/v1/units/BK-NS-VT/fields"));
    }

    [Fact]
    public async Task The_printed_qr_code_and_kiosk_link_of_a_merged_unit_lead_to_its_successor_through_a_chain_of_merges()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var nganSon = await UnitIdAsync("BK-NS");
        foreach (var code in new[] { "BK-NS-GONE1", "BK-NS-GONE2" })
        {
            using var _ = await admin.SubmitFormAsync($"/quan-tri/don-vi/them?parentId={nganSon}",
                [new("Input.Code", code), new("Input.Name", "Công an xã " + code), new("Input.AreaType", "xã")]);
        }

        using (var first = await MergeAsync(admin, await UnitIdAsync("BK-NS-GONE1"), await UnitIdAsync("BK-NS-GONE2"), "2030-07-01"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using (var second = await MergeAsync(admin, await UnitIdAsync("BK-NS-GONE2"), await UnitIdAsync("BK-NS-VT"), "2030-09-01"))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        using var citizen = app.CreateStaffClient();
        foreach (var (printed, now) in new[]
                 {
                     ("/khao-sat/BK-NS-GONE1/CCCD", "/khao-sat/BK-NS-VT/CCCD"),
                     ("/khao-sat/kiosk/BK-NS-GONE1/CCCD", "/khao-sat/kiosk/BK-NS-VT/CCCD"),
                     ("/khao-sat/BK-NS-GONE2/CCCD/qr.png", "/khao-sat/BK-NS-VT/CCCD/qr.png"),
                     ("/khao-sat/BK-NS-GONE1/CCCD/ap-phich.pdf", "/khao-sat/BK-NS-VT/CCCD/ap-phich.pdf"),
                 })
        {
            using var response = await citizen.Http.GetAsync(printed);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{printed}: {(int)response.StatusCode}");
            Assert.Equal(now, response.Headers.Location!.OriginalString);
        }

        using var unknown = await citizen.Http.GetAsync("/khao-sat/BK-KHONG-CO/CCCD");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

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

        using var merged = await admin.SubmitFormAsync($"/quan-tri/don-vi/{oldId}/sap-nhap",
            [new("SuccessorId", successorId.ToString()), new("Date", "2030-07-01")]);
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
}

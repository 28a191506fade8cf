using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Organisation;

/// <summary>In English, units, fields and procedures go by their English names; the Vietnamese ones stay for Vietnamese pages.</summary>
[Collection(AppCollection.Name)]
public sealed class EnglishNamesTests(CitizenVoiceApp app)
{
    private const string English = "culture=en-GB&ui-culture=en-GB";

    [Fact]
    public async Task An_English_page_lists_a_field_and_a_unit_by_their_English_names()
    {
        using var citizen = app.CreateStaffClient();
        var directory = (await citizen.GetPageAsync($"/don-vi?{English}")).Body!.TextContent;
        Assert.Contains("Ngân Sơn District Police", directory);
        Assert.Contains("Bắc Kạn Provincial Police", directory);
        Assert.Contains("Traffic Police Department", directory);
        Assert.DoesNotContain("Công an huyện Ngân Sơn", directory);

        var form = (await citizen.GetPageAsync($"/khao-sat/BK-NS/CCCD?{English}")).Body!.TextContent;
        Assert.Contains("Ngân Sơn District Police", form);
        Assert.Contains("Identity cards", form);

        var vietnamese = (await app.CreateStaffClient().GetPageAsync("/don-vi?culture=vi-VN&ui-culture=vi-VN")).Body!.TextContent;
        Assert.Contains("Công an huyện Ngân Sơn", vietnamese);
        Assert.DoesNotContain("Ngân Sơn District Police", vietnamese);
    }

    [Fact]
    public async Task Staff_pages_in_English_offer_units_and_fields_by_their_English_names()
    {
        using var surveyTeam = app.CreateStaffClient();
        await surveyTeam.SignInAsync("khaosat");
        var entry = (await surveyTeam.GetPageAsync($"/quan-tri/khao-sat/nhap?{English}")).Body!.TextContent;
        Assert.Contains("Vân Tùng Town Police", entry);
        Assert.Contains("Identity cards", entry);
        Assert.DoesNotContain("Công an thị trấn Vân Tùng", entry);

        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var staff = (await admin.GetPageAsync($"/quan-tri/can-bo?{English}")).Body!.TextContent;
        Assert.Contains("Bắc Kạn Provincial Police", staff);
        Assert.DoesNotContain("Công an tỉnh Bắc Kạn", staff);
    }

    [Fact]
    public async Task The_English_results_export_names_the_units_in_English()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        using var csv = await leader.Http.GetAsync($"/quan-tri/ket-qua-hai-long/xuat.csv?{English}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Ngân Sơn District Police", text);
        Assert.DoesNotContain("Công an huyện Ngân Sơn", text);
    }

    [Fact]
    public async Task The_api_keeps_the_Vietnamese_names_and_adds_the_English_ones()
    {
        using var client = app.CreateClient();
        var units = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units");
        var commune = units!.Single(u => u.GetProperty("code").GetString() == "BK-NS-VT");
        Assert.Equal("Công an thị trấn Vân Tùng", commune.GetProperty("name").GetString());
        Assert.Equal("Vân Tùng Town Police", commune.GetProperty("nameEn").GetString());

        var fields = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/fields");
        var residence = fields!.Single(f => f.GetProperty("code").GetString() == "CU-TRU");
        Assert.Equal("Residence", residence.GetProperty("nameEn").GetString());
        var split = residence.GetProperty("procedures").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Tách hộ");
        Assert.Equal("Separation of a household", split.GetProperty("nameEn").GetString());
    }

    [Fact]
    public async Task An_administrator_gives_a_unit_and_a_procedure_English_names_on_their_edit_pages_and_English_pages_show_them()
    {
        var (unitId, procedureId) = await app.WithDbAsync(async db => (
            await db.Units.Where(u => u.Code == "BK-NS-VT").Select(u => u.Id).SingleAsync(),
            await db.Procedures.Where(p => p.Name == "Khai báo tạm vắng").Select(p => p.Id).SingleAsync()));
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");

        using var procedure = await admin.SubmitFormAsync($"/quan-tri/thu-tuc/{procedureId}/sua",
            [new("Input.Name", "Khai báo tạm vắng"), new("Input.NameEn", "Notice of temporary absence")]);
        Assert.Equal(HttpStatusCode.Redirect, procedure.StatusCode);
        var list = (await admin.GetPageAsync($"/quan-tri/thu-tuc?linhVuc=CU-TRU&{English}")).Body!.TextContent;
        Assert.Contains("Notice of temporary absence", list);

        var edit = await admin.GetPageAsync($"/quan-tri/don-vi/{unitId}/sua");
        var current = edit.QuerySelector("input[name='Input.NameEn']")!.GetAttribute("value");
        Assert.Equal("Vân Tùng Town Police", current);
        using var unit = await admin.SubmitFormAsync($"/quan-tri/don-vi/{unitId}/sua", [new("Input.NameEn", "Vân Tùng Township Police")]);
        Assert.Equal(HttpStatusCode.Redirect, unit.StatusCode);
        try
        {
            Assert.Contains("Vân Tùng Township Police", (await admin.GetPageAsync($"/don-vi?{English}")).Body!.TextContent);
        }
        finally
        {
            await app.WithDbAsync(db => db.Units.Where(u => u.Id == unitId).ExecuteUpdateAsync(s => s.SetProperty(u => u.NameEn, "Vân Tùng Town Police")));
        }
    }
}

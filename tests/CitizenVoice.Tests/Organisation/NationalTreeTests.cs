using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Organisation;

/// <summary>
/// The app on a national tree: the ministry above the demo province and 33 more provinces with their communes straight
/// below them (as since 2025-07-01), 3,300 communes in all, written in bulk. Units other than the demo's carry sample names.
/// The demo administrator works at the ministry.
/// </summary>
public sealed class NationalTreeApp : CitizenVoiceApp, IAsyncLifetime
{
    public const int CommunesPerProvince = NationalTree.CommunesPerProvince;

    public Task InitializeAsync() => NationalTree.SeedAsync(Services);

    // The factory itself is disposed by the fixture's owner, as every app of these tests is.
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Writes the national tree into an app's database (see <see cref="NationalTreeApp"/>); the browser tests use it too.</summary>
public static class NationalTree
{
    public const int SampleProvinces = 33;
    public const int CommunesPerProvince = 97; // 33 × 97 = 3,201, with the demo's about 3,300

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var ministry = new Unit { Code = "BCA", Name = "Bộ Công an", Level = UnitLevel.Ministry, ValidFrom = new DateOnly(2020, 1, 1) };
        db.Units.Add(ministry);
        await db.SaveChangesAsync();
        var m = ministry.Id;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task Sql(string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        string[] columns = ["Code", "Name", "AreaType", "Level", "ParentId", "Path", "ValidFrom"];
        await Sql($"UPDATE \"Units\" SET \"ParentId\" = {m} WHERE \"ParentId\" IS NULL AND \"Id\" <> {m}");
        await Sql($"UPDATE \"Units\" SET \"Path\" = '/{m}' || \"Path\" WHERE \"Id\" <> {m}");
        await Sql($"UPDATE \"Units\" SET \"Path\" = '/{m}/' WHERE \"Id\" = {m}");
        await BulkRows.WriteAsync(connection, transaction, "Units", columns, Enumerable.Range(1, SampleProvinces)
            .Select(p => new object?[] { $"M{p:D2}", $"Công an Tỉnh mẫu {p:D2}", "tỉnh", (int)UnitLevel.Province, m, "", new DateOnly(2020, 1, 1) }).ToList());
        await Sql($"UPDATE \"Units\" SET \"Path\" = '/{m}/' || CAST(\"Id\" AS TEXT) || '/' WHERE \"Path\" = ''");
        var provinces = new Dictionary<string, int>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT \"Code\", \"Id\" FROM \"Units\" WHERE \"ParentId\" = {m} AND \"Code\" LIKE 'M%'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                provinces[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        await BulkRows.WriteAsync(connection, transaction, "Units", columns, provinces.SelectMany(p => Enumerable.Range(1, CommunesPerProvince)
            .Select(c => new object?[] { $"{p.Key}-{c:D3}", $"Công an Xã mẫu {p.Key[1..]}-{c:D3}", "xã", (int)UnitLevel.Commune, p.Value, "", new DateOnly(2020, 1, 1) })).ToList());
        await Sql("UPDATE \"Units\" SET \"Path\" = (SELECT p.\"Path\" FROM \"Units\" p WHERE p.\"Id\" = \"Units\".\"ParentId\") || CAST(\"Id\" AS TEXT) || '/' WHERE \"Path\" = ''");
        await Sql("INSERT INTO \"UnitFields\" (\"UnitId\", \"FieldId\") SELECT u.\"Id\", f.\"Id\" FROM \"Units\" u, \"Fields\" f "
            + "WHERE u.\"Code\" LIKE 'M%' AND f.\"Code\" IN ('CCCD', 'CU-TRU')");
        await transaction.CommitAsync();
        // The administrator works at the ministry here, so the whole country is theirs to administer.
        await db.Set<Features.Staff.StaffUser>().Where(u => u.UserName == "admin").ExecuteUpdateAsync(s => s.SetProperty(u => u.UnitId, m));
    }
}

public sealed class NationalTreeTests(NationalTreeApp app) : IClassFixture<NationalTreeApp>
{
    // Each page must stay far below what drawing every unit gives (3,400 items of the units tree, 3,400 options in a picker).
    private const int PageLimitBytes = 200_000;

    [Fact]
    public async Task The_units_admin_page_of_a_national_tree_folds_the_communes_and_a_search_still_finds_one()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");

        using var whole = await admin.Http.GetAsync("/quan-tri/don-vi");
        var html = await whole.Content.ReadAsStringAsync();
        Assert.True(html.Length < PageLimitBytes, $"the units page is {html.Length:N0} characters");
        var tree = await StaffClient.ParseAsync(whole);
        Assert.True(tree.QuerySelectorAll(".tree-root li").Length < 200);
        Assert.Contains("Công an Tỉnh mẫu 17", tree.QuerySelector(".tree-root")!.TextContent);
        Assert.DoesNotContain("Xã mẫu 17-042", tree.QuerySelector(".tree-root")!.TextContent);

        var found = await admin.GetPageAsync("/quan-tri/don-vi?q=xa+mau+17-042");
        var hit = found.QuerySelectorAll("main li").Single(li => li.TextContent.Contains("Công an Xã mẫu 17-042"));
        var open = hit.QuerySelectorAll("a").Single(a => a.TextContent == "Xem trong cây").GetAttribute("href")!;

        var opened = await admin.GetPageAsync(open);
        var province = opened.QuerySelectorAll(".tree-root li").Single(li => li.FirstElementChild!.TextContent == "Công an Tỉnh mẫu 17");
        Assert.Equal(NationalTreeApp.CommunesPerProvince, province.QuerySelectorAll("li").Length);
    }

    [Fact]
    public async Task The_results_page_of_the_nation_lists_its_provinces_and_a_picker_that_does_not_send_every_commune()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/ket-qua-khao-sat");
        Assert.True(html.Length < PageLimitBytes, $"the results page is {html.Length:N0} characters");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var picker = page.QuerySelector("select#unit")!;
        Assert.InRange(picker.QuerySelectorAll("option").Length, 30, 150);
        Assert.NotNull(picker.QuerySelector("option[value=M17]"));
        Assert.Null(picker.QuerySelector("option[value='M17-042']"));

        // Without scripts: a province first, then its communes, grouped under the province's name.
        var link = page.QuerySelectorAll(".unit-picker-groups a").Single(a => a.TextContent == "Công an Tỉnh mẫu 17").GetAttribute("href")!;
        var opened = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync(link));
        var group = opened.QuerySelectorAll("select#unit optgroup").Single(g => g.GetAttribute("label") == "Công an Tỉnh mẫu 17");
        Assert.Equal(NationalTreeApp.CommunesPerProvince, group.QuerySelectorAll("option").Length);
        Assert.Contains(group.QuerySelectorAll("option"), o => o.GetAttribute("value") == "M17-042");
    }

    [Fact]
    public async Task Typing_part_of_a_commune_name_without_diacritics_finds_it_among_3300()
    {
        using var client = app.CreateClient();
        var found = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/search?q=xa+mau+17-042");
        var unit = Assert.Single(found!);
        Assert.Equal("M17-042", unit.GetProperty("code").GetString());
        Assert.Equal("Công an Tỉnh mẫu 17", unit.GetProperty("group").GetString());

        var many = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/search?q=mau");
        Assert.Equal(20, many!.Length);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/search?q=" + new string('x', 5000)))!);
    }

    [Fact]
    public async Task The_compliance_page_of_the_ministry_counts_communes_behind_by_province_and_lists_one_province_on_demand()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");

        using var whole = await admin.Http.GetAsync("/quan-tri/doi-thoai/tuan-thu");
        var html = await whole.Content.ReadAsStringAsync();
        Assert.True(html.Length < PageLimitBytes, $"the compliance page is {html.Length:N0} characters");
        var page = await StaffClient.ParseAsync(whole);
        Assert.Empty(page.QuerySelectorAll("tr[data-unit]"));
        var province = page.QuerySelectorAll(".compliance-groups tr").First(tr => tr.QuerySelector("a")?.TextContent == "Công an Tỉnh mẫu 17");
        Assert.Equal(NationalTreeApp.CommunesPerProvince.ToString(System.Globalization.CultureInfo.InvariantCulture), province.QuerySelector("td")!.TextContent);

        var one = await admin.GetPageAsync(province.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(NationalTreeApp.CommunesPerProvince, one.QuerySelectorAll("tr[data-unit]").Length);
        Assert.All(one.QuerySelectorAll("tr[data-unit]"), tr => Assert.StartsWith("M17-", tr.GetAttribute("data-unit"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_units_of_the_demo_province_inside_the_national_tree_are_still_grouped_by_district()
    {
        using var client = app.CreateClient();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            await client.GetStringAsync("/ket-qua-khao-sat?unit-nhom=" + Uri.EscapeDataString("Công an huyện Ngân Sơn")));
        var group = page.QuerySelectorAll("select#unit optgroup").Single(g => g.GetAttribute("label") == "Công an huyện Ngân Sơn");
        Assert.Contains(group.QuerySelectorAll("option"), o => o.GetAttribute("value") == "BK-NS-VT");
        Assert.True(await app.WithDbAsync(db => db.Units.CountAsync(u => u.Level == UnitLevel.Commune)) > 3300);
    }
}

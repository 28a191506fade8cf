using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// Seeds the demo organisation from the GSO list of Bắc Kạn (as of 2025-03-01, before the reform) and the
/// police procedure catalogue, both embedded from Data/Seed.
/// </summary>
internal sealed class OrganisationSeed(AppDb db, IOptions<DatabaseOptions> options) : ISeeder
{
    public static readonly DateOnly DemoValidFrom = new(2019, 1, 1);

    // The district codes the design fixes for the demo, by GSO code.
    private static readonly Dictionary<string, string> DistrictCodes = new()
    {
        ["058"] = "BK-TP", ["060"] = "BK-PN", ["061"] = "BK-BB", ["062"] = "BK-NS",
        ["063"] = "BK-BT", ["064"] = "BK-CD", ["065"] = "BK-CM", ["066"] = "BK-NR",
    };

    // Provincial departments that handle procedures, plus the staff office the independent survey team sits in.
    // Their English names say what they do, as the ministry's English pages name such departments.
    private static readonly (string Code, string Name, string NameEn)[] Departments =
    [
        ("BK-PV01", "Phòng Tham mưu", "Staff Office"),
        ("BK-PA08", "Phòng Quản lý xuất nhập cảnh", "Immigration Department"),
        ("BK-PC06", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Administrative Police Department for Social Order"),
        ("BK-PC07", "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Fire Prevention, Fire Fighting and Rescue Police Department"),
        ("BK-PC08", "Phòng Cảnh sát giao thông", "Traffic Police Department"),
    ];

    /// <summary>
    /// A unit's English name from its area's type and name, the place name kept with its diacritics:
    /// "Công an huyện Ngân Sơn" → "Ngân Sơn District Police", "Công an thị trấn Vân Tùng" → "Vân Tùng Town Police".
    /// </summary>
    internal static string? EnglishName(string? areaType, string place) => areaType switch
    {
        "tỉnh" => $"{place} Provincial Police",
        "huyện" => $"{place} District Police",
        "thành phố" => $"{place} City Police",
        "thị xã" => $"{place} Town Police",
        "xã" => $"{place} Commune Police",
        "phường" => $"{place} Ward Police",
        "thị trấn" => $"{place} Town Police",
        _ => null,
    };

    /// <summary>
    /// The English name of a unit named the usual way ("Công an xã Vân Tùng", area type "xã" → "Vân Tùng Commune
    /// Police"); null for a name of another shape, which then shows as written in Vietnamese.
    /// </summary>
    internal static string? EnglishNameOf(string name, string? areaType)
    {
        var prefix = $"Công an {areaType} ";
        return areaType is not null && name.StartsWith(prefix, StringComparison.Ordinal) ? EnglishName(areaType, name[prefix.Length..]) : null;
    }

    private static readonly (string Code, string Name, string NameEn)[] FieldList =
    [
        ("XNC", "Xuất nhập cảnh", "Immigration"),
        ("CON-DAU", "Con dấu", "Seals"),
        ("PCCC", "Phòng cháy chữa cháy", "Fire prevention"),
        ("DKX", "Đăng ký xe", "Vehicle registration"),
        ("CCCD", "Căn cước", "Identity cards"),
        ("CU-TRU", "Cư trú", "Residence"),
    ];

    public int Order => 10;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Units.AnyAsync(cancellationToken))
        {
            return;
        }

        if (!options.Value.SeedDemoData)
        {
            db.Units.Add(new Unit { Code = "CQ", Name = "Cơ quan", Level = UnitLevel.Province, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow) });
            await db.SaveChangesAsync(cancellationToken);
            await FixPathsAsync(cancellationToken);
            return;
        }

        SeedUnits();
        await db.SaveChangesAsync(cancellationToken);
        await FixPathsAsync(cancellationToken);
        await SeedFieldsAndProceduresAsync(cancellationToken);
    }

    private void SeedUnits()
    {
        var rows = ReadCsv("backan-units.csv");
        Unit? province = null;
        var byGso = new Dictionary<string, Unit>();
        var usedCodes = new HashSet<string>();
        foreach (var row in rows)
        {
            var (gso, name, level, parentGso, type) = (row[0], row[1], row[2], row[3], row[4]);
            Unit unit;
            switch (level)
            {
                case "province":
                    unit = province = new Unit
                    {
                        Code = "BK", GsoCode = gso, Name = $"Công an {type} {name}", NameEn = EnglishName(type, name), AreaType = type, Level = UnitLevel.Province,
                        Address = "Đường Trường Chinh, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn",
                        Hotline = "0209 3870 336", Email = "congan@bk.citizenvoice.local",
                    };
                    break;
                case "district":
                    unit = new Unit
                    {
                        Code = DistrictCodes[gso], GsoCode = gso, Name = $"Công an {type} {name}", NameEn = EnglishName(type, name), AreaType = type,
                        Level = UnitLevel.District, Parent = province,
                    };
                    break;
                default:
                    var parent = byGso[parentGso];
                    unit = new Unit
                    {
                        Code = UniqueCode($"{parent.Code}-{Initials(name)}", usedCodes), GsoCode = gso,
                        Name = $"Công an {type} {name}", NameEn = EnglishName(type, name), AreaType = type, Level = UnitLevel.Commune, Parent = parent,
                    };
                    if (name == "Vân Tùng")
                    {
                        // A xã when the Bắc Kạn police article of 2022 (News/NewsSeed.cs) was written; a thị trấn since resolution 722/NQ-UBTVQH15.
                        unit.NameHistory.Add(new UnitNameRecord { Name = "Công an xã Vân Tùng", NameEn = EnglishName("xã", name), AreaType = "xã", ValidTo = new DateOnly(2023, 4, 10) });
                    }

                    break;
            }

            unit.ValidFrom = DemoValidFrom;
            usedCodes.Add(unit.Code);
            byGso[gso] = unit;
            db.Units.Add(unit);
        }

        foreach (var (code, name, nameEn) in Departments)
        {
            db.Units.Add(new Unit
            {
                Code = code, Name = $"{name} Công an tỉnh", NameEn = $"{nameEn}, {province!.NameEn}", Level = UnitLevel.Department, Parent = province,
                ValidFrom = DemoValidFrom,
            });
        }
    }

    private async Task SeedFieldsAndProceduresAsync(CancellationToken cancellationToken)
    {
        var fields = FieldList.Select((f, i) => new ServiceField { Code = f.Code, Name = f.Name, NameEn = f.NameEn, SortOrder = i + 1 }).ToList();
        db.Fields.AddRange(fields);
        var usedCodes = new HashSet<string>();
        var perField = new Dictionary<string, int>();
        foreach (var row in ReadCsv("police-procedures.csv"))
        {
            var (fieldCode, name, level, days, nationalCode, nameEn) = (row[0], row[1], row[2], row[3], row[4], row[6]);
            perField[fieldCode] = perField.GetValueOrDefault(fieldCode) + 1;
            var code = nationalCode.Length > 0 && !usedCodes.Contains(nationalCode) ? nationalCode : $"{fieldCode}-{perField[fieldCode]:000}";
            usedCodes.Add(code);
            db.Procedures.Add(new Procedure
            {
                Code = code,
                Name = name,
                NameEn = nameEn.Length > 0 ? nameEn : null,
                Field = fields.Single(f => f.Code == fieldCode),
                NationalCode = nationalCode.Length > 0 ? nationalCode : null,
                Levels = level switch
                {
                    "ministry" => ProcedureLevels.Ministry,
                    "province" => ProcedureLevels.Province,
                    "district" => ProcedureLevels.District,
                    "commune" => ProcedureLevels.Commune,
                    _ => ProcedureLevels.None,
                },
                ProcessingDays = int.TryParse(days, CultureInfo.InvariantCulture, out var d) ? d : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedFieldsServedAsync(fields, cancellationToken);
    }

    /// <summary>
    /// Which unit serves which field, after the levels of the seeded procedures and the departments' remits:
    /// passports (xuất nhập cảnh) are issued by the province's immigration department and seals (con dấu) by its
    /// administrative-police department, so only the province serves them — the commune and district procedures of
    /// XNC are reports of a lost passport, passed on to the province. Identity cards and residence are registered at
    /// the commune (thường trú, tạm trú, căn cước for children) and at the district and province. Vehicles are
    /// registered by the province's traffic police and the district police; only communes the province has
    /// decentralised registration to (phân cấp đăng ký xe) handle them, so none does by default — an administrator
    /// ticks it on the commune's page. Fire safety approvals and training are province and district work.
    /// The staff office (Phòng Tham mưu) receives no citizens and serves no field.
    /// </summary>
    private async Task SeedFieldsServedAsync(List<ServiceField> fields, CancellationToken cancellationToken)
    {
        string[] ByLevel(UnitLevel level) => level switch
        {
            UnitLevel.Province => ["XNC", "CON-DAU", "PCCC", "DKX", "CCCD", "CU-TRU"],
            UnitLevel.District => ["PCCC", "DKX", "CCCD", "CU-TRU"],
            UnitLevel.Commune => ["CCCD", "CU-TRU"],
            _ => [],
        };
        var departments = new Dictionary<string, string[]>
        {
            ["BK-PA08"] = ["XNC"], ["BK-PC06"] = ["CON-DAU", "CCCD", "CU-TRU"], ["BK-PC07"] = ["PCCC"], ["BK-PC08"] = ["DKX"],
        };
        var fieldIds = fields.ToDictionary(f => f.Code, f => f.Id);
        foreach (var unit in await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Level }).ToListAsync(cancellationToken))
        {
            var served = unit.Level == UnitLevel.Department ? departments.GetValueOrDefault(unit.Code, []) : ByLevel(unit.Level);
            db.UnitFields.AddRange(served.Select(code => new UnitField { UnitId = unit.Id, FieldId = fieldIds[code] }));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Paths need the generated ids, so they are written once the units exist.</summary>
    private async Task FixPathsAsync(CancellationToken cancellationToken)
    {
        var units = await db.Units.ToListAsync(cancellationToken);
        var byId = units.ToDictionary(u => u.Id);
        foreach (var unit in units)
        {
            unit.Path = UnitTree.PathOf(unit, byId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string UniqueCode(string code, HashSet<string> used)
    {
        var candidate = code;
        for (var n = 2; used.Contains(candidate); n++)
        {
            candidate = code + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>"Vân Tùng" → "VT", "Nguyễn Thị Minh Khai" → "NTMK".</summary>
    internal static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => TextFolding.Fold(w[..1]).ToUpperInvariant()));

    /// <summary>A file of <c>Data/Seed</c>, embedded in the assembly.</summary>
    internal static byte[] ReadResource(string name)
    {
        using var stream = typeof(OrganisationSeed).Assembly.GetManifestResourceStream($"CitizenVoice.Data.Seed.{name}")
            ?? throw new InvalidOperationException($"Seed file {name} is not embedded.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static List<string[]> ReadCsv(string name)
    {
        using var reader = new StreamReader(new MemoryStream(ReadResource(name)), Encoding.UTF8);
        var rows = new List<string[]>();
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(SplitCsvLine(line));
            }
        }

        return rows;
    }

    private static string[] SplitCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else { cell.Append(c); }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace CitizenVoice.Features.Organisation;

/// <summary>What a row of a reorganisation file does.</summary>
public enum ReorganisationAction
{
    Create = 1,
    Rename = 2,
    Move = 3,
    Merge = 4,
    AbolishLevel = 5,
}

/// <summary>One row of the file as written, with its line (the header is line 1).</summary>
public sealed record ReorganisationRow(
    int Line, ReorganisationAction Action, string? OldCode, string? NewCode, string? Name, string? AreaType,
    UnitLevel? Level, string? ParentCode, string? GsoCode, StaffOnClose? Staff);

/// <summary>A refused row: its line in the file and why, in Vietnamese (already localised).</summary>
public sealed record RowError(int Line, string Message);

/// <summary>
/// The reorganisation file (CSV or XLSX, the first sheet): a header row with the columns below, then one change per
/// row. Read without looking at the database; <see cref="ReorganisationPlanner"/> checks the rows against the tree.
/// </summary>
public static partial class ReorganisationFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;

    public const string Date = "NgayHieuLuc";
    public const string Action = "HanhDong";
    public const string OldCode = "MaCu";
    public const string NewCode = "MaMoi";
    public const string Name = "TenMoi";
    public const string AreaType = "LoaiDiaBan";
    public const string Level = "Cap";
    public const string ParentCode = "MaCapTren";
    public const string GsoCode = "MaGSO";
    public const string Staff = "TaiKhoan";

    public static readonly string[] Columns = [Date, Action, OldCode, NewCode, Name, AreaType, Level, ParentCode, GsoCode, Staff];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy"];

    /// <summary>The words a cell may hold, folded (no diacritics, lower case), so "Sáp nhập", "sap nhap" and "SAP-NHAP" agree.</summary>
    private static readonly Dictionary<string, ReorganisationAction> Actions = new(StringComparer.Ordinal)
    {
        ["tao moi"] = ReorganisationAction.Create, ["tao"] = ReorganisationAction.Create,
        ["doi ten"] = ReorganisationAction.Rename,
        ["chuyen cap tren"] = ReorganisationAction.Move, ["chuyen"] = ReorganisationAction.Move,
        ["sap nhap"] = ReorganisationAction.Merge, ["sap nhap vao"] = ReorganisationAction.Merge,
        ["bai bo cap"] = ReorganisationAction.AbolishLevel,
    };

    private static readonly Dictionary<string, UnitLevel> Levels = new(StringComparer.Ordinal)
    {
        ["bo"] = UnitLevel.Ministry, ["ministry"] = UnitLevel.Ministry,
        ["tinh"] = UnitLevel.Province, ["huyen"] = UnitLevel.District, ["xa"] = UnitLevel.Commune, ["phong"] = UnitLevel.Department,
        ["province"] = UnitLevel.Province, ["district"] = UnitLevel.District, ["commune"] = UnitLevel.Commune, ["department"] = UnitLevel.Department,
    };

    private static readonly Dictionary<string, StaffOnClose> StaffChoices = new(StringComparer.Ordinal)
    {
        ["chuyen"] = StaffOnClose.Move, ["khoa"] = StaffOnClose.Disable,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{2,5}$")]
    private static partial Regex GsoPattern();

    /// <summary>The file's rows, or why it cannot be read at all (a message, no rows).</summary>
    public sealed record Parsed(DateOnly? EffectiveDate, IReadOnlyList<ReorganisationRow> Rows, IReadOnlyList<RowError> Errors, string? FileError);

    /// <summary>
    /// Reads the file. <paramref name="l"/> localises each message; every problem of a row is reported with its line,
    /// and a row with any problem is left out of <see cref="Parsed.Rows"/> (so nothing of the file can be applied).
    /// </summary>
    public static Parsed Read(string fileName, byte[] content, Func<string, object[], string> l)
    {
        var type = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => ExcelType.CSV,
            ".xlsx" => ExcelType.XLSX,
            _ => (ExcelType?)null,
        };
        if (type is null)
        {
            return Failed(l("Chỉ nhận tệp .csv hoặc .xlsx.", []));
        }

        if (content.Length > MaxBytes)
        {
            return Failed(l("Tệp quá lớn: tối đa {0} MB.", [MaxBytes / 1024 / 1024]));
        }

        List<IDictionary<string, object?>> rows;
        try
        {
            using var stream = new MemoryStream(content);
            // One more than allowed is read, to tell a file that is too long without reading all of it.
            rows = [.. stream.Query(useHeaderRow: true, excelType: type.Value).Cast<IDictionary<string, object?>>().Take(MaxRows + 1)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(l("Không đọc được tệp; vui lòng dùng tệp mẫu và lưu dưới dạng .csv (UTF-8) hoặc .xlsx.", []));
        }

        if (rows.Count > MaxRows)
        {
            return Failed(l("Tệp có quá nhiều dòng: tối đa {0} dòng.", [MaxRows]));
        }

        var headers = rows.Count == 0 ? [] : rows[0].Keys.Select(k => k.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = Columns.Where(c => !headers.Contains(c)).ToList();
        if (rows.Count == 0 || missing.Count > 0)
        {
            return Failed(l("Tệp thiếu cột: {0}. Vui lòng dùng tệp mẫu.", [string.Join(", ", missing)]));
        }

        DateOnly? date = null;
        var dateLine = 0;
        var parsed = new List<ReorganisationRow>();
        var errors = new List<RowError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].ToDictionary(c => c.Key.Trim(), c => Cell(c.Value), StringComparer.OrdinalIgnoreCase);
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var line = i + 2;
            var before = errors.Count;
            string? Get(string column) => cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            void Refuse(string message, params object[] args) => errors.Add(new RowError(line, l(message, args)));

            if (Get(Date) is { } rawDate)
            {
                if (!DateOnly.TryParseExact(rawDate, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    Refuse("Cột {0}: “{1}” không phải là ngày hợp lệ (dùng dạng ngày/tháng/năm, ví dụ 01/07/2025).", Date, rawDate);
                }
                else if (date is null)
                {
                    (date, dateLine) = (day, line);
                }
                else if (date != day)
                {
                    Refuse("Ngày hiệu lực khác với ngày ở dòng {0}: mỗi tệp chỉ có một ngày hiệu lực.", dateLine);
                }
            }

            ReorganisationAction? action = null;
            if (Get(Action) is not { } rawAction)
            {
                Refuse("Thiếu hành động (cột {0}).", Action);
            }
            else if (Actions.TryGetValue(Folded(rawAction), out var known))
            {
                action = known;
            }
            else
            {
                Refuse("Hành động “{0}” không hợp lệ; dùng: Tạo mới, Đổi tên, Chuyển cấp trên, Sáp nhập, Bãi bỏ cấp.", rawAction);
            }

            UnitLevel? level = null;
            if (Get(Level) is { } rawLevel)
            {
                if (Levels.TryGetValue(Folded(rawLevel), out var knownLevel))
                {
                    level = knownLevel;
                }
                else
                {
                    Refuse("Cấp “{0}” không hợp lệ; dùng: tỉnh, huyện, xã, phòng.", rawLevel);
                }
            }

            StaffOnClose? staff = null;
            if (Get(Staff) is { } rawStaff)
            {
                if (StaffChoices.TryGetValue(Folded(rawStaff), out var choice))
                {
                    staff = choice;
                }
                else
                {
                    Refuse("Cột {0}: “{1}” không hợp lệ; dùng “chuyển” (sang đơn vị kế thừa) hoặc “khoá”.", Staff, rawStaff);
                }
            }

            foreach (var column in new[] { OldCode, NewCode, ParentCode })
            {
                if (Get(column) is { } code && !CodePattern().IsMatch(code))
                {
                    Refuse("Cột {0}: mã “{1}” chỉ gồm chữ không dấu, số và dấu gạch ngang, tối đa 40 ký tự.", column, code);
                }
            }

            if (Get(GsoCode) is { } gso && !GsoPattern().IsMatch(gso))
            {
                Refuse("Cột {0}: mã thống kê gồm 2 đến 5 chữ số.", GsoCode);
            }

            if (Get(Name) is { Length: > 200 })
            {
                Refuse("Cột {0}: tên tối đa 200 ký tự.", Name);
            }

            if (Get(AreaType) is { Length: > 40 })
            {
                Refuse("Cột {0}: tối đa 40 ký tự.", AreaType);
            }

            if (action is { } a)
            {
                // What each action needs, said by the column's name so the row can be mended.
                string[] needed = a switch
                {
                    ReorganisationAction.Create => [NewCode, Name],
                    ReorganisationAction.Rename => [OldCode, Name],
                    ReorganisationAction.Move => [OldCode, ParentCode],
                    ReorganisationAction.Merge => [OldCode, NewCode],
                    _ => [OldCode, Level],
                };
                foreach (var column in needed.Where(c => Get(c) is null))
                {
                    Refuse("Hành động này cần cột {0}.", column);
                }

                if (a == ReorganisationAction.Create && level is null)
                {
                    Refuse("Hành động này cần cột {0}.", Level);
                }
            }

            if (errors.Count == before)
            {
                parsed.Add(new ReorganisationRow(line, action!.Value, Get(OldCode), Get(NewCode), Get(Name), Get(AreaType), level, Get(ParentCode), Get(GsoCode), staff));
            }
        }

        if (date is null)
        {
            errors.Insert(0, new RowError(2, l("Thiếu ngày hiệu lực (cột {0}, ít nhất ở dòng đầu).", [Date])));
        }

        if (parsed.Count == 0 && errors.Count == 0)
        {
            return Failed(l("Tệp không có dòng dữ liệu nào.", []));
        }

        return new Parsed(date, parsed, errors, null);
    }

    private static Parsed Failed(string message) => new(null, [], [], message);

    private static string Folded(string text) => TextFolding.Fold(text).ToLowerInvariant().Replace('-', ' ').Replace('_', ' ').Trim();

    private static string? Cell(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The example rows of the template, a small version of 2025's change that reads as a real file would.</summary>
    private static IEnumerable<Dictionary<string, object?>> Example(string province, string district, string commune1, string commune2)
    {
        Dictionary<string, object?> Row(string action, string? old = null, string? @new = null, string? name = null, string? area = null,
            string? level = null, string? parent = null, string? gso = null, string? staff = null) => new()
            {
                [Date] = "2025-07-01", [Action] = action, [OldCode] = old, [NewCode] = @new, [Name] = name, [AreaType] = area,
                [Level] = level, [ParentCode] = parent, [GsoCode] = gso, [Staff] = staff,
            };
        yield return Row("Tạo mới", @new: commune1 + "-MOI", name: "Công an xã Mới", area: "xã", level: "xã", parent: district, gso: "01234");
        yield return Row("Sáp nhập", old: commune1, @new: commune1 + "-MOI", staff: "chuyển");
        yield return Row("Sáp nhập", old: commune2, @new: commune1 + "-MOI", staff: "chuyển");
        yield return Row("Bãi bỏ cấp", old: province, level: "huyện", staff: "chuyển");
    }

    public static byte[] TemplateCsv(string province, string district, string commune1, string commune2)
    {
        var text = new StringBuilder(string.Join(',', Columns)).Append("\r\n");
        foreach (var row in Example(province, district, commune1, commune2))
        {
            text.Append(string.Join(',', Columns.Select(c => row[c]?.ToString() ?? ""))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public const string GuideSheet = "Hướng dẫn";

    /// <summary>The workbook: first sheet the columns with example rows, second sheet what every column and word means.</summary>
    public static byte[] TemplateXlsx(string province, string district, string commune1, string commune2)
    {
        var guide = new List<Dictionary<string, object?>>();
        void Add(string column, string value, string meaning) => guide.Add(new() { ["Cột"] = column, ["Giá trị"] = value, ["Ý nghĩa"] = meaning });
        Add(Date, "yyyy-MM-dd", "Ngày hiệu lực của cả tệp (ví dụ 2025-07-01; cũng nhận dd/MM/yyyy). Ghi ít nhất ở dòng đầu; các dòng khác để trống hoặc ghi cùng ngày.");
        Add(Action, "Tạo mới", "Tạo đơn vị mới: cần MaMoi, TenMoi, Cap, MaCapTren (trừ cấp tỉnh); LoaiDiaBan, MaGSO nếu có.");
        Add(Action, "Đổi tên", "Đổi tên đơn vị MaCu thành TenMoi (và LoaiDiaBan nếu có); tên cũ được lưu trong lịch sử.");
        Add(Action, "Chuyển cấp trên", "Chuyển đơn vị MaCu (cùng các đơn vị cấp dưới) về dưới đơn vị MaCapTren.");
        Add(Action, "Sáp nhập", "Sáp nhập đơn vị MaCu vào đơn vị MaMoi (cùng cấp, đang hoạt động vào ngày hiệu lực); đơn vị cấp dưới chuyển theo.");
        Add(Action, "Bãi bỏ cấp", "Bãi bỏ mọi đơn vị cấp Cap dưới đơn vị MaCu; đơn vị cấp dưới của chúng chuyển lên đơn vị cấp trên.");
        Add(Level, "tỉnh, huyện, xã, phòng", "Cấp của đơn vị tạo mới, hoặc cấp bị bãi bỏ.");
        Add(Staff, "chuyển", "Tài khoản cán bộ của đơn vị bị sáp nhập hoặc bãi bỏ chuyển sang đơn vị kế thừa.");
        Add(Staff, "khoá", "Tài khoản cán bộ của đơn vị đó bị khoá. Để trống: theo lựa chọn mặc định khi tải tệp lên.");
        Add("", "", "Thứ tự áp dụng: tạo mới, đổi tên, chuyển cấp trên, sáp nhập, bãi bỏ cấp. Có dòng lỗi thì không áp dụng dòng nào.");
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object>
        {
            ["Thay đổi"] = Example(province, district, commune1, commune2).ToArray(),
            [GuideSheet] = guide,
        }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}

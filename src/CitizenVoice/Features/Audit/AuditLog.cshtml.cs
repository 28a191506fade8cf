using System.Globalization;
using System.Text.Json;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Staff;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Audit;

[Authorize(Policy = Policies.Administrator)]
public sealed class AuditLogModel(AppDb db) : PageModel
{
    /// <summary>One field of an entry: the value before (null when the entity was added) and after (null when deleted).</summary>
    public sealed record Change(string Field, string? Before, string? After);

    /// <summary>An entry as an administrator reads it: time in Vietnam, what was changed, and one line per field.</summary>
    public sealed record Row(DateTime At, string UserName, string Action, string EntityType, string EntityKey, IReadOnlyList<Change> Changes);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var entries = await db.AuditLog.AsNoTracking()
            .Where(e => string.IsNullOrEmpty(Q) || e.UserName.Contains(Q) || e.EntityKey.Contains(Q) || e.EntityType.Contains(Q))
            .OrderByDescending(e => e.Id).Take(500).ToListAsync();
        Entries = entries.Select(e => new Row(VietnamTime.Local(e.At), e.UserName, e.Action, e.EntityType, e.EntityKey, Changes(e.Before, e.After))).ToList();
    }

    public static string ActionName(string action) => action switch
    {
        "create" => "Thêm",
        "delete" => "Xóa",
        "refuse" => "Từ chối",
        _ => "Sửa",
    };

    /// <summary>What the logged entity is, in the words of the screens where it is edited.</summary>
    public static string TypeName(string type) => type switch
    {
        "Commitment" => "Cam kết",
        "DialogueSession" => "Buổi đối thoại",
        "ImportFile" => "Tệp nhập phiếu",
        "Opinion" => "Ý kiến",
        "PaperEntry" => "Phiếu giấy",
        "Procedure" => "Thủ tục hành chính",
        "Questionnaire" => "Bảng hỏi",
        "ReceptionDay" => "Ngày tiếp công dân",
        "Registration" => "Đăng ký tham dự",
        "ServiceField" => "Lĩnh vực",
        "SiteSettings" => "Cài đặt chung",
        "StaffUser" => "Tài khoản",
        "SurveyResponse" => "Phiếu khảo sát",
        "SurveyRound" => "Đợt khảo sát",
        "SurveyRoundMember" => "Thành viên đợt khảo sát",
        "SurveyRoundTarget" => "Chỉ tiêu đợt khảo sát",
        "IdentityUserRole`1" => "Vai trò của tài khoản",
        _ => type,
    };

    /// <summary>The stored before and after values (JSON objects of field → value) as one change per field.</summary>
    public static IReadOnlyList<Change> Changes(string? before, string? after)
    {
        var old = Values(before);
        var now = Values(after);
        return old.Keys.Union(now.Keys).Select(f => new Change(f, old.GetValueOrDefault(f), now.GetValueOrDefault(f))).ToList();
    }

    private static Dictionary<string, string?> Values(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = Display(property.Value);
        }

        return values;
    }

    private static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "∅",
        JsonValueKind.True => "✓",
        JsonValueKind.False => "✗",
        // Times are stored in UTC throughout; the log shows them at Vietnam time like every other screen.
        JsonValueKind.String when value.GetString() is { } text && text.Contains('T', StringComparison.Ordinal)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) =>
            VietnamTime.Local(at).ToString("g", CultureInfo.CurrentCulture),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Display)),
        // A staff member's survey entry logs its answers as question → value.
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name}: {Display(p.Value)}")),
        _ => value.GetRawText(),
    };
}

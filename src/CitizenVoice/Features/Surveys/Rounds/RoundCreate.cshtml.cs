using CitizenVoice.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>Plans a round: period, margin of error, the units and fields in scope (every pair of them) and the members.</summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class RoundCreateModel(AppDb db, UserManager<StaffUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên đợt khảo sát")]
    public string? Name { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [Display(Name = "Từ ngày")]
    public DateOnly? StartsOn { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [Display(Name = "Đến ngày")]
    public DateOnly? EndsOn { get; set; }

    [BindProperty]
    [Range(1, 20, ErrorMessage = "{0} phải từ {1} đến {2} điểm phần trăm.")]
    [Display(Name = "Sai số mong muốn (± điểm phần trăm, độ tin cậy 95%)")]
    public double MarginPoints { get; set; } = 5;

    [BindProperty]
    public List<string> UnitCodes { get; set; } = [];

    /// <summary>Every active unit of these levels (e.g. all district police), chosen with one box instead of one by one.</summary>
    [BindProperty]
    public List<Organisation.UnitLevel> Levels { get; set; } = [];

    /// <summary>Districts (by code) all of whose communes take part.</summary>
    [BindProperty]
    public List<string> CommunesOf { get; set; } = [];

    [BindProperty]
    public List<string> FieldCodes { get; set; } = [];

    [BindProperty]
    public List<string> MemberIds { get; set; } = [];

    public IReadOnlyList<Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<StaffEntryModel.Option> Fields { get; private set; } = [];
    public IReadOnlyList<StaffEntryModel.Option> Members { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        (StartsOn, EndsOn) = (today, today.AddMonths(3));
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (StartsOn > EndsOn)
        {
            ModelState.AddModelError(nameof(EndsOn), l["Ngày kết thúc phải sau ngày bắt đầu."]);
        }

        // A unit takes part when it is ticked itself, when its level is ticked, or when it is a commune of a ticked district.
        var districtIds = await db.Units.AsNoTracking().Where(u => CommunesOf.Contains(u.Code) && u.Level == Organisation.UnitLevel.District)
            .Select(u => u.Id).ToListAsync();
        var units = await db.Units.AsNoTracking()
            .Active()
            .Where(u => UnitCodes.Contains(u.Code) || Levels.Contains(u.Level)
                || (u.Level == Organisation.UnitLevel.Commune && u.ParentId != null && districtIds.Contains(u.ParentId.Value)))
            .Select(u => u.Id).ToListAsync();
        var fields = await db.Fields.AsNoTracking().Where(f => FieldCodes.Contains(f.Code) && f.IsActive).Select(f => f.Id).ToListAsync();
        // A target only where the unit serves the field: no commune can collect passport responses.
        var pairs = await db.UnitFields.AsNoTracking().Where(s => units.Contains(s.UnitId) && fields.Contains(s.FieldId)).ToListAsync();
        if (units.Count == 0)
        {
            ModelState.AddModelError(nameof(UnitCodes), l["Vui lòng chọn ít nhất một đơn vị."]);
        }

        if (fields.Count == 0)
        {
            ModelState.AddModelError(nameof(FieldCodes), l["Vui lòng chọn ít nhất một lĩnh vực."]);
        }
        else if (units.Count > 0 && pairs.Count == 0)
        {
            ModelState.AddModelError(nameof(FieldCodes), l["Các đơn vị đã chọn không giải quyết lĩnh vực nào đã chọn."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var target = SampleSize.Target(MarginPoints, null);
        var round = new SurveyRound
        {
            Name = Name!.Trim(), StartsOn = StartsOn!.Value, EndsOn = EndsOn!.Value, MarginPoints = MarginPoints,
            Targets = [.. pairs.Select(p => new SurveyRoundTarget { UnitId = p.UnitId, FieldId = p.FieldId, Target = target })],
            Members = [.. MemberIds.Where(id => Members.Any(m => m.Code == id)).Distinct().Select(id => new SurveyRoundMember { UserId = id })],
        };
        db.SurveyRounds.Add(round);
        await db.SaveChangesAsync();
        return Redirect($"/quan-tri/khao-sat/dot/{round.Id}");
    }

    private async Task LoadAsync()
    {
        UnitGroups = await Organisation.UnitChoices.ByDistrictAsync(db, HttpContext.RequestAborted);
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new StaffEntryModel.Option(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync();
        Members = [.. (await users.GetUsersInRoleAsync(Roles.SurveyTeam)).Where(u => !u.IsDisabled)
            .Select(u => new StaffEntryModel.Option(u.Id, u.FullName + " (" + u.UserName + ")")).OrderBy(u => u.Name, Infrastructure.Localisation.VietnameseOrder)];
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>Creates (/quan-tri/doi-thoai/them) or edits (/quan-tri/doi-thoai/{id}/sua) a session and moves it along its workflow.</summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Moderator},{Roles.Leader},{Roles.Administrator}")]
public sealed class SessionEditModel(AppDb db, DialogueAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(int Id, string Code, string Name);

    [FromRoute]
    public int? Id { get; set; }

    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public bool IsNew => Id is null;
    public DialogueStatus Status { get; private set; }
    public DialogueStatus? Next { get; private set; }
    public bool CanAdvance { get; private set; }
    public string? AnnouncementApprovedBy { get; private set; }
    public IReadOnlyList<Option> HostOptions { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Fields { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var session = await db.DialogueSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
            if (session is null)
            {
                return NotFound();
            }

            if (!await access.CanRunAsync(User, session.HostUnitId, ct))
            {
                return Forbid();
            }

            Input = SessionInput.From(session);
            await LoadAsync(session, ct);
        }
        else
        {
            var start = VietnamTime.Local(clock.GetUtcNow().UtcDateTime).Date.AddDays(14).AddHours(8);
            Input = new SessionInput { StartsAt = start, EndsAt = start.AddHours(3), HostUnitId = UnitScope.UnitIdOf(User) ?? 0 };
            await LoadAsync(null, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var session = Id is { } id ? await db.DialogueSessions.SingleOrDefaultAsync(s => s.Id == id, ct) : null;
        if (Id is not null && session is null)
        {
            return NotFound();
        }

        if (session is not null && !await access.CanRunAsync(User, session.HostUnitId, ct))
        {
            return Forbid();
        }

        if (!await access.CanRunAsync(User, Input.HostUnitId, ct))
        {
            ModelState.AddModelError("Input.HostUnitId", l["Vui lòng chọn đơn vị chủ trì trong phạm vi quản lý của bạn."]);
        }

        if (Input.EndsAt <= Input.StartsAt)
        {
            ModelState.AddModelError("Input.EndsAt", l["Thời gian kết thúc phải sau thời gian bắt đầu."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(session, ct);
            return Page();
        }

        if (session is null)
        {
            session = new DialogueSession { Title = Input.Title, Status = DialogueStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.DialogueSessions.Add(session);
        }

        Input.ApplyTo(session);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = l["Đã lưu buổi đối thoại."].Value;
        return Redirect($"/quan-tri/doi-thoai/{session.Id}/sua");
    }

    /// <summary>Moves the session one step along draft → announced → … → minutes published.</summary>
    public async Task<IActionResult> OnPostAdvanceAsync(CancellationToken ct)
    {
        var session = await db.DialogueSessions.SingleOrDefaultAsync(s => s.Id == Id, ct);
        if (session is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, session.HostUnitId, ct))
        {
            return Forbid();
        }

        if (DialogueWorkflow.Next(session.Status) is not { } next)
        {
            return Redirect($"/quan-tri/doi-thoai/{session.Id}/sua");
        }

        if (DialogueWorkflow.NeedsLeader(session.Status) && !await access.CanApproveAnnouncementAsync(User, session.HostUnitId))
        {
            ModelState.AddModelError("", l["Chỉ lãnh đạo đơn vị chủ trì hoặc cấp trên được duyệt thông báo buổi đối thoại."]);
            Input = SessionInput.From(session);
            await LoadAsync(session, ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (next == DialogueStatus.Announced)
        {
            session.AnnouncedAt = now;
            session.AnnouncementApprovedBy = User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity?.Name;
        }

        session.Status = next;
        await db.SaveChangesAsync(ct);
        if (next == DialogueStatus.MinutesPublished)
        {
            // Contacts were kept only to answer; once the minutes are out their purpose has ended (Law 91/2025), except
            // for the authors of questions whose promises are still being carried out: they are told when it is done,
            // and their contact goes later (DialogueContactRetention).
            await db.Opinions.Where(o => o.SessionId == session.Id && o.ProtectedContact != null
                    && !db.Commitments.Any(c => (c.OpinionId == o.Id || c.OpinionId == o.MergedIntoId)
                        && (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress)))
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.ProtectedContact, (string?)null), ct);
            await db.Registrations.Where(r => r.SessionId == session.Id && r.ProtectedPhone != null)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ProtectedPhone, (string?)null), ct);
        }

        TempData["Message"] = l["Buổi đối thoại chuyển sang trạng thái: {0}.", l[DialogueText.Status(next)]].Value;
        return Redirect($"/quan-tri/doi-thoai/{session.Id}/sua");
    }

    private async Task LoadAsync(DialogueSession? session, CancellationToken ct)
    {
        if (session is not null)
        {
            Status = session.Status;
            Next = DialogueWorkflow.Next(session.Status);
            AnnouncementApprovedBy = session.AnnouncementApprovedBy;
            CanAdvance = Next is not null && (!DialogueWorkflow.NeedsLeader(session.Status) || await access.CanApproveAnnouncementAsync(User, session.HostUnitId));
        }

        var scope = await access.ScopePathAsync(User, ct) ?? "-";
        var hosts = db.Units.Where(u => u.Path.StartsWith(scope) && u.Level != UnitLevel.Department);
        var units = await hosts.AsNoTracking().Active()
            .Select(u => new Option(u.Id, u.Code, u.Name)).ToListAsync(ct);
        HostOptions = [.. units.OrderBy(u => u.Code, StringComparer.Ordinal)];
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, hosts, ct);
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).ToDictionaryAsync(f => f.Code, f => f.Name, ct);
    }
}

public sealed class SessionInput
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(300, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên buổi đối thoại")]
    public string Title { get; set; } = "";

    [StringLength(4000, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Nội dung")]
    public string? Content { get; set; }

    [Display(Name = "Đơn vị chủ trì")]
    public int HostUnitId { get; set; }

    [Display(Name = "Lĩnh vực")]
    public List<string> FieldCodes { get; set; } = [];

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(300, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Chủ trì")]
    public string Chair { get; set; } = "";

    [StringLength(2000, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Cán bộ trả lời (mỗi người một dòng)")]
    public string? Officials { get; set; }

    [Display(Name = "Hình thức")]
    public DialogueFormat Format { get; set; } = DialogueFormat.InPerson;

    [StringLength(300, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Địa điểm")]
    public string? Venue { get; set; }

    [Display(Name = "Bắt đầu")]
    public DateTime StartsAt { get; set; }

    [Display(Name = "Kết thúc")]
    public DateTime EndsAt { get; set; }

    [Range(0, 100000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Đại biểu Đảng ủy, cấp ủy")]
    public int? DelegatesPartyCommittee { get; set; }

    [Range(0, 100000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Đại biểu Hội đồng nhân dân")]
    public int? DelegatesPeoplesCouncil { get; set; }

    [Range(0, 100000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Đại biểu Ủy ban nhân dân")]
    public int? DelegatesPeoplesCommittee { get; set; }

    [Range(0, 100000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Đại diện các thôn, bản, tổ dân phố")]
    public int? DelegatesVillages { get; set; }

    [Range(0, 100000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Đại diện tổ chức, hộ kinh doanh")]
    public int? DelegatesBusinesses { get; set; }

    [Range(0, 100000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Người dân")]
    public int? DelegatesCitizens { get; set; }

    [Range(0, 10000000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Lượt người tham gia trực tuyến")]
    public int? Participants { get; set; }

    [Range(0, 1000000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Số ý kiến theo báo cáo (khi chưa nhập đủ vào sổ)")]
    public int? RecordedOpinions { get; set; }

    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Thư ký ghi biên bản")]
    public string? MinutesSecretary { get; set; }

    [StringLength(2000, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Ghi chú về việc ký biên bản (ai không ký, lý do)")]
    public string? SignatureNote { get; set; }

    public static SessionInput From(DialogueSession s) => new()
    {
        Title = s.Title, Content = s.Content, HostUnitId = s.HostUnitId, FieldCodes = [.. s.FieldCodes], Chair = s.Chair,
        Officials = s.Officials, Format = s.Format, Venue = s.Venue,
        StartsAt = VietnamTime.Local(s.StartsAt), EndsAt = VietnamTime.Local(s.EndsAt),
        DelegatesPartyCommittee = s.DelegatesPartyCommittee, DelegatesPeoplesCouncil = s.DelegatesPeoplesCouncil,
        DelegatesPeoplesCommittee = s.DelegatesPeoplesCommittee, DelegatesVillages = s.DelegatesVillages,
        DelegatesBusinesses = s.DelegatesBusinesses, DelegatesCitizens = s.DelegatesCitizens,
        Participants = s.Participants, RecordedOpinions = s.RecordedOpinions,
        MinutesSecretary = s.MinutesSecretary, SignatureNote = s.SignatureNote,
    };

    public void ApplyTo(DialogueSession s)
    {
        s.Title = Title.Trim();
        s.Content = Content?.Trim() ?? "";
        s.HostUnitId = HostUnitId;
        s.FieldCodes = FieldCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
        s.Chair = Chair.Trim();
        s.Officials = Blank(Officials);
        s.Format = Format;
        s.Venue = Blank(Venue);
        s.StartsAt = VietnamTime.ToUtc(StartsAt);
        s.EndsAt = VietnamTime.ToUtc(EndsAt);
        s.DelegatesPartyCommittee = DelegatesPartyCommittee;
        s.DelegatesPeoplesCouncil = DelegatesPeoplesCouncil;
        s.DelegatesPeoplesCommittee = DelegatesPeoplesCommittee;
        s.DelegatesVillages = DelegatesVillages;
        s.DelegatesBusinesses = DelegatesBusinesses;
        s.DelegatesCitizens = DelegatesCitizens;
        s.Participants = Participants;
        s.RecordedOpinions = RecordedOpinions;
        s.MinutesSecretary = Blank(MinutesSecretary);
        s.SignatureNote = Blank(SignatureNote);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using CitizenVoice.Features.Audit;

namespace CitizenVoice.Features.Organisation;

/// <summary>A police unit (đơn vị): the ministry, a province, a district, a commune, or a department.</summary>
public sealed class Unit : IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    /// <summary>The General Statistics Office code of the area the unit serves, when it has one.</summary>
    public string? GsoCode { get; set; }
    public required string Name { get; set; }
    /// <summary>The name shown in English ("Ngân Sơn District Police"); empty shows the Vietnamese one.</summary>
    public string? NameEn { get; set; }
    /// <summary>Administrative type of the area (tỉnh, huyện, thành phố, xã, phường, thị trấn).</summary>
    public string? AreaType { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }
    /// <summary>Ids from the root down to this unit, e.g. "/1/4/37/": subtree queries are a prefix match.</summary>
    public string Path { get; set; } = "/";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// <summary>Set when the unit was merged into another; the successor's reports can include this unit's history.</summary>
    public int? SuccessorId { get; set; }
    public Unit? Successor { get; set; }
    public string? Address { get; set; }
    public string? Hotline { get; set; }
    public string? Email { get; set; }

    public bool IsActive => ValidTo is null && SuccessorId is null;
    public List<UnitNameRecord> NameHistory { get; set; } = [];
    public List<UnitParentRecord> ParentHistory { get; set; } = [];

    string IAudited.AuditKey => Code;
}

public enum UnitLevel
{
    Province = 1,
    District = 2,
    Commune = 3,
    Department = 4,
    /// <summary>
    /// The ministry (Bộ Công an) above the provinces, when one deployment serves the whole country. Numbered after the
    /// others because the numbers are stored (units, and the rollups' per-level scopes are computed from them).
    /// </summary>
    Ministry = 5,
}

/// <summary>A former name or type of a unit (Vân Tùng was a xã until 2023-04-10, a thị trấn since).</summary>
public sealed class UnitNameRecord
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    /// <summary>
    /// The English name the unit had then; empty (records written before English names were kept) makes one from
    /// the Vietnamese name where it has the usual shape.
    /// </summary>
    public string? NameEn { get; set; }
    public string? AreaType { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
}

/// <summary>
/// A former parent of a unit (the communes of an abolished district were under it until 2025-03-01, under the province
/// since): a move or a merge on a known date writes one, so the tree a past period had can still be told.
/// </summary>
public sealed class UnitParentRecord
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The parent until <see cref="ValidTo"/>; null when the unit was a root.</summary>
    public int? ParentId { get; set; }
    public DateOnly ValidTo { get; set; }
}

using CitizenVoice.Features.Audit;

namespace CitizenVoice.Features.Organisation;

/// <summary>A service field (lĩnh vực) such as căn cước or đăng ký xe.</summary>
public sealed class ServiceField : IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    string IAudited.AuditKey => Code;
}

/// <summary>An administrative procedure (thủ tục hành chính) of a field.</summary>
public sealed class Procedure : IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The name shown in English; empty shows the Vietnamese one.</summary>
    public string? NameEn { get; set; }
    public int FieldId { get; set; }
    public ServiceField? Field { get; set; }
    /// <summary>The national procedure code (mã thủ tục trên Cổng dịch vụ công), when known.</summary>
    public string? NationalCode { get; set; }
    public ProcedureLevels Levels { get; set; }
    /// <summary>Processing time in working days, when a source states it.</summary>
    public int? ProcessingDays { get; set; }
    public bool IsActive { get; set; } = true;

    string IAudited.AuditKey => Code;
}

[Flags]
public enum ProcedureLevels
{
    None = 0,
    Ministry = 1,
    Province = 2,
    District = 4,
    Commune = 8,
}

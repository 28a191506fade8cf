using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Infrastructure;
using CitizenVoice.Features.Shared;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Surveys;

public static class SurveyPolicies
{
    /// <summary>Members of the independent survey team (Tổ khảo sát độc lập).</summary>
    public const string SurveyTeam = "SurveyTeam";

    /// <summary>Who drafts, publishes and assigns questionnaires: the survey team and administrators.</summary>
    public const string Questionnaires = "Questionnaires";
}

public static class SurveysSetup
{
    public static IHostApplicationBuilder AddSurveys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.ReceiptKey) || IsKey(o.ReceiptKey), "Surveys:ReceiptKey must be base64 of at least 32 bytes.")
            .Validate(o => o.KeepContactAfterRound >= TimeSpan.Zero, "Surveys:KeepContactAfterRound cannot be negative.")
            .Validate(o => o.WriterQueueCapacity >= 10, "Surveys:WriterQueueCapacity must be at least 10.")
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ReceiptHasher>();
        builder.Services.AddScoped<QuestionnaireCatalog>();
        builder.Services.AddScoped<Organisation.IUnitRecords, SurveyUnitRecords>();
        builder.Services.AddScoped<SurveyIndependence>();
        builder.Services.AddScoped<SurveyRecorder>();
        builder.Services.AddSingleton<SurveyWriter>();
        builder.Services.AddHealthChecks().AddCheck<SurveyWriterHealthCheck>("survey-writer", tags: ["ready"]);
        builder.Services.AddSingleton<SurveyDirectory>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, SurveyDirectory.Invalidation>();
        builder.Services.AddRollups();
        builder.Services.AddScoped<SurveyRules>();
        builder.Services.AddScoped<PaperDoubleEntry>();
        builder.Services.AddScoped<SpreadsheetImport>();
        builder.Services.AddScoped<KioskRecorder>();
        builder.Services.AddRetentionRule<SurveyContactRetention>();
        builder.Services.AddRetentionRule<SurveyDraftRetention>();
        builder.Services.AddScoped<ISeeder, SurveysSeed>();
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions
            .AllowAnonymousToPage("/Surveys/Intake/SurveyStart").AllowAnonymousToPage("/Surveys/Intake/SurveyForm")
            .AllowAnonymousToPage("/Surveys/Intake/SurveyThanks").AllowAnonymousToPage("/Surveys/Intake/Kiosk")
            .AllowAnonymousToPage("/Surveys/Intake/SurveySteps"));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SurveyPolicies.SurveyTeam, p => p.RequireRole(Roles.SurveyTeam).RequireClaim(Organisation.UnitScope.UnitClaim))
            .AddPolicy(SurveyPolicies.Questionnaires, p => p.RequireRole(Roles.SurveyTeam, Roles.Administrator).RequireClaim(Organisation.UnitScope.UnitClaim));

        builder.Services.AddSingleton(new PublicArea(20, "Khảo sát sự hài lòng",
            "Đánh giá mức độ hài lòng của Ông/Bà khi giải quyết thủ tục hành chính – không cần cung cấp thông tin cá nhân.", "/khao-sat"));
        builder.Services.AddSingleton(new StaffArea(30, "Nhập phiếu khảo sát",
            "Nhập phiếu qua điện thoại, thư điện tử (chỉ cho đơn vị ngoài đơn vị mình).", "/quan-tri/khao-sat/nhap", Roles.SurveyTeam));
        builder.Services.AddSingleton(new StaffArea(31, "Nhập phiếu giấy (nhập hai lần)",
            "Mỗi phiếu giấy được hai thành viên khác nhau nhập; phiếu chỉ được ghi nhận khi hai lần nhập khớp nhau.", "/quan-tri/khao-sat/phieu-giay", Roles.SurveyTeam));
        builder.Services.AddSingleton(new StaffArea(32, "Đối chiếu phiếu giấy",
            "Phiếu giấy có hai lần nhập khác nhau: người thứ ba xem đối chiếu và chọn giá trị đúng.", "/quan-tri/khao-sat/doi-chieu", Roles.SurveyTeam));
        builder.Services.AddSingleton(new StaffArea(33, "Phiếu giấy và áp phích",
            "In phiếu khảo sát giấy (trắng hoặc điền sẵn) và áp phích mã QR cho quầy tiếp nhận hồ sơ.", "/quan-tri/khao-sat/in", Roles.SurveyTeam));
        builder.Services.AddSingleton(new StaffArea(34, "Nhập phiếu từ tệp",
            "Nhập nhiều phiếu từ tệp CSV hoặc XLSX theo mẫu: kiểm tra từng dòng, chỉ nhập khi Ông/Bà xác nhận.", "/quan-tri/khao-sat/nhap-tep", Roles.SurveyTeam));
        builder.Services.AddSingleton(new StaffArea(29, "Đợt khảo sát",
            "Lập đợt khảo sát: thời gian, đơn vị và lĩnh vực, chỉ tiêu số phiếu theo sai số mong muốn, thành viên; theo dõi tiến độ theo kênh.", "/quan-tri/khao-sat/dot", Roles.SurveyTeam));
        builder.Services.AddSingleton(new StaffArea(28, "Bảng hỏi",
            "Soạn phiên bản mới của bảng hỏi, xem trước, phát hành; chọn bảng hỏi cho từng lĩnh vực và kênh.", "/quan-tri/khao-sat/bang-hoi", Roles.SurveyTeam, Roles.Administrator));
        builder.Services.AddSingleton(new StaffArea(35, "Kiểm tra số liệu tổng hợp",
            "Đối chiếu bảng tổng hợp với phiếu gốc và báo cáo chênh lệch.", "/quan-tri/khao-sat/kiem-tra", Roles.Administrator));
        return builder;
    }

    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        app.MapSurveysApi();
        app.MapSurveyQrCode();
        app.MapSurveyPrintouts();
        app.MapSurveyImportTemplates();
        return app;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }
}

using CitizenVoice.Features.Access;
using CitizenVoice.Features.Shared;

namespace CitizenVoice.Features.Satisfaction;

public static class SatisfactionSetup
{
    public static IHostApplicationBuilder AddSatisfaction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SatisfactionReport>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.AllowAnonymousToPage("/Satisfaction/PublicResults"));
        builder.Services.AddScoped<SyntheticResponses>();
        builder.Services.AddScoped<Data.ISeeder, SatisfactionDemoSeed>();
        builder.Services.AddSingleton(new StaffArea(40, "Kết quả đo lường sự hài lòng",
            "Chỉ số hài lòng của đơn vị và các đơn vị trực thuộc, xu hướng, xếp hạng, xuất báo cáo.", "/quan-tri/ket-qua-hai-long") { ForRatedUnits = true });
        builder.Services.AddSingleton(new PublicArea(25, "Kết quả hài lòng",
            "Kết quả đo lường sự hài lòng của người dân, tổ chức với từng đơn vị, từng lĩnh vực – kèm số phiếu và độ tin cậy.", "/ket-qua-khao-sat"));
        return builder;
    }

    public static IEndpointRouteBuilder MapSatisfaction(this IEndpointRouteBuilder app)
    {
        app.MapSatisfactionApi();
        app.MapResultsExport();
        return app;
    }
}

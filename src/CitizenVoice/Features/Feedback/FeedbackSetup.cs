using CitizenVoice.Features.Shared;
using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Feedback;

/// <summary>Feedback (góp ý, phản ánh, kiến nghị): received from citizens and staff, routed, answered in working days.</summary>
public static class FeedbackSetup
{
    /// <summary>The roles that handle feedback of their unit; the independent survey team does not.</summary>
    public static readonly string[] HandlerRoles = [Roles.Administrator, Roles.Leader, Roles.Officer, Roles.Moderator];

    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<FeedbackWorkflow>();
        builder.Services.AddScoped<FeedbackReminders>();
        builder.Services.AddHostedService<FeedbackReminderService>();
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions
            .AllowAnonymousToPage("/Feedback/FeedbackForm").AllowAnonymousToPage("/Feedback/FeedbackSent").AllowAnonymousToPage("/Feedback/FeedbackTracking"));
        builder.Services.AddSingleton(new PublicArea(30, "Góp ý, phản ánh, kiến nghị", "Gửi góp ý, phản ánh, kiến nghị không cần tài khoản và theo dõi việc giải quyết bằng mã theo dõi.", "/phan-anh-kien-nghi"));
        builder.Services.AddSingleton(new StaffArea(45, "Góp ý, phản ánh, kiến nghị", "Tiếp nhận, chuyển, trả lời trong thời hạn ngày làm việc; việc gần đến hạn và quá hạn.", "/quan-tri/phan-anh-kien-nghi", HandlerRoles));
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        app.MapFeedbackApi();
        return app;
    }
}

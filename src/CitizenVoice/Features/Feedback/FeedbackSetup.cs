using CitizenVoice.Features.Access;
using CitizenVoice.Features.Shared;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Feedback;

/// <summary>Feedback (góp ý, phản ánh, kiến nghị): received from citizens and staff, routed, answered in working days.</summary>
public static class FeedbackSetup
{
    /// <summary>The roles that handle feedback of their unit; the independent survey team does not.</summary>
    public static readonly string[] HandlerRoles = [Roles.Administrator, Roles.Leader, Roles.Officer, Roles.Moderator];

    /// <summary>Who reviews and publishes questions and answers ("Hỏi đáp").</summary>
    public static readonly string[] ModeratorRoles = [Roles.Administrator, Roles.Leader, Roles.Moderator];

    /// <summary>Who reads the feedback figures of their unit and the units under it.</summary>
    public static readonly string[] FigureRoles = [Roles.Administrator, Roles.Leader];

    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<FeedbackWorkflow>();
        builder.Services.AddScoped<Organisation.IUnitRecords, FeedbackUnitRecords>();
        builder.Services.AddScoped<AnswerPublishing>();
        builder.Services.AddScoped<FeedbackReminders>();
        builder.Services.AddHostedService<FeedbackReminderService>();
        builder.Services.AddRetentionRule<FeedbackContactRetention>();
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions
            .AllowAnonymousToPage("/Feedback/FeedbackForm").AllowAnonymousToPage("/Feedback/FeedbackSent").AllowAnonymousToPage("/Feedback/FeedbackTracking")
            .AllowAnonymousToPage("/Feedback/QuestionsPage").AllowAnonymousToPage("/Feedback/QuestionPage"));
        builder.Services.AddSingleton(new PublicFeed(30, QuestionsFeed.Title, QuestionsFeed.Path));
        builder.Services.AddSingleton(new PublicArea(30, "Góp ý, phản ánh, kiến nghị", "Gửi góp ý, phản ánh, kiến nghị không cần tài khoản và theo dõi việc giải quyết bằng mã theo dõi.", "/phan-anh-kien-nghi"));
        builder.Services.AddSingleton(new StaffArea(45, "Góp ý, phản ánh, kiến nghị", "Tiếp nhận, chuyển, trả lời trong thời hạn ngày làm việc; việc gần đến hạn và quá hạn.", "/quan-tri/phan-anh-kien-nghi", HandlerRoles));
        builder.Services.AddSingleton(new StaffArea(46, "Số liệu góp ý, phản ánh, kiến nghị",
            "Tiếp nhận theo loại, kênh, lĩnh vực; trả lời đúng hạn, quá hạn; mức độ hài lòng của đơn vị và các đơn vị trực thuộc; xuất báo cáo.",
            FeedbackFiguresModel.Path, FigureRoles));
        builder.Services.AddSingleton(new StaffArea(47, "Hỏi đáp chờ đăng", "Xem lại và đăng câu hỏi, câu trả lời mà người gửi đồng ý công khai.",
            "/quan-tri/phan-anh-kien-nghi/hoi-dap", ModeratorRoles));
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        app.MapFeedbackApi();
        app.MapQuestionsFeed();
        app.MapFeedbackFiguresExport();
        return app;
    }
}

using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Shared;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Dialogues;

public static class DialoguesSetup
{
    public static IHostApplicationBuilder AddDialogues(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISeeder, DialogueSeed>();
        builder.Services.AddScoped<Organisation.IUnitRecords, DialogueUnitRecords>();
        builder.Services.AddScoped<ISeeder, ReceptionDaySeed>();
        builder.Services.AddScoped<DialogueAccess>();
        builder.Services.AddSingleton<ContactProtector>();
        builder.Services.AddScoped<LiveRoom>();
        builder.Services.AddSingleton<ViewerCounter>();
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 })
        {
            builder.Services.AddHostedService<ViewerSharePublisher>();
        }
        builder.Services.AddOptions<OverdueReminderOptions>().BindConfiguration(OverdueReminderOptions.Section)
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.RemindAgainAfter > TimeSpan.Zero, "Dialogues:Reminders needs a positive Interval and RemindAgainAfter.")
            .ValidateOnStart();
        builder.Services.AddScoped<OverdueReminders>();
        builder.Services.AddScoped<AnswerWork>();
        builder.Services.AddScoped<OverdueAnswerReminders>();
        builder.Services.AddOptions<DialogueRetentionOptions>().BindConfiguration(DialogueRetentionOptions.Section)
            .Validate(o => o.KeepRegistrantPhoneAfterSession >= TimeSpan.Zero && o.KeepQuestionContactAfterFollowUp >= TimeSpan.Zero,
                "Dialogues:Retention periods cannot be negative.")
            .ValidateOnStart();
        builder.Services.AddRetentionRule<DialogueContactRetention>();
        builder.Services.AddSingleton(new PublicFeed(10, DialogueAnswersFeed.Title, DialogueAnswersFeed.Path));
        builder.Services.AddHostedService<OverdueReminderService>();
        var signalR = builder.Services.AddSignalR();
        // Several copies of the app behind a load balancer: Redis carries each live-room message to every copy's viewers.
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("citizenvoice"));
        }
        builder.Services.AddSingleton(new PublicArea(10, "Đối thoại", "Lịch đối thoại với Nhân dân, gửi câu hỏi, xem trả lời và kết quả thực hiện cam kết.", "/doi-thoai"));
        builder.Services.AddSingleton(new StaffArea(30, "Đối thoại", "Lịch đối thoại, điều phối ý kiến, trả lời, cam kết và biên bản.", "/quan-tri/doi-thoai",
            Roles.Moderator, Roles.Leader, Roles.Administrator));
        builder.Services.AddSingleton(new StaffArea(31, "Cam kết sau đối thoại", "Việc đã hứa với Nhân dân: quá hạn, đang thực hiện.", "/quan-tri/doi-thoai/cam-ket",
            Roles.Moderator, Roles.Leader, Roles.Administrator, Roles.Officer));
        builder.Services.AddSingleton(new StaffArea(33, "Việc được giao", "Câu hỏi của Nhân dân giao đơn vị trả lời bằng văn bản: dự thảo, lãnh đạo duyệt, công bố.", AnswerWork.Path,
            Roles.Officer, Roles.Leader));
        builder.Services.AddSingleton(new StaffArea(32, "Sổ tiếp công dân", "Ngày lãnh đạo tiếp công dân; đơn vị chưa đối thoại, chưa tiếp công dân đủ ngày.", "/quan-tri/tiep-cong-dan",
            Roles.Moderator, Roles.Leader, Roles.Administrator));
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Dialogues/Sessions/SessionEdit", "/quan-tri/doi-thoai/{id:int}/sua")
            .AllowAnonymousToPage("/Dialogues/Sessions/Sessions").AllowAnonymousToPage("/Dialogues/Sessions/Session")
            .AllowAnonymousToPage("/Dialogues/LiveRoom/LiveRoomPage").AllowAnonymousToPage("/Dialogues/Figures/Figures")
            .AllowAnonymousToPage("/Dialogues/Questions/QuestionSent").AllowAnonymousToPage("/Dialogues/Questions/QuestionTracking")
            .AllowAnonymousToPage("/Dialogues/Questions/RegistrationCard"));
        return builder;
    }

    public static IEndpointRouteBuilder MapDialogues(this IEndpointRouteBuilder app)
    {
        app.MapDialoguesApi();
        // Citizens watch the live room; the hub checks staff actions itself (DialogueAccess).
        app.MapHub<LiveRoomHub>(LiveRoomHub.Path).AllowAnonymous();
        app.MapGet("/doi-thoai/lich.ics", DialogueCalendar.FeedAsync).AllowAnonymous().WithTags("Dialogues")
            .WithName("GetDialogueCalendar").WithSummary("iCalendar feed of announced and past dialogues.");
        app.MapGet(DialogueAnswersFeed.Path, DialogueAnswersFeed.GetAsync).AllowAnonymous().RequireRateLimiting(RateLimits.ApiRead).WithTags("Dialogues")
            .WithName("GetDialogueAnswersFeed").WithSummary("RSS feed of the newest answers given to citizens' questions in dialogues.");
        app.MapGet("/doi-thoai/{id:int}/bien-ban.pdf", MinutesDocument.PublishedPdfAsync).AllowAnonymous().RequireRateLimiting(RateLimits.ApiRead)
            .WithTags("Dialogues").WithName("GetPublishedDialogueMinutes")
            .WithSummary("The published minutes of a dialogue as PDF (no citizen's name or contact); 404 until the minutes are published.");
        app.MapGet("/quan-tri/doi-thoai/{id:int}/bien-ban.docx", MinutesDocument.DownloadDocxAsync)
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet("/quan-tri/doi-thoai/{id:int}/bien-ban.pdf", MinutesDocument.DownloadPdfAsync)
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        return app;
    }
}

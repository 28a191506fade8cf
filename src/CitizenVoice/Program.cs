using CitizenVoice.Data;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Features.Contacts;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Features.News;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Satisfaction;
using CitizenVoice.Features.Settings;
using CitizenVoice.Features.Staff;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Features.Visitors;
using CitizenVoice.Infrastructure;
using CitizenVoice.Infrastructure.Email;

var builder = WebApplication.CreateBuilder(args);

builder.AddDatabase();
builder.AddRedis();
builder.AddTelemetry();
builder.AddWeb();
builder.AddLocalisation();
builder.AddRateLimits();
builder.AddEmail();
builder.AddSettings();
builder.AddCalendar();
builder.AddContacts();
builder.AddStaff();
builder.AddOrganisation();
builder.AddSurveys();
builder.AddSatisfaction();
builder.AddDialogues();
builder.AddFeedback();
builder.AddNews();
builder.AddVisitors();

var app = builder.Build();

app.UseWeb();
app.UseVisitorCounting();
app.MapWeb();
app.MapSettings();
app.MapCalendar();
app.MapContacts();
app.MapStaff();
app.MapOrganisation();
app.MapSurveys();
app.MapSatisfaction();
app.MapDialogues();
app.MapFeedback();
app.MapNews();

// `dotnet CitizenVoice.dll migrate`: a deployment's one step before starting its copies (Database:MigrateOnStart off).
if (args is ["migrate", ..])
{
    await app.MigrateDatabaseAsync();
    return;
}

await app.InitialiseDatabaseAsync();
await app.RunAsync();

/// <summary>Visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;

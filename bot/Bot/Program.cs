using Bot.AppPackage;
using Bot.AuditExport;
using Bot.Calendar.Feed;
using Bot.Calendar.Tab;
using Bot.Calendar.TabPage;
using Bot.Delivery;
using Bot.Digest;
using Bot.FailedDeliveries;
using Bot.Help;
using Bot.Hosting;
using Bot.Metrics;
using Bot.Persistence;
using Bot.Privacy;
using Bot.Protocol.Hosting;
using Bot.Posts;
using Bot.Reminders;
using Bot.Scheduling;
using Bot.Staffing;
using Bot.Telemetry;
using Bot.Turns;
using Bot.Webhooks;

// Building the Teams app package needs no host, settings or database, so it runs before any of them.
if (args is ["package", .. var packageArguments])
{
    return AppPackageCommand.Run(packageArguments, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRepositorySettingsFile();

builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddPersistence(builder.Configuration);
builder.Services.AddDelivery();
builder.Services.AddTurns();
builder.Services.AddStaffing();
builder.Services.AddPosts();
builder.Services.AddFailedDeliveries();
builder.Services.AddPrivacy();
builder.Services.AddExports();
builder.Services.AddUserSuppliedUrls();
builder.Services.AddWebhooks();
builder.Services.AddScheduling(builder.Configuration);
builder.Services.AddReminders();
builder.Services.AddEngagementMetrics();
builder.Services.AddDigest();
builder.Services.AddCalendarTab(builder.Configuration);
builder.Services.AddCalendarFeed();
// Installation observers hear in this order: the digest is scheduled for a new team before the welcome is sent.
builder.Services.AddHelp();
builder.Services.AddProblemDetails();
builder.Services.AddReadiness();

var app = builder.Build();
if (args is ["import-metrics", .. var importArguments])
{
    return await MetricsImportCommand.RunAsync(app.Services, importArguments, Console.Out, Console.Error);
}

app.UseExceptionHandler();
app.MapBotMessages("/api/messages").WithTurnTelemetry();
app.MapAuditDownloads();
app.MapPersonalDataDownloads();
app.MapMetrics();
app.MapDigestChart();
app.MapCalendarTab();
app.MapCalendarTabPage();
app.MapCalendarFeed();
app.MapHealth();
app.MapLandingPage("/");
app.Run();
return 0;

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;

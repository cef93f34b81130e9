using Bot.AuditExport;
using Bot.Delivery;
using Bot.Digest;
using Bot.FailedDeliveries;
using Bot.Help;
using Bot.Hosting;
using Bot.Posts;
using Bot.Privacy;
using Bot.Protocol.Builder;
using Bot.Reminders;
using Bot.Staffing;
using Bot.Teams;
using Bot.Webhooks;

namespace Bot.Turns;

internal static class ChatServiceCollectionExtensions
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ConversationDirectory>();
        services.AddScoped<TeamDirectory>();
        services.AddScoped<TeamRoster>();
        services.AddScoped<AssignmentService>();
        services.AddScoped<StaffingOverview>();
        services.AddScoped<Notifier>();
        services.AddScoped<TeamCommands>();
        services.AddScoped<ReviewSettingsStore>();
        services.AddScoped<PostWorkflow>();
        services.AddScoped<PostChat>();
        services.AddScoped<ICardAction, CreatePostAction>();
        services.AddScoped<ICardAction, SubmitPostAction>();
        services.AddScoped<ICardAction, EditPostAction>();
        services.AddScoped<ICardAction, ApprovePostAction>();
        services.AddScoped<ICardAction, RequestChangesAction>();
        services.AddScoped<ICardAction, RejectPostAction>();
        services.AddScoped<ICardAction, RefreshPostCardAction>();
        services.AddScoped<ICardAction, ShowHelpAction>();
        services.AddScoped<ICardAction, RecordAbsenceAction>();
        services.AddScoped<PrivacyCommands>();
        services.AddScoped<ICardAction, ErasePersonAction>();
        services.AddScoped<ReviewSettingsChat>();
        services.AddScoped<AuditExportChat>();
        services.AddScoped<WebhookChat>();
        services.AddScoped<ICardAction, SaveReviewSettingsAction>();
        services.AddScoped<ReminderChat>();
        services.AddScoped<ICardAction, MarkPublishedAction>();
        services.AddScoped<ICardAction, MoveSlotAction>();
        services.AddScoped<ICardAction, WithdrawAfterMissedSlotAction>();
        services.AddScoped<ICardAction, SaveReminderSettingsAction>();
        services.AddScoped<DigestChat>();
        services.AddScoped<ICardAction, SaveDigestSettingsAction>();
        services.AddScoped<DeliveryChat>();
        services.AddScoped<ICardAction, RetryDeliveryAction>();
        services.AddScoped<CardActionDispatcher>();
        services.AddScoped<IBot, SocialMediaBot>();
        services.AddSingleton<ITurnErrorHandler, ApologyOnTurnError>();
        return services;
    }
}

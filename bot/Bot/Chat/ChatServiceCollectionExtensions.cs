using Bot.Chat.CardActions;
using Bot.Delivery;
using Bot.Protocol.Builder;

namespace Bot.Chat;

internal static class ChatServiceCollectionExtensions
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ConversationDirectory>();
        services.AddSingleton<ICardAction, ShowHelpAction>();
        services.AddSingleton<CardActionDispatcher>();
        services.AddScoped<IBot, SocialMediaBot>();
        services.AddSingleton<ITurnErrorHandler, ApologyOnTurnError>();
        return services;
    }
}

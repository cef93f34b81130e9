using Bot.Delivery;
using Bot.Hosting;
using Bot.Protocol.Builder;
using Bot.Teams;

namespace Bot.Turns;

internal static class TurnsServiceCollectionExtensions
{
    /// <summary>
    /// The turn edge: the bot, the router and every command handler and card action the catalogs found, so a new
    /// handler needs no registration line of its own.
    /// </summary>
    public static IServiceCollection AddTurns(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ConversationDirectory>();
        services.AddSingleton<RecentlyRemembered>();
        services.AddScoped<TeamDirectory>();
        services.AddScoped<TeamRoster>();
        services.AddScoped<Notifier>();
        services.AddScoped<TurnActors>();
        services.AddScoped<CommandRouter>();
        foreach (var handler in CommandCatalog.HandlerTypes)
        {
            services.AddScoped(handler);
        }

        foreach (var (action, _) in CardActionCatalog.All.Values)
        {
            services.AddScoped(action);
        }

        services.AddScoped<IBot, SocialMediaBot>();
        services.AddSingleton<ITurnErrorHandler, ApologyOnTurnError>();
        return services;
    }
}

using Bot.Turns;

namespace Bot.Help;

internal static class HelpServiceCollectionExtensions
{
    public static IServiceCollection AddHelp(this IServiceCollection services) =>
        services.AddScoped<IInstallationObserver, WelcomeOnInstall>();
}

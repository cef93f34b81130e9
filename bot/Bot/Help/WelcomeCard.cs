using System.Collections.Concurrent;
using System.Globalization;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Help;

/// <summary>The card the bot posts once when it is added to a team, a group chat or a personal chat.</summary>
public static class WelcomeCard
{
    // Built once per language and shared, as the help card is; nothing changes a card after it is built.
    private static readonly ConcurrentDictionary<(string UiCulture, string Culture), AdaptiveCard> Built = new();

    public static AdaptiveCard Create() =>
        Built.GetOrAdd((CultureInfo.CurrentUICulture.Name, CultureInfo.CurrentCulture.Name), static _ => Build());

    private static AdaptiveCard Build() => new()
    {
        Body =
        [
            new TextBlock(Texts.WelcomeTitle) { Size = "Large", Weight = "Bolder" },
            new TextBlock(Texts.WelcomeIntro),
            new TextBlock(Texts.WelcomeGetStarted),
            new ActionSet
            {
                Actions = [new ActionExecute { Title = Texts.ShowCommandsButton, Verb = ShowHelpAction.Verb }],
            },
        ],
    };
}

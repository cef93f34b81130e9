using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Help;

/// <summary>The card the bot posts once when it is added to a team, a group chat or a personal chat.</summary>
public static class WelcomeCard
{
    public static AdaptiveCard Create(BotTexts texts) => new()
    {
        Body =
        [
            new TextBlock(texts.WelcomeTitle) { Size = "Large", Weight = "Bolder" },
            new TextBlock(texts.WelcomeIntro),
            new TextBlock(texts.WelcomeGetStarted),
            new ActionSet
            {
                Actions = [new ActionExecute { Title = texts.ShowCommandsButton, Verb = ShowHelpAction.Verb }],
            },
        ],
    };
}

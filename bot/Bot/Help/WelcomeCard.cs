using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Help;

/// <summary>The card the bot posts once when it is added to a team, a group chat or a personal chat.</summary>
public static class WelcomeCard
{
    public static AdaptiveCard Create() => new()
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

using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Help;

/// <summary>The command list, in the reader's language, built from <see cref="CommandCatalog"/>.</summary>
public static class HelpCard
{
    public static AdaptiveCard Create()
    {
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock(Texts.HelpTitle) { Size = "Large", Weight = "Bolder" },
                new TextBlock(Texts.HelpIntro),
                new TextBlock(Texts.HelpCommandsHeading) { Weight = "Bolder", Spacing = "Medium" },
                new FactSet
                {
                    Facts = [.. CommandCatalog.All.Select(command => new Fact(command.UsageIn(), command.Description()))],
                },
            ],
        };
    }
}

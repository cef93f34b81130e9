using System.Collections.Concurrent;
using System.Globalization;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Help;

/// <summary>The command list, in the reader's language, built from <see cref="CommandCatalog"/>.</summary>
public static class HelpCard
{
    // The card depends on the language only (every reader sees every command), so each language's card is built once;
    // a built card is shared and never changed afterwards: replies and invoke answers only serialise it.
    private static readonly ConcurrentDictionary<(string UiCulture, string Culture), AdaptiveCard> Built = new();

    public static AdaptiveCard Create() =>
        Built.GetOrAdd((CultureInfo.CurrentUICulture.Name, CultureInfo.CurrentCulture.Name), static _ => Build());

    private static AdaptiveCard Build() => new()
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

using System.Text.Json;
using Bot.Help;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Schema;
using Bot.Turns;

namespace Bot.Tests;

public sealed class CardTests
{
    [Fact]
    public void Help_card_lists_every_command_in_the_readers_language()
    {
        var german = BotLanguage.In(BotLanguage.German, () => Texts(HelpCard.Create()));
        var english = BotLanguage.In(BotLanguage.English, () => Texts(HelpCard.Create()));

        foreach (var command in CommandCatalog.All)
        {
            Assert.Contains(german, text => text.StartsWith(command.German, StringComparison.Ordinal));
            Assert.Contains(english, text => text.StartsWith(command.English, StringComparison.Ordinal));
            Assert.Contains(BotLanguage.In(BotLanguage.German, command.Description), german);
        }

        Assert.Contains("Was ich kann", german);
        Assert.Contains("What I can do", english);
    }

    [Fact]
    public void Help_and_welcome_cards_are_built_once_per_language_and_stay_in_that_language()
    {
        var germanHelp = BotLanguage.In(BotLanguage.German, HelpCard.Create);
        var englishHelp = BotLanguage.In(BotLanguage.English, HelpCard.Create);
        var germanWelcome = BotLanguage.In(BotLanguage.German, WelcomeCard.Create);

        Assert.Same(germanHelp, BotLanguage.In(BotLanguage.German, HelpCard.Create));
        Assert.Same(englishHelp, BotLanguage.In(BotLanguage.English, HelpCard.Create));
        Assert.Same(germanWelcome, BotLanguage.In(BotLanguage.German, WelcomeCard.Create));
        Assert.NotSame(germanHelp, englishHelp);
        Assert.Contains("Was ich kann", Texts(BotLanguage.In(BotLanguage.German, HelpCard.Create)));
        Assert.Contains("What I can do", Texts(BotLanguage.In(BotLanguage.English, HelpCard.Create)));
        Assert.Contains("Befehle anzeigen", JsonSerializer.Serialize(BotLanguage.In(BotLanguage.German, WelcomeCard.Create), ProtocolJson.Options));
    }

    [Fact]
    public void Welcome_card_offers_the_command_list_as_a_universal_action()
    {
        using var language = BotLanguage.Use(BotLanguage.English);
        var card = WelcomeCard.Create();

        var button = card.Body.OfType<ActionSet>().Single().Actions.OfType<ActionExecute>().Single();
        Assert.Equal(ShowHelpAction.Verb, button.Verb);
        Assert.Equal("Show commands", button.Title);
    }

    private static List<string> Texts(AdaptiveCard card)
    {
        var json = JsonSerializer.SerializeToElement(card, ProtocolJson.Options);
        var texts = new List<string>();
        Collect(json, texts);
        return texts;
    }

    private static void Collect(JsonElement element, List<string> texts)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Name is "text" or "title" or "value")
                {
                    texts.Add(property.Value.GetString()!);
                }

                Collect(property.Value, texts);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, texts);
            }
        }
    }
}

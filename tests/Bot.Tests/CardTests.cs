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

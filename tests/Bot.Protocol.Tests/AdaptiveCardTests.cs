using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Schema;

namespace Bot.Protocol.Tests;

public sealed class AdaptiveCardTests
{
    [Fact]
    public void Card_serialises_with_type_names_version_and_schema()
    {
        var card = new AdaptiveCard
        {
            Body = [new TextBlock("Hallo") { Weight = "Bolder" }, new FactSet { Facts = [new Fact("hilfe", "Zeigt Befehle")] }],
        };

        var json = Serialize(card);

        Assert.Equal("AdaptiveCard", json["type"]!.GetValue<string>());
        Assert.Equal("1.5", json["version"]!.GetValue<string>());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", json["$schema"]!.GetValue<string>());
        Assert.Equal("TextBlock", json["body"]![0]!["type"]!.GetValue<string>());
        Assert.True(json["body"]![0]!["wrap"]!.GetValue<bool>());
        Assert.Equal("FactSet", json["body"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("hilfe", json["body"]![1]!["facts"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_action_carries_an_equivalent_submit_fallback_with_the_verb_in_its_data()
    {
        var card = new AdaptiveCard
        {
            Body = [new ActionSet { Actions = [new ActionExecute { Title = "Freigeben", Verb = "post.approve", Data = { ["postId"] = 7 } }] }],
        };

        var action = Serialize(card)["body"]![0]!["actions"]![0]!;

        Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
        Assert.Equal("post.approve", action["verb"]!.GetValue<string>());
        Assert.Equal(7, action["data"]!["postId"]!.GetValue<int>());
        var fallback = action["fallback"]!;
        Assert.Equal("Action.Submit", fallback["type"]!.GetValue<string>());
        Assert.Equal("Freigeben", fallback["title"]!.GetValue<string>());
        Assert.Equal("post.approve", fallback["data"]!["verb"]!.GetValue<string>());
        Assert.Equal(7, fallback["data"]!["postId"]!.GetValue<int>());
    }

    [Fact]
    public void Refresh_names_its_action_type_and_user_ids()
    {
        var card = new AdaptiveCard
        {
            Refresh = new CardRefresh { Action = new ActionExecute { Title = "Refresh", Verb = "post.refresh" }, UserIds = ["29:anna"] },
        };

        var refresh = Serialize(card)["refresh"]!;

        Assert.Equal("Action.Execute", refresh["action"]!["type"]!.GetValue<string>());
        Assert.Equal("29:anna", refresh["userIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Card_attachment_uses_the_adaptive_card_content_type()
    {
        var attachment = new AdaptiveCard().ToAttachment();

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var activity = JsonNode.Parse(new Activity { Type = "message", Attachments = [attachment] }.ToJson())!;
        Assert.Equal("AdaptiveCard", activity["attachments"]![0]!["content"]!["type"]!.GetValue<string>());
    }

    private static JsonNode Serialize(AdaptiveCard card) => JsonNode.Parse(JsonSerializer.Serialize(card, ProtocolJson.Options))!;
}

using System.Text.Json.Nodes;

namespace Bot.EndToEndTests;

/// <summary>A person of the Playground's world, as playground/.m365agentsplayground.yml defines them.</summary>
public sealed record PlaygroundPerson(string Id, string Name, string AadObjectId)
{
    public static PlaygroundPerson Anna { get; } = new("29:user-anna", "Anna Schmidt", "6d2f6a8e-2f1e-4a71-9a4e-0f1a2b3c4d01");
    public static PlaygroundPerson Ben { get; } = new("29:user-ben", "Ben Wagner", "6d2f6a8e-2f1e-4a71-9a4e-0f1a2b3c4d02");
    public static PlaygroundPerson Clara { get; } = new("29:user-clara", "Clara Vogel", "6d2f6a8e-2f1e-4a71-9a4e-0f1a2b3c4d03");
}

/// <summary>
/// Someone of the "Social Media" team who works in German. The Playground's own UI stamps every activity <c>en-US</c>,
/// so what they type and click goes through its custom-activity API with <c>de-DE</c>, shaped as Teams sends it (the
/// bot @mentioned in the channel, the team in <c>channelData</c>); what the bot answers shows in the open pages like
/// anything else, and the tests read it there.
/// </summary>
public sealed class GermanTeamMember(PlaygroundEnvironment environment, PlaygroundPerson person)
{
    public const string Locale = "de-DE";
    public const string TeamId = "19:social-media-general@thread.tacv2";
    public const string GeneralChannelId = TeamId;
    private const string TenantId = "5b1f9c4e-7a2d-4e8b-9c3f-1d2e3f4a5b6c";
    private const string BotId = "28:00000000-0000-0000-0000-000000000b07";
    private const string BotName = "Social Media Bot";

    public PlaygroundPerson Person { get; } = person;

    /// <summary>A channel post in General that @mentions the bot before <paramref name="command"/>.</summary>
    public Task SayInChannelAsync(string command) => SendAsync(GeneralChannelId, activity =>
    {
        var mention = $"<at>{BotName}</at>";
        activity["type"] = "message";
        activity["text"] = $"{mention} {command}";
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = mention,
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        });
        activity["channelData"] = TeamChannelData();
    });

    /// <summary>A message in this person's personal chat with the bot (the Playground has one, Anna's).</summary>
    public Task SayInPersonalChatAsync(string conversationId, string command) => SendAsync(conversationId, activity =>
    {
        activity["type"] = "message";
        activity["text"] = command;
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } };
    });

    /// <summary>A click on a card button in the General channel: the <c>Action.Execute</c> invoke Teams sends with the card's data and inputs.</summary>
    public Task ClickInChannelAsync(string verb, JsonObject data) => SendAsync(GeneralChannelId, activity =>
    {
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        activity["channelData"] = TeamChannelData();
    });

    private Task SendAsync(string conversationId, Action<JsonObject> shape) =>
        environment.SendCustomActivityAsync(conversationId, activity =>
        {
            activity["from"] = new JsonObject { ["id"] = Person.Id, ["name"] = Person.Name, ["aadObjectId"] = Person.AadObjectId };
            activity["locale"] = Locale;
            shape(activity);
            return activity;
        });

    private static JsonObject TeamChannelData() => new()
    {
        ["tenant"] = new JsonObject { ["id"] = TenantId },
        ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Social Media" },
        ["channel"] = new JsonObject { ["id"] = GeneralChannelId, ["name"] = "General" },
    };
}

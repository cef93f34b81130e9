using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Schema;

namespace Bot.Protocol.Tests;

/// <summary>
/// The wire types are served by the generated serialisers, and these write exactly what reflection wrote before them:
/// the same bytes for activities, every card element and action, and invoke answers.
/// </summary>
public sealed class ProtocolJsonContextTests
{
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static TheoryData<Type> WireTypes() =>
    [
        typeof(Activity), typeof(AdaptiveCard), typeof(AdaptiveCardInvokeResponse), typeof(AdaptiveCardInvokeValue),
        typeof(TeamsChannelData), typeof(ResourceResponse), typeof(ConversationParameters), typeof(Mention), typeof(TextBlock),
    ];

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Wire_types_come_from_the_generated_context(Type type) =>
        Assert.IsType<ProtocolJsonContext>(ProtocolJson.Options.GetTypeInfo(type).OriginatingResolver);

    [Fact]
    public void A_reply_with_a_card_of_every_element_and_action_is_written_byte_for_byte_as_reflection_wrote_it()
    {
        var reply = Activity.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "channel-message-with-mention.json"))).CreateReply("hi");
        reply.Attachments = [EveryPart().ToAttachment()];
        reply.Entities = [Entity.From(new Mention { Mentioned = new ChannelAccount("29:1", "Anna"), Text = "<at>Anna</at>" })];
        reply.ChannelData = new TeamsChannelData { Notification = new NotificationInfo { Alert = true } };

        Assert.Equal(JsonSerializer.Serialize(reply, Reflection), reply.ToJson());
    }

    [Fact]
    public void Invoke_answers_are_written_byte_for_byte_as_reflection_wrote_them()
    {
        object[] answers =
        [
            AdaptiveCardInvokeResponse.Card(EveryPart()),
            AdaptiveCardInvokeResponse.Message("done"),
            AdaptiveCardInvokeResponse.Error(400, "BadRequest", "no"),
        ];

        foreach (var answer in answers)
        {
            Assert.Equal(JsonSerializer.Serialize(answer, answer.GetType(), Reflection), JsonSerializer.Serialize(answer, answer.GetType(), ProtocolJson.Options));
        }
    }

    [Fact]
    public void Recorded_activities_read_the_same_through_both()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "*.json"))
        {
            var json = File.ReadAllText(file);
            var generated = JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options)!;
            var reflected = JsonSerializer.Deserialize<Activity>(json, Reflection)!;

            Assert.Equal(JsonSerializer.Serialize(reflected, Reflection), generated.ToJson());
        }
    }

    private static AdaptiveCard EveryPart() => new()
    {
        Version = "1.5",
        Msteams = new TeamsCardProperties { Width = "Full" },
        Refresh = new CardRefresh { Action = new ActionExecute { Title = "r", Verb = "refresh", Data = { ["postId"] = 7 } }, UserIds = ["29:1"] },
        Body =
        [
            new TextBlock("title") { Size = "Large", Weight = "Bolder", IsSubtle = true },
            new FactSet { Facts = [new Fact("a", "b")] },
            new Container { Style = "emphasis", Items = [new TextBlock("inside")] },
            new ColumnSet { Columns = [new Column { Width = "auto", Items = [new Image { Url = "https://example.com/a.png", AltText = "a" }] }] },
            new ActionSet { Actions = [new ActionOpenUrl { Title = "open", Url = "https://example.com/" }] },
            new InputText { Id = "text", Label = "Text", IsMultiline = true, MaxLength = 10 },
            new InputChoiceSet { Id = "choice", Choices = [new Choice("One", "1")], IsMultiSelect = false },
            new InputDate { Id = "date", Min = "2026-12-01" },
            new InputTime { Id = "time", Value = "09:00" },
            new InputToggle { Id = "toggle", Title = "Yes" },
        ],
        Actions =
        [
            new ActionExecute { Title = "Approve", Verb = "post.approve", Style = "positive", Data = { ["postId"] = 7, ["revision"] = "3", ["flag"] = true } },
            new ActionSubmit { Title = "Send", Data = { ["k"] = "v" } },
            new ActionShowCard { Title = "More", Card = new AdaptiveCard { Body = [new TextBlock("more")] } },
        ],
    };
}

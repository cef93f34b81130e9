using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Protocol.Schema;

namespace Bot.Protocol.Tests;

public sealed class ActivitySerializationTests
{
    public static TheoryData<string> RecordedActivities() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "*.json").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(RecordedActivities))]
    public void Recorded_Teams_activity_round_trips_without_losing_any_field(string file)
    {
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file));

        var written = Activity.Parse(original).ToJson();

        AssertSameJson(JsonNode.Parse(original), JsonNode.Parse(written), "$");
    }

    [Fact]
    public void An_attachment_whose_content_is_a_type_of_the_product_is_written_like_any_other()
    {
        // The protocol layer knows no product type; a file card's content, say, must still go out as written.
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [new Attachment { ContentType = "application/vnd.microsoft.teams.file.download.info", Content = new { downloadUrl = "https://files.example/x.csv", uniqueId = "1", fileType = "csv" } }],
        };

        var written = JsonNode.Parse(activity.ToJson())!;

        Assert.Equal("https://files.example/x.csv", (string?)written["attachments"]![0]!["content"]!["downloadUrl"]);
    }

    [Fact]
    public void Unknown_fields_are_kept_in_properties_and_written_back()
    {
        var activity = Activity.Parse("""{"type":"message","text":"hi","futureField":{"a":[1,2]},"conversation":{"id":"a:1","brandNew":"x"}}""");

        Assert.Equal("""{"a":[1,2]}""", activity.Properties!["futureField"].GetRawText());
        Assert.Equal("x", activity.Conversation!.Properties!["brandNew"].GetString());
        var written = JsonNode.Parse(activity.ToJson())!;
        Assert.Equal(2, written["futureField"]!["a"]!.AsArray().Count);
        Assert.Equal("x", written["conversation"]!["brandNew"]!.GetValue<string>());
    }

    [Fact]
    public void Teams_channel_data_is_read_typed()
    {
        var activity = Load("conversation-update-bot-added-to-team.json");

        var channelData = activity.GetChannelData<TeamsChannelData>()!;

        Assert.Equal("19:team-general@thread.tacv2", channelData.Team!.Id);
        Assert.Equal("Social Media", channelData.Team.Name);
        Assert.Equal("teamMemberAdded", channelData.EventType);
        Assert.Equal("19:team-general@thread.tacv2", channelData.Settings!.SelectedChannel!.Id);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", activity.GetTenantId());
    }

    [Fact]
    public void Invoke_value_is_read_as_adaptive_card_invoke_value()
    {
        var value = Load("invoke-adaptive-card-action.json").GetValue<AdaptiveCardInvokeValue>()!;

        Assert.Equal("Action.Execute", value.Action!.Type);
        Assert.Equal("help.show", value.Action.Verb);
        Assert.Equal(42, value.Action.Data!.Value.GetProperty("postId").GetInt32());
        Assert.Equal("manual", value.Trigger);
    }

    [Fact]
    public void Outbound_activity_leaves_out_empty_fields()
    {
        var json = JsonNode.Parse(new Activity { Type = ActivityTypes.Message, Text = "Hallo" }.ToJson())!.AsObject();

        Assert.Equal(["type", "text"], json.Select(property => property.Key));
    }

    internal static Activity Load(string file) =>
        Activity.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file)));

    /// <summary>
    /// Structural equality, where two strings that both denote the same instant count as equal: "…28.511Z" may come back
    /// as "…28.511+00:00", which loses nothing.
    /// </summary>
    private static void AssertSameJson(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                break;
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual);
                Assert.True(
                    expectedObject.Select(p => p.Key).Order().SequenceEqual(actualObject.Select(p => p.Key).Order()),
                    $"{path}: properties differ: expected [{string.Join(",", expectedObject.Select(p => p.Key))}], got [{string.Join(",", actualObject.Select(p => p.Key))}]");
                foreach (var (name, value) in expectedObject)
                {
                    AssertSameJson(value, actualObject[name], $"{path}.{name}");
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.Equal(expectedArray.Count, actualArray.Count);
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertSameJson(expectedArray[i], actualArray[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.NotNull(actual);
                if (expected.GetValueKind() == JsonValueKind.String && actual.GetValueKind() == JsonValueKind.String
                    && DateTimeOffset.TryParse(expected.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var expectedInstant)
                    && expected.GetValue<string>().Contains('T', StringComparison.Ordinal))
                {
                    Assert.Equal(expectedInstant, DateTimeOffset.Parse(actual.GetValue<string>(), CultureInfo.InvariantCulture));
                    Assert.Equal(expectedInstant.Offset, DateTimeOffset.Parse(actual.GetValue<string>(), CultureInfo.InvariantCulture).Offset);
                }
                else
                {
                    Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
                }

                break;
        }
    }
}

using System.Net;
using System.Text;

namespace Bot.IntegrationTests;

/// <summary>The status codes of the SDK's CloudAdapter, so Teams and monitoring see what they expect.</summary>
public sealed class ProtocolStatusTests(BotApplication bot) : IClassFixture<BotApplication>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_verbs_get_405(string method)
    {
        using var client = bot.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"type\":")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"\"}")]
    [InlineData("{\"type\":42}")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}")]
    public async Task Body_without_an_activity_type_gets_400_and_no_body(string body)
    {
        using var client = bot.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unknown_activity_type_is_accepted_with_200()
    {
        var activity = bot.Activities.PersonalMessage("ignored");
        activity.Type = "somethingTeamsAddsLater";

        var response = await bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unhandled_invoke_name_gets_501_without_a_body()
    {
        var activity = bot.Activities.CardAction("help.show");
        activity.Name = "composeExtension/query";

        var response = await bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}

/// <summary>Bad input gets a 4xx, never a 500, and the bot keeps serving.</summary>
public sealed class BadInputTests(BotApplication bot) : IClassFixture<BotApplication>
{
    public static TheoryData<string, byte[], int> Corpus() => new()
    {
        { "1 MB of text", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('x', 1024 * 1024) + "\"}"), 413 },
        { "just over the limit", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('x', Bot.Protocol.Hosting.CloudAdapter.MaxActivityBytes) + "\"}"), 413 },
        { "nested 10 000 deep", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"value\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), 400 },
        { "invalid UTF-8", [.. Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")], 400 },
        { "a number for the conversation", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"conversation\":42}"), 400 },
        { "an array for the attachments' content type", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"attachments\":[{\"contentType\":[1]}]}"), 400 },
        { "a truncated body", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"hal"), 400 },
        { "a JSON string", Encoding.UTF8.GetBytes("\"message\""), 400 },
        { "null", Encoding.UTF8.GetBytes("null"), 400 },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_bodies_get_a_4xx_and_the_bot_keeps_serving(string what, byte[] body, int expectedStatus)
    {
        using var client = bot.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync("/api/messages", content);

        Assert.True(expectedStatus == (int)response.StatusCode, $"{what}: expected {expectedStatus}, got {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(bot.Activities.PersonalMessage("help"))).StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_without_length_is_still_limited()
    {
        using var client = bot.CreateClient();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('x', 300 * 1024) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;

        var response = await client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}

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

using System.Net;
using System.Text.Json;
using Bot.Testing;

namespace Bot.IntegrationTests.Calendar;

/// <summary>
/// Issue 19: without <c>MicrosoftAppId</c> the tab signs in with the development sign-in, on this machine only: it says
/// so, lists the people the bot knows, and mints a short-lived token for one of them that the tab API accepts from
/// loopback and from nowhere else.
/// </summary>
public sealed class TabDevelopmentSignInTests : IAsyncLifetime
{
    private static readonly IPAddress Elsewhere = IPAddress.Parse("192.0.2.10");
    private readonly BotApplication _bot = BotApplication.WithoutAuthentication();

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        _bot.Connector.Members.AddRange([TeamsActivities.Anna, TeamsActivities.Ben]);
        var install = _bot.Activities.InstallationAdded(inTeam: true);
        install.From = TeamsActivities.Anna;
        var installed = await _bot.SendFromAsync(IPAddress.Loopback, install);
        Assert.Equal(200, installed.Response.StatusCode);
        var role = await _bot.SendFromAsync(IPAddress.Loopback, _bot.Activities.ChannelCommand("role <at>Ben Wagner</at> editor", TeamsActivities.Anna, [TeamsActivities.Ben], "en-US"));
        Assert.Equal(200, role.Response.StatusCode);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task On_loopback_the_mode_is_development_with_the_people_the_bot_knows_and_a_token_signs_one_in()
    {
        var mode = await ReadAsync(await _bot.Server.SendAsync(c => TabApiTests.Request(c, IPAddress.Loopback, "GET", "/api/tab/auth-mode")));
        Assert.Equal("development", mode.GetProperty("mode").GetString());
        var people = mode.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("id").GetString(), p.GetProperty("name").GetString())).ToList();
        Assert.Equal([(TeamsActivities.Anna.AadObjectId, "Anna Schmidt"), (TeamsActivities.Ben.AadObjectId, "Ben Wagner")], people);

        var issued = await ReadAsync(await _bot.Server.SendAsync(c => TabApiTests.Request(c, IPAddress.Loopback, "POST", "/api/tab/dev-token", $"{{\"id\":\"{TeamsActivities.Ben.AadObjectId}\"}}")));
        var token = issued.GetProperty("token").GetString()!;
        var teams = await ReadAsync(await _bot.Server.SendAsync(c => TabApiTests.Request(c, IPAddress.Loopback, "GET", "/api/tab/teams", token: token)));

        var team = Assert.Single(teams.EnumerateArray().ToList());
        Assert.Equal(TeamsActivities.TeamId, team.GetProperty("id").GetString());
        Assert.Equal("editor", team.GetProperty("role").GetString());
    }

    [Fact]
    public async Task From_another_machine_there_is_no_development_sign_in_and_a_development_token_counts_for_nothing()
    {
        var token = (await ReadAsync(await _bot.Server.SendAsync(c => TabApiTests.Request(c, IPAddress.Loopback, "POST", "/api/tab/dev-token", $"{{\"id\":\"{TeamsActivities.Ben.AadObjectId}\"}}"))))
            .GetProperty("token").GetString()!;

        var mode = await _bot.Server.SendAsync(c => TabApiTests.Request(c, Elsewhere, "GET", "/api/tab/auth-mode"));
        var devToken = await _bot.Server.SendAsync(c => TabApiTests.Request(c, Elsewhere, "POST", "/api/tab/dev-token", $"{{\"id\":\"{TeamsActivities.Ben.AadObjectId}\"}}"));
        var teams = await _bot.Server.SendAsync(c => TabApiTests.Request(c, Elsewhere, "GET", "/api/tab/teams", token: token));

        Assert.Equal(404, mode.Response.StatusCode);
        Assert.Equal(404, devToken.Response.StatusCode);
        Assert.Equal(401, teams.Response.StatusCode);
    }

    [Fact]
    public async Task A_person_the_bot_does_not_know_gets_no_token_and_a_token_of_another_process_is_refused()
    {
        var stranger = await _bot.Server.SendAsync(c => TabApiTests.Request(c, IPAddress.Loopback, "POST", "/api/tab/dev-token", "{\"id\":\"7e2a1b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b\"}"));
        var malformed = await _bot.Server.SendAsync(c => TabApiTests.Request(c, IPAddress.Loopback, "POST", "/api/tab/dev-token", "{\"id\":"));
        // Signed with a key this process never had: what a token from an earlier run, or made up, amounts to.
        var otherProcess = new Bot.Calendar.Tab.DevelopmentSignIn(TimeProvider.System).TokenFor(TeamsActivities.Ben.AadObjectId!, "Ben Wagner");
        var teams = await _bot.Server.SendAsync(c => TabApiTests.Request(c, IPAddress.Loopback, "GET", "/api/tab/teams", token: otherProcess));

        Assert.Equal(404, stranger.Response.StatusCode);
        Assert.Equal(400, malformed.Response.StatusCode);
        Assert.Equal(401, teams.Response.StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        Assert.Equal(200, context.Response.StatusCode);
        return JsonDocument.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync()).RootElement.Clone();
    }
}

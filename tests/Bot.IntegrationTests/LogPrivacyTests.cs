using System.Net;
using System.Text.Json;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// A works council asks whether the bot's logs say what people wrote. They must not: a whole conversation — commands,
/// a draft, a review with comments, an unknown command, a connector failure — is run with every log category at Trace,
/// and the captured lines are searched for the texts and names that went through.
/// </summary>
public sealed class LogPrivacyTests : IAsyncLifetime
{
    private const string Title = "Geheimprojekt Zitronenfalter";
    private const string Body = "Unser Quartalsumsatz steigt um 17 Prozent, Details folgen am Montag.";
    private const string Comment = "Bitte die Zahl mit Finanzabteilung Schwarzwald abstimmen.";
    private const string Nonsense = "kompletter unsinn mit buchstabensalat";

    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly BotApplication _bot = new()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)),
        Logs = new CapturedLogs(),
    };

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task No_message_text_card_content_name_or_secret_reaches_the_logs()
    {
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
        await SayAsync("away <at>Clara Vogel</at> 2026-12-20..2026-12-24 cover <at>Anna Schmidt</at>", Anna, Clara, Anna);
        await SayAsync(Nonsense, Ben);
        var personal = _bot.Activities.PersonalMessage("hilfe " + Nonsense, "de-DE");
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(personal)).StatusCode);

        var channelId = await _bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        await InvokeAsync(Action("post.create", Ben, new Dictionary<string, string?>
        {
            ["title"] = Title,
            ["text"] = Body,
            ["socialChannels"] = channelId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["plannedDate"] = "2026-11-25",
            ["plannedTime"] = "10:30",
            ["tag"] = "zitronenfalter",
        }));
        var postId = await _bot.WithDatabaseAsync(db => db.Posts.Select(p => p.Id).SingleAsync());
        await InvokeAsync(Action("post.submit", Ben, PostData(postId, revision: 0)));

        // A metrics key is made and used, with a row naming an account the team does not have: neither reaches the logs.
        var before = _bot.Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.PersonalMessage("metrics key create Geheimtool"))).StatusCode);
        var key = System.Text.RegularExpressions.Regex.Match(string.Join("\n", _bot.Connector.Calls.Skip(before).Select(c => c.VisibleText)), "smb_[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(key);
        using (var client = _bot.CreateClient())
        {
            foreach (var row in new[] { "\"instagram @contoso_de\"", "\"instagram @geheimkonto\"" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/metrics")
                {
                    Content = new StringContent($"{{\"metrics\":[{{\"socialChannel\":{row},\"date\":\"2026-11-22\",\"metric\":\"reach\",\"value\":5}}]}}", System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                Assert.True((await client.SendAsync(request)).StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest);
            }
        }

        // A failed delivery logs its failure: still without the text it tried to deliver.
        _bot.Connector.FailNext(500, times: 10);
        await InvokeAsync(Action("post.requestChanges", Clara, PostData(postId, revision: 1, Comment)));
        Assert.Equal(PostStatus.ChangesRequested, await _bot.WithDatabaseAsync(db => db.Posts.Select(p => p.Status).SingleAsync()));

        var logs = string.Join("\n", _bot.Logs!.Lines);
        Assert.NotEmpty(_bot.Logs.Lines);
        Assert.Contains("failed on attempt", logs, StringComparison.Ordinal);
        string[] forbidden =
        [
            Title, Body, Comment, Nonsense, "Zitronenfalter", "Quartalsumsatz", "Schwarzwald",
            Anna.Name!, Ben.Name!, Clara.Name!, "@contoso_de",
            BotApplication.AppPassword, "Bearer ", "eyJ", key, key[4..], "Geheimtool", "geheimkonto",
        ];
        Assert.All(forbidden, text => Assert.DoesNotContain(text, logs, StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, string?> PostData(Guid postId, int revision, string? comment = null) => new()
    {
        ["postId"] = postId.ToString("D"),
        ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["comment"] = comment,
    };

    private Activity Action(string verb, ChannelAccount from, Dictionary<string, string?> data)
    {
        var activity = _bot.Activities.CardAction(verb, data, inChannel: true);
        activity.From = from;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        return activity;
    }

    private async Task InvokeAsync(Activity activity)
    {
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var response = await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

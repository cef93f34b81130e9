using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bot.IntegrationTests;

/// <summary>Payloads the fuzzer (<see cref="FuzzTests"/>) once answered with a 500, kept so they stay answered.</summary>
public sealed class FuzzFindingsTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly BotApplication _bot = new();

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task An_absence_command_from_a_team_with_an_overlong_id_and_a_mention_named_by_a_number_gets_no_500()
    {
        // Seed 1957294086, request 20708.
        var payload = JsonNode.Parse(_bot.Activities.ChannelCommand("away <at>Ben Wagner</at> 2026-12-20..2027-01-06 cover <at>Clara Vogel</at>", Anna, [Ben, Clara]).ToJson())!;
        payload["entities"]![2]!["mentioned"]!["name"] = -1114237772;
        payload["channelData"]!["team"]!["id"] = new string('x', 16_000);

        var before = _bot.Connector.Calls.Count;
        var status = await PostAsync(payload);

        // The connector knows no team by that id (414 for the overlong path): nobody of that name, said as such.
        Assert.Equal(200, status);
        var reply = Assert.Single(_bot.Connector.Calls.Skip(before));
        Assert.Contains("Ben Wagner", reply.VisibleText, StringComparison.Ordinal);
        Assert.Empty(await _bot.WithDatabaseAsync(db => db.Absences.ToListAsync()));
    }

    [Fact]
    public async Task The_absence_form_for_a_team_the_connector_does_not_know_comes_without_names_instead_of_a_500()
    {
        var payload = JsonNode.Parse(_bot.Activities.ChannelCommand("away", Anna).ToJson())!;
        payload["channelData"]!["team"]!["id"] = new string('x', 16_000);
        var before = _bot.Connector.Calls.Count;

        var status = await PostAsync(payload);

        Assert.Equal(200, status);
        Assert.Single(_bot.Connector.Calls.Skip(before));
    }

    private async Task<int> PostAsync(JsonNode payload)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bot.TokenIssuer.MintToken(BotApplication.AppId, _bot.Connector.ServiceUrl));
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}

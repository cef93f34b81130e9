using System.Net;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Protocol.Tests;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string ChannelThread = "19:team-general@thread.tacv2;messageid=1763889601123";
    private readonly FakeConnectorServer _connector = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _connector.StartAsync();
        _services = ProtocolServices.Build([]);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private ConnectorClient Client => _services.GetRequiredService<ConnectorClientFactory>().Create(_connector.ServiceUrl);

    [Fact]
    public async Task Send_posts_to_the_conversation_and_returns_the_new_id()
    {
        var response = await Client.SendToConversationAsync(ChannelThread, new Activity { Type = "message", Text = "Hallo" });

        var call = Assert.Single(_connector.Calls);
        Assert.Equal(CallKind.Send, call.Kind);
        Assert.Equal(ChannelThread, call.ConversationId);
        Assert.Equal("Hallo", call.Activity!.Text);
        Assert.Equal(call.AssignedId, response!.Id);
    }

    [Fact]
    public async Task Reply_update_and_delete_address_the_activity()
    {
        await Client.ReplyToActivityAsync("a:1", "1763889328511", new Activity { Type = "message", Text = "Antwort" });
        await Client.UpdateActivityAsync("a:1", "activity-1", new Activity { Type = "message", Text = "Neu" });
        await Client.DeleteActivityAsync("a:1", "activity-1");

        var calls = _connector.Calls;
        Assert.Equal([CallKind.Reply, CallKind.Update, CallKind.Delete], calls.Select(c => c.Kind));
        Assert.Equal("1763889328511", calls[0].ActivityId);
        Assert.Equal("1763889328511", calls[0].Activity!.ReplyToId);
        Assert.Equal("activity-1", calls[1].Activity!.Id);
        Assert.Equal("activity-1", calls[2].ActivityId);
    }

    [Fact]
    public async Task Create_conversation_returns_the_conversation_id()
    {
        var created = await Client.CreateConversationAsync(new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount("28:bot"),
            Members = [new ChannelAccount("29:anna")],
            TenantId = "tenant-1",
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = "tenant-1" } },
        });

        Assert.StartsWith("a:created-", created!.Id, StringComparison.Ordinal);
        var body = _connector.Calls.Single().Body!.Value;
        Assert.Equal("tenant-1", body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("29:anna", body.GetProperty("members")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Members_are_read_one_by_one_and_page_by_page()
    {
        _connector.Members.AddRange(Enumerable.Range(1, 5).Select(i => new ChannelAccount($"29:user{i}", $"User {i}", $"aad-{i}")));

        var member = await Client.GetConversationMemberAsync(ChannelThread, "aad-3");
        var first = await Client.GetConversationPagedMembersAsync(ChannelThread, pageSize: 2);
        var second = await Client.GetConversationPagedMembersAsync(ChannelThread, pageSize: 2, first!.ContinuationToken);
        var third = await Client.GetConversationPagedMembersAsync(ChannelThread, pageSize: 2, second!.ContinuationToken);

        Assert.Equal("29:user3", member!.Id);
        Assert.Equal(["29:user1", "29:user2", "29:user3", "29:user4", "29:user5"], first.Members!.Concat(second.Members!).Concat(third!.Members!).Select(m => m.Id));
        Assert.Null(third.ContinuationToken);
    }

    [Fact]
    public async Task Throttled_send_waits_for_Retry_After_and_arrives_exactly_once()
    {
        _connector.FailNext(429, retryAfterSeconds: 1);

        var response = await Client.SendToConversationAsync("a:1", new Activity { Type = "message", Text = "einmal" });

        Assert.Equal(2, _connector.Attempts);
        Assert.Single(_connector.Calls);
        Assert.NotNull(response!.Id);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_failures_are_retried(int statusCode)
    {
        _connector.FailNext(statusCode, times: 2);

        await Client.SendToConversationAsync("a:1", new Activity { Type = "message", Text = "x" });

        Assert.Equal(3, _connector.Attempts);
        Assert.Single(_connector.Calls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(500)]
    public async Task Permanent_failures_are_not_retried_and_surface_the_status(int statusCode)
    {
        _connector.FailNext(statusCode);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync("a:1", new Activity { Type = "message", Text = "x" }));

        Assert.Equal((HttpStatusCode)statusCode, failure.StatusCode);
        Assert.Equal(1, _connector.Attempts);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Without_an_app_id_no_token_is_attached()
    {
        await Client.SendToConversationAsync("a:1", new Activity { Type = "message", Text = "x" });

        Assert.Equal(string.Empty, _connector.Calls.Single().Authorization);
    }
}

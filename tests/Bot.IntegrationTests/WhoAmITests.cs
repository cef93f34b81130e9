using System.Net;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary><c>who am i</c>: someone checks what the coordinator set up for them, in any chat and either language.</summary>
public sealed class WhoAmITests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;

    private readonly BotApplication _bot = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.Zero)) };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    private async Task<string> SayAsync(Activity activity)
    {
        var before = _bot.Connector.Sent.Count;
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _bot.Connector.Sent.Skip(before).First(call => call.ConversationId == activity.Conversation!.Id).VisibleText;
    }

    [Fact]
    public async Task Who_am_i_names_the_role_and_the_social_channels_owned_and_backed_up()
    {
        await SayAsync(_bot.Activities.ChannelCommand("add account instagram @contoso_de", Anna));
        await SayAsync(_bot.Activities.ChannelCommand("add account linkedin contoso", Anna));
        await SayAsync(_bot.Activities.ChannelCommand("role <at>Ben Wagner</at> editor", Anna, [Ben]));
        await SayAsync(_bot.Activities.ChannelCommand("assign <at>Ben Wagner</at> instagram", Anna, [Ben]));
        await SayAsync(_bot.Activities.ChannelCommand("backup <at>Ben Wagner</at> linkedin", Anna, [Ben]));

        var reply = await SayAsync(_bot.Activities.ChannelCommand("who am i", Ben));

        Assert.Equal("You are Ben Wagner.\n\n**Social Media**: your role editor; social channels: Instagram @contoso_de (owner), LinkedIn contoso (backup).", reply);
    }

    [Fact]
    public async Task Wer_bin_ich_answers_in_german_in_the_personal_chat_across_teams()
    {
        var reply = await SayAsync(_bot.Activities.PersonalMessage("wer bin ich", locale: "de-DE"));

        Assert.Equal("Du bist Anna Schmidt.\n\n**Social Media**: deine Rolle Koordinator/in; Social-Media-Kanäle: keine.", reply);
    }

    [Fact]
    public async Task Someone_without_a_team_is_told_how_to_get_a_role()
    {
        var stranger = _bot.Activities.PersonalMessage("whoami");
        stranger.From = new ChannelAccount("29:1stranger", "Sam Stranger", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a77");

        var reply = await SayAsync(stranger);

        Assert.Equal("You have no role in a team yet. A coordinator gives you one with **role**.", reply);
    }
}

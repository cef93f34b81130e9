using System.Net;
using System.Text.Json;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests;

/// <summary>First conversations, as a person in Teams would have them, with the bot's answers read off the connector.</summary>
public sealed class ConversationTests : IAsyncLifetime
{
    private readonly BotApplication _bot = new() { Logs = new CapturedLogs() };

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task Help_in_personal_chat_answers_with_the_english_command_card()
    {
        var response = await _bot.SendAsync(_bot.Activities.PersonalMessage("help", "en-US"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(TeamsActivities.PersonalConversationId, reply.ConversationId);
        Assert.Equal(Attachment.AdaptiveCardContentType, reply.Activity!.Attachments!.Single().ContentType);
        Assert.Contains("What I can do", reply.VisibleText, StringComparison.Ordinal);
        Assert.Contains("help", reply.VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hilfe_with_a_german_locale_answers_in_german()
    {
        await _bot.SendAsync(_bot.Activities.PersonalMessage("Hilfe", "de-DE"));

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Contains("Was ich kann", reply.VisibleText, StringComparison.Ordinal);
        Assert.Contains("hilfe", reply.VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_message_mentioning_the_bot_is_answered_in_its_thread()
    {
        var activity = _bot.Activities.ChannelMessageMentioningBot("help", threadRootId: "1763889601123");

        await _bot.SendAsync(activity);

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(TeamsActivities.ChannelConversationId + ";messageid=1763889601123", reply.ConversationId);
        Assert.Contains("What I can do", reply.VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_gets_a_hint_that_repeats_what_was_typed()
    {
        await _bot.SendAsync(_bot.Activities.PersonalMessage("mach mal was", "de-DE"));

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal("Das kenne ich leider nicht: „mach mal was“. Tippe **hilfe**, um zu sehen, was ich kann.", reply.Activity!.Text);
    }

    [Fact]
    public async Task A_typo_gets_a_did_you_mean_hint_in_the_writers_language()
    {
        await _bot.SendAsync(_bot.Activities.PersonalMessage("hlife", "de-DE"));

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal("Das kenne ich leider nicht: „hlife“. Meintest du **hilfe**? Tippe **hilfe** für alle Befehle.", reply.Activity!.Text);
    }

    [Fact]
    public async Task Bot_added_to_a_team_welcomes_the_channel_once_despite_install_event_and_redelivery()
    {
        var added = _bot.Activities.BotAddedToTeam("de-DE");

        await _bot.SendAsync(added);
        await _bot.SendAsync(_bot.Activities.InstallationAdded(inTeam: true, "de-DE"));
        await _bot.SendAsync(added);

        var welcome = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(TeamsActivities.ChannelConversationId, welcome.ConversationId);
        Assert.Contains("Hallo, ich bin euer Social-Media-Bot", welcome.VisibleText, StringComparison.Ordinal);
        Assert.Contains("Befehle anzeigen", welcome.VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_install_events_still_welcome_exactly_once()
    {
        var personalInstall = _bot.Activities.InstallationAdded(inTeam: false);
        await _bot.SendAsync(_bot.Activities.PersonalMessage("help")); // the conversation exists, as when Teams sends both at once

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _bot.SendAsync(personalInstall)));

        Assert.Single(_bot.Connector.Sent, call => call.VisibleText.Contains("Hello, I'm your social media bot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_and_member_added_arriving_together_for_a_new_team_welcome_once_and_keep_everything()
    {
        var installation = _bot.Activities.InstallationAdded(inTeam: true);
        var added = _bot.Activities.BotAddedToTeam();

        var responses = await Task.WhenAll(_bot.SendAsync(installation), _bot.SendAsync(added), _bot.SendAsync(installation), _bot.SendAsync(added));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Single(_bot.Connector.Sent, call => call.VisibleText.Contains("Hello, I'm your social media bot", StringComparison.Ordinal));
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.Conversations.CountAsync()));
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.Teams.CountAsync()));
        Assert.Equal(TeamsActivities.AnnaAadObjectId, (await _bot.WithDatabaseAsync(db => db.TeamMemberships.SingleAsync())).AadObjectId);
    }

    [Fact]
    public async Task Install_events_arriving_together_are_an_expected_race_that_logs_no_error()
    {
        // Teams sends installationUpdate and conversationUpdate at the same moment on every first contact: each inserts
        // the conversation, the person, the team and the installer's membership. The loser must not log a failure.
        var installation = _bot.Activities.InstallationAdded(inTeam: true);
        var added = _bot.Activities.BotAddedToTeam();
        var personal = _bot.Activities.InstallationAdded(inTeam: false);

        // Only the turns count: a first start on PostgreSQL logs EF's probe for the migrations table, unrelated to this.
        var logged = _bot.Logs!.Lines.Count;

        var responses = await Task.WhenAll(_bot.SendAsync(installation), _bot.SendAsync(added), _bot.SendAsync(personal));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.Teams.CountAsync()));
        Assert.Equal(TeamRole.Coordinator, (await _bot.WithDatabaseAsync(db => db.TeamMemberships.SingleAsync())).Role);
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.TeamAudit.CountAsync(e => e.Action == "role.installer-coordinator")));
        var errors = _bot.Logs.Lines.Skip(logged).Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "Logged as errors:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task Show_commands_button_swaps_in_the_help_card_for_the_clicking_user()
    {
        var response = await _bot.SendAsync(_bot.Activities.CardAction("help.show", locale: "de-DE"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("Was ich kann", body.GetProperty("value").GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Empty(_bot.Connector.Sent);
    }

    [Fact]
    public async Task Button_from_an_unknown_or_retired_verb_gets_a_friendly_message_not_an_error()
    {
        var response = await _bot.SendAsync(_bot.Activities.CardAction("post.approve.v0"));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Contains("no longer available", body.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_fallback_of_the_button_posts_the_help_card()
    {
        var submit = _bot.Activities.PersonalMessage(string.Empty);
        submit.Text = null;
        submit.Value = JsonSerializer.SerializeToElement(new { verb = "help.show" });

        await _bot.SendAsync(submit);

        Assert.Contains("What I can do", Assert.Single(_bot.Connector.Sent).VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_conversation_and_person_seen_is_stored_for_later_proactive_messages()
    {
        await _bot.SendAsync(_bot.Activities.ChannelMessageMentioningBot("help", "de-DE", threadRootId: "42"));
        await _bot.SendAsync(_bot.Activities.PersonalMessage("help", "de-DE"));

        var channel = await _bot.WithDatabaseAsync(db => db.Conversations.SingleAsync(c => c.ConversationId == TeamsActivities.ChannelConversationId));
        Assert.Equal(_bot.Connector.ServiceUrl, channel.ServiceUrl);
        Assert.Equal(TeamsActivities.TeamId, channel.TeamId);
        Assert.Equal(TeamsActivities.TenantId, channel.TenantId);
        Assert.Equal("channel", channel.ConversationType);
        var personal = await _bot.WithDatabaseAsync(db => db.Conversations.SingleAsync(c => c.ConversationId == TeamsActivities.PersonalConversationId));
        Assert.Equal(TeamsActivities.AnnaId, personal.UserId);
        Assert.Equal("de-DE", personal.Locale);
        var anna = await _bot.WithDatabaseAsync(db => db.People.SingleAsync());
        Assert.Equal((TeamsActivities.AnnaAadObjectId, "Anna Schmidt", TeamsActivities.AnnaId), (anna.AadObjectId, anna.Name, anna.TeamsUserId));
    }

    [Fact]
    public async Task A_repeated_turn_that_changes_nothing_writes_neither_the_conversation_nor_the_person_but_a_change_is_stored()
    {
        await _bot.SendAsync(_bot.Activities.PersonalMessage("help", "en-US"));
        var logged = _bot.Logs!.Lines.Count;

        await _bot.SendAsync(_bot.Activities.PersonalMessage("help", "en-US"));

        var writes = _bot.Logs.Lines.Skip(logged).Where(line => line.Contains("UPDATE \"Conversations\"", StringComparison.Ordinal)
            || line.Contains("UPDATE \"People\"", StringComparison.Ordinal) || line.Contains("INSERT INTO \"Conversations\"", StringComparison.Ordinal)).ToList();
        Assert.Empty(writes);
        Assert.Equal(2, _bot.Connector.Sent.Count);

        await _bot.SendAsync(_bot.Activities.PersonalMessage("hilfe", "de-DE"));

        var personal = await _bot.WithDatabaseAsync(db => db.Conversations.SingleAsync(c => c.ConversationId == TeamsActivities.PersonalConversationId));
        var anna = await _bot.WithDatabaseAsync(db => db.People.SingleAsync());
        Assert.Equal(("de-DE", "de-DE"), (personal.Locale, anna.Locale));
    }

    [Fact]
    public async Task A_stored_conversation_can_be_messaged_proactively()
    {
        await _bot.SendAsync(_bot.Activities.PersonalMessage("help"));
        var stored = await _bot.WithDatabaseAsync(db => db.Conversations.SingleAsync());
        var adapter = _bot.Services.GetRequiredService<BotAdapter>();

        await adapter.ContinueConversationAsync(
            stored.ToReference(),
            (turn, cancellationToken) => turn.SendActivityAsync("Erinnerung: 2 Beiträge warten auf Freigabe.", cancellationToken),
            CancellationToken.None);

        var proactive = _bot.Connector.Sent.Last();
        Assert.Equal(CallKind.Send, proactive.Kind);
        Assert.Equal(TeamsActivities.PersonalConversationId, proactive.ConversationId);
        Assert.Equal("Erinnerung: 2 Beiträge warten auf Freigabe.", proactive.Activity!.Text);
        Assert.Equal(_bot.Activities.BotId, proactive.Activity.From!.Id);
        Assert.Equal(TeamsActivities.AnnaId, proactive.Activity.Recipient!.Id);
    }
}

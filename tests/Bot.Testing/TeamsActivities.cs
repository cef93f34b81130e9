using System.Text.Json;
using Bot.Protocol.Schema;

namespace Bot.Testing;

/// <summary>
/// Builds activities shaped like the ones Teams sends (ids, tenant, channelData, mentions), so tests read as
/// "a user in a channel says …" rather than as JSON.
/// </summary>
public sealed class TeamsActivities(string serviceUrl, string botAppId = "00000000-0000-0000-0000-00000000b07")
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string TeamId = "19:team-general@thread.tacv2";
    public const string ChannelConversationId = "19:team-general@thread.tacv2";
    public const string PersonalConversationId = "a:1personal-chat-with-anna";
    public const string AnnaId = "29:1anna-teams-user-id";
    public const string AnnaAadObjectId = "6d2f6a8e-2f1e-4a71-9a4e-0f1a2b3c4d5e";
    public const string BotName = "Social Media Bot";

    public static readonly ChannelAccount Anna = new(AnnaId, "Anna Schmidt", AnnaAadObjectId);
    public static readonly ChannelAccount Ben = new("29:1ben-teams-user-id", "Ben Wagner", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a01");
    public static readonly ChannelAccount Clara = new("29:1clara-teams-user-id", "Clara Vogel", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a02");

    // Process-wide: Teams never reuses an activity id, and the bot treats a repeated id as a redelivery.
    private static long _nextId = 1485983408511;

    public string BotId => "28:" + botAppId;

    public Activity PersonalMessage(string text, string locale = "en-US")
    {
        var activity = Base(ActivityTypes.Message, PersonalConversation(), locale);
        activity.Text = text;
        activity.TextFormat = "plain";
        return activity;
    }

    /// <summary>A channel message that @mentions the bot, as Teams delivers it: the tag in the text and a mention entity.</summary>
    public Activity ChannelMessageMentioningBot(string command, string locale = "en-US", string? threadRootId = null)
    {
        var tag = $"<at>{BotName}</at>";
        var activity = Base(ActivityTypes.Message, ChannelConversation(threadRootId), locale);
        activity.Text = $"{tag} {command}\r\n";
        activity.TextFormat = "plain";
        activity.Entities =
        [
            Entity.From(new Mention { Mentioned = new ChannelAccount(BotId, BotName), Text = tag }),
            Entity.From(new { type = "clientInfo", locale, country = "DE", platform = "Web", timezone = "Europe/Berlin" }),
        ];
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    /// <summary>
    /// A channel post to the bot from <paramref name="from"/>; <c>&lt;at&gt;Name&lt;/at&gt;</c> tags in
    /// <paramref name="command"/> become mention entities for the given people, as Teams sends them.
    /// </summary>
    public Activity ChannelCommand(string command, ChannelAccount from, IEnumerable<ChannelAccount>? mentioned = null, string locale = "en-US")
    {
        var activity = ChannelMessageMentioningBot(command, locale);
        activity.From = from;
        foreach (var person in mentioned ?? [])
        {
            activity.Entities!.Add(Entity.From(new Mention { Mentioned = new ChannelAccount(person.Id!, person.Name), Text = $"<at>{person.Name}</at>" }));
        }

        return activity;
    }

    public Activity BotAddedToTeam(string locale = "en-US")
    {
        var activity = Base(ActivityTypes.ConversationUpdate, ChannelConversation(null), locale);
        activity.Id = "f:" + NextId();
        activity.MembersAdded = [new ChannelAccount(BotId)];
        activity.ChannelData = new { tenant = new { id = TenantId }, team = new { id = TeamId, name = "Social Media", aadGroupId = "b1e1c7a3-0000-4000-8000-000000000001" }, eventType = "teamMemberAdded", settings = new { selectedChannel = new { id = ChannelConversationId } } };
        return activity;
    }

    public Activity InstallationAdded(bool inTeam, string locale = "en-US")
    {
        var activity = Base(ActivityTypes.InstallationUpdate, inTeam ? ChannelConversation(null) : PersonalConversation(), locale);
        activity.Id = "f:" + NextId();
        activity.Action = "add";
        if (inTeam)
        {
            activity.ChannelData = new { tenant = new { id = TenantId }, team = new { id = TeamId, name = "Social Media" }, channel = new { id = ChannelConversationId } };
        }

        return activity;
    }

    public Activity CardAction(string verb, object? data = null, string locale = "en-US", bool inChannel = false)
    {
        var activity = Base(ActivityTypes.Invoke, inChannel ? ChannelConversation(null) : PersonalConversation(), locale);
        activity.Name = InvokeNames.AdaptiveCardAction;
        activity.ReplyToId = "1700000000000";
        activity.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", id = "action-1", verb, data = data ?? new { } },
            trigger = "manual",
        });
        return activity;
    }

    public Activity Base(string type, ConversationAccount conversation, string locale) => new()
    {
        Type = type,
        Id = NextId(),
        Timestamp = DateTimeOffset.Parse("2026-11-23T09:15:00.000Z", System.Globalization.CultureInfo.InvariantCulture),
        LocalTimestamp = DateTimeOffset.Parse("2026-11-23T10:15:00.000+01:00", System.Globalization.CultureInfo.InvariantCulture),
        LocalTimezone = "Europe/Berlin",
        ServiceUrl = serviceUrl,
        ChannelId = Channels.Msteams,
        From = new ChannelAccount(AnnaId, "Anna Schmidt", AnnaAadObjectId),
        Recipient = new ChannelAccount(BotId, BotName),
        Conversation = conversation,
        Locale = locale,
        ChannelData = new { tenant = new { id = TenantId } },
    };

    private static ConversationAccount PersonalConversation() => new()
    {
        Id = PersonalConversationId,
        ConversationType = ConversationTypes.Personal,
        TenantId = TenantId,
    };

    private static ConversationAccount ChannelConversation(string? threadRootId) => new()
    {
        Id = threadRootId is null ? ChannelConversationId : $"{ChannelConversationId};messageid={threadRootId}",
        ConversationType = ConversationTypes.Channel,
        IsGroup = true,
        TenantId = TenantId,
    };

    private static object TeamChannelData() => new
    {
        tenant = new { id = TenantId },
        team = new { id = TeamId },
        channel = new { id = ChannelConversationId },
        teamsTeamId = TeamId,
        teamsChannelId = ChannelConversationId,
    };

    private static string NextId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

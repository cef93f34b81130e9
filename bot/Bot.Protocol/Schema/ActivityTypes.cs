namespace Bot.Protocol.Schema;

/// <summary>Activity type names as the Bot Framework sends them. Compare case-insensitively.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Event = "event";
    public const string Typing = "typing";
}

/// <summary>Invoke names the protocol layer knows.</summary>
public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

/// <summary>Conversation types in Teams.</summary>
public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}

/// <summary>Well-known channel ids.</summary>
public static class Channels
{
    public const string Msteams = "msteams";
}

using Bot.Protocol.Schema;

namespace Bot.Protocol.Builder;

/// <summary>Builds outgoing message activities, as the SDK's <c>MessageFactory</c>.</summary>
public static class MessageFactory
{
    public static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text };

    public static Activity Attachment(Attachment attachment, string? text = null) =>
        new() { Type = ActivityTypes.Message, Text = text, Attachments = [attachment] };
}

namespace Bot.Protocol.Schema;

/// <summary>An attachment; Adaptive Cards travel as <see cref="AdaptiveCardContentType"/>.</summary>
public sealed class Attachment : ExtensibleModel
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }

    /// <summary>Inbound a <see cref="System.Text.Json.JsonElement"/>; outbound any serialisable object.</summary>
    public object? Content { get; set; }

    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }
}

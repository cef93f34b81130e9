using System.Text.Json.Serialization;
using Bot.Protocol.Schema;

namespace Bot.Protocol.AdaptiveCards;

/// <summary>
/// A typed Adaptive Card, so a typo is a compile error rather than a blank card. Version 1.5 is the most Teams renders
/// and what Universal Actions require.
/// </summary>
public sealed class AdaptiveCard
{
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    public string Version { get; init; } = "1.5";

    public List<AdaptiveElement> Body { get; init; } = [];

    public List<AdaptiveAction>? Actions { get; init; }

    public CardRefresh? Refresh { get; init; }

    /// <summary>Teams-only properties, e.g. <c>Width = "Full"</c> for wide cards.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? Msteams { get; init; }

    /// <summary>Wraps the card as an attachment for an outbound activity.</summary>
    public Attachment ToAttachment() => new() { ContentType = Attachment.AdaptiveCardContentType, Content = this };
}

public sealed class TeamsCardProperties
{
    public string? Width { get; init; }

    /// <summary>The people a card @mentions: each <c>&lt;at&gt;Name&lt;/at&gt;</c> in a text needs its entry here.</summary>
    public List<Mention>? Entities { get; init; }
}

/// <summary>Asks Teams to fetch a fresh, possibly user-specific, card. At most 60 <see cref="UserIds"/>.</summary>
public sealed class CardRefresh
{
    /// <summary>An <see cref="ActionExecute"/>; typed as the base so the <c>type</c> discriminator is written.</summary>
    public required AdaptiveAction Action { get; init; }
    public List<string>? UserIds { get; init; }
}

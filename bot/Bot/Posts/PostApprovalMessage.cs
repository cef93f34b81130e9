namespace Bot.Posts;

/// <summary>
/// Where a post's approval card sits in the team's Teams channel, so every decision can update that one message in
/// place (PUT on the connector) instead of posting a new card.
/// </summary>
public sealed class PostApprovalMessage
{
    public Guid PostId { get; init; }
    public required string TeamId { get; init; }
    public required string ConversationId { get; set; }
    public required string ActivityId { get; set; }
    public required string ServiceUrl { get; set; }
    public DateTimeOffset PostedAt { get; set; }
}

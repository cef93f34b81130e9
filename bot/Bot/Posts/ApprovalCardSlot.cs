using Bot.Delivery;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Posts;

/// <summary>The outbox slot of a post's approval card in the team's channel: one message, updated in place.</summary>
public static class ApprovalCardSlot
{
    private const string Prefix = "post-approval-card:";

    public static string For(Guid postId) => Prefix + postId.ToString("D");

    public static Guid? PostIdOf(string? slot) =>
        slot is not null && slot.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParseExact(slot[Prefix.Length..], "D", out var id) ? id : null;
}

/// <summary>
/// Keeps <see cref="PostApprovalMessage"/> (where each post's approval card sits) current for readers of that table,
/// and finds the cards posted before the outbox existed.
/// </summary>
public sealed class ApprovalCardHistory(TimeProvider timeProvider) : ISlotHistory
{
    public async Task<string?> EarlierActivityIdAsync(BotDbContext database, string slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return ApprovalCardSlot.PostIdOf(slot) is { } postId
            ? await database.PostApprovalMessages.Where(m => m.PostId == postId).Select(m => m.ActivityId).FirstOrDefaultAsync(cancellationToken)
            : null;
    }

    public async Task SentAsync(BotDbContext database, OutboundMessage message, string conversationId, string? activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(message);
        if (activityId is null || ApprovalCardSlot.PostIdOf(message.Slot) is not { } postId || message.TeamId is null
            || await database.PostApprovalMessages.AnyAsync(m => m.PostId == postId, cancellationToken))
        {
            return;
        }

        database.PostApprovalMessages.Add(new PostApprovalMessage
        {
            PostId = postId,
            TeamId = message.TeamId,
            ConversationId = conversationId,
            ActivityId = activityId,
            ServiceUrl = message.ServiceUrl,
            PostedAt = timeProvider.GetUtcNow(),
        });
    }
}

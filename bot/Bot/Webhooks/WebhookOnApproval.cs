using Bot.Persistence;
using Bot.Posts;
using Microsoft.EntityFrameworkCore;

namespace Bot.Webhooks;

/// <summary>
/// A post whose review completes is announced to the team's webhook: the delivery row is added while the approval is
/// saved, so neither exists without the other, and the dispatcher is woken once it is committed.
/// </summary>
public sealed class WebhookOnApproval(BotDbContext database, WebhookSignal signal) : IPostChangeSubscriber
{
    // Compiled once: every approval asks.
    private static readonly Func<BotDbContext, string, CancellationToken, Task<bool>> HasWebhook =
        EF.CompileAsyncQuery((BotDbContext db, string teamId, CancellationToken _) => db.Webhooks.Any(w => w.TeamId == teamId));

    private bool _queued;

    public async Task OnSavingAsync(PostChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var post = change.Post;
        if (change.Verb != "approve" || post.Status != PostStatus.Approved
            || !await HasWebhook(database, post.TeamId, cancellationToken))
        {
            return;
        }

        var socialChannels = await database.SocialChannels.AsNoTracking().Where(c => c.TeamId == post.TeamId).ToDictionaryAsync(c => c.Id, cancellationToken);
        var people = await database.TeamMemberships.AsNoTracking()
            .Where(m => m.TeamId == post.TeamId)
            .Join(database.People, m => m.AadObjectId, p => p.AadObjectId, (_, p) => new { p.AadObjectId, p.Name })
            .ToListAsync(cancellationToken);
        var names = people.Where(p => p.Name is { Length: > 0 }).ToDictionary(p => p.AadObjectId, p => p.Name!, StringComparer.OrdinalIgnoreCase);
        database.WebhookDeliveries.Add(WebhookPayload.ApprovedDelivery(post, socialChannels, names, change.At));
        _queued = true;
    }

    public Task OnCommittedAsync(PostChanged change, CancellationToken cancellationToken)
    {
        if (_queued)
        {
            _queued = false;
            signal.Notify();
        }

        return Task.CompletedTask;
    }
}

using Bot.Persistence;
using Bot.Protocol.Connector;
using Microsoft.EntityFrameworkCore;

namespace Bot.Delivery;

/// <summary>The serviceUrl allow-list's memory across restarts, so queued messages may still go out before Teams writes again.</summary>
public sealed class TrustedServiceUrlStore(BotDbContext database, TimeProvider timeProvider) : IServiceUrlStore
{
    public async Task<IReadOnlyCollection<string>> LoadAsync(CancellationToken cancellationToken) =>
        await database.TrustedServiceUrls.AsNoTracking().Select(t => t.Origin).ToListAsync(cancellationToken);

    public async Task AddAsync(string origin, CancellationToken cancellationToken)
    {
        if (await database.TrustedServiceUrls.AnyAsync(t => t.Origin == origin, cancellationToken))
        {
            return;
        }

        // Two first activities from one new host at once: whichever comes second inserts nothing.
        await database.InsertIfAbsentAsync(new TrustedServiceUrl { Origin = origin, LearnedAt = timeProvider.GetUtcNow() }, cancellationToken);
    }
}

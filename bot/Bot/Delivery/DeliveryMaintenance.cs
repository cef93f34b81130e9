using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>
/// Keeps the delivery tables small: processed activity ids and sent messages older than their retention go. A plain
/// method, so a scheduler job can call it as well as the timer below.
/// </summary>
public sealed class DeliveryCleanup(BotDbContext database, TimeProvider timeProvider, IOptions<DeliveryOptions> options)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        var activities = await ActivityLedger.PurgeAsync(database, now - settings.ProcessedActivityRetention, cancellationToken);
        var sentBefore = now - settings.SentMessageRetention;
        var messages = await database.OutboundMessages
            .Where(m => m.State == OutboundState.Sent && m.SentAt < sentBefore)
            .ExecuteDeleteAsync(cancellationToken);
        return activities + messages;
    }
}

/// <summary>Runs <see cref="DeliveryCleanup"/> every <see cref="DeliveryOptions.CleanupInterval"/> on the injected clock.</summary>
public sealed partial class DeliveryCleanupService(
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopeFactory.CreateAsyncScope();
                    var removed = await scope.ServiceProvider.GetRequiredService<DeliveryCleanup>().PurgeAsync(stoppingToken);
                    LogPurged(logger, removed);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPurgeFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery cleanup removed {Count} old rows")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery cleanup failed; it runs again at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}

using System.Threading.Channels;

namespace Bot.Hosting;

/// <summary>
/// Wakes a background worker as soon as there is work, so nobody waits for its poll interval; the poll stays for work
/// another instance left or a crash interrupted. Wake-ups collapse into one: a worker takes everything pending per pass.
/// </summary>
public abstract class WakeUpSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Returns on a notification or after <paramref name="timeout"/> on <paramref name="timeProvider"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (_wakeUps.Reader.TryRead(out _))
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wakeUp = _wakeUps.Reader.WaitToReadAsync(stop.Token).AsTask();
        var delay = Task.Delay(timeout, timeProvider, stop.Token);
        await Task.WhenAny(wakeUp, delay);
        await stop.CancelAsync();
        _wakeUps.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>
/// A worker that makes passes over work kept in the database: one pass at start, then one per wake-up or when the pass's
/// pause has run out. A failed pass is logged and the next one tries again (the database may be busy, or still migrating
/// at start-up), so the worker never dies of one bad pass.
/// </summary>
public abstract class WakeUpWorker(WakeUpSignal signal, TimeProvider timeProvider) : BackgroundService
{
    /// <summary>The bot's clock, which the pauses between passes run on too.</summary>
    protected TimeProvider Clock { get; } = timeProvider;

    /// <summary>One pass; returns how long to sleep unless woken.</summary>
    protected abstract Task<TimeSpan> PassAsync(CancellationToken stoppingToken);

    /// <summary>Logs a failed pass and says how long to sleep before the next, unless woken.</summary>
    protected abstract TimeSpan PassFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await PassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                wait = PassFailed(e);
            }

            try
            {
                await signal.WaitAsync(wait, Clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

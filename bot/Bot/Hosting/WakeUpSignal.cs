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
    /// <summary>
    /// Passes start at most this often, however often the worker is woken. Under a stream of decisions every commit woke
    /// the outbox worker, so it made a pass (claim, read, send, mark, release: four writes) per decision and queued on
    /// SQLite's write gate as often as the turns it served; with passes at least 50 ms apart the approvals benchmark's
    /// p99 at 200/s went from 47–61 ms to 37–48 ms and its CPU per decision from 8.0 to 6.4–7.4 ms. An idle worker woken
    /// once still passes at once. Real time, not the bot's clock: it paces work, it schedules nothing.
    /// </summary>
    internal static readonly TimeSpan MinimumBetweenPasses = TimeSpan.FromMilliseconds(50);

    /// <summary>The bot's clock, which the pauses between passes run on too.</summary>
    protected TimeProvider Clock { get; } = timeProvider;

    /// <summary>One pass; returns how long to sleep unless woken.</summary>
    protected abstract Task<TimeSpan> PassAsync(CancellationToken stoppingToken);

    /// <summary>Logs a failed pass and says how long to sleep before the next, unless woken.</summary>
    protected abstract TimeSpan PassFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPass = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                if (lastPass != long.MinValue && MinimumBetweenPasses - System.Diagnostics.Stopwatch.GetElapsedTime(lastPass) is { Ticks: > 0 } gather)
                {
                    await Task.Delay(gather, stoppingToken);
                }

                lastPass = System.Diagnostics.Stopwatch.GetTimestamp();
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

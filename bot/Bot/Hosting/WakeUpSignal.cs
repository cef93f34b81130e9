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

using System.Diagnostics;
using System.Globalization;

namespace Bot.Benchmarks;

/// <summary>
/// Samples a process's resident set size every 250 ms (VmRSS from /proc where there is one, else the working set), and
/// its thread count where /proc has it: a thread pool that keeps adding threads is a sign of blocked workers.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _processId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakBytes;
    private long _lastBytes;
    private int _peakThreads;
    private int _samples;

    public MemorySampler(int processId)
    {
        _processId = processId;
        _loop = Task.Run(LoopAsync);
    }

    public long PeakBytes => Interlocked.Read(ref _peakBytes);
    public long LastBytes => Interlocked.Read(ref _lastBytes);
    public int Samples => Volatile.Read(ref _samples);
    public int PeakThreads => Volatile.Read(ref _peakThreads);

    public static int? Threads(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        return line is null ? null : int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    public static long? ResidentBytes(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }

            return null;
        }

        using var process = Process.GetProcessById(processId);
        process.Refresh();
        return process.WorkingSet64;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            try
            {
                if (ResidentBytes(_processId) is { } bytes)
                {
                    Interlocked.Exchange(ref _lastBytes, bytes);
                    if (bytes > Interlocked.Read(ref _peakBytes))
                    {
                        Interlocked.Exchange(ref _peakBytes, bytes);
                    }

                    Interlocked.Increment(ref _samples);
                }

                if (Threads(_processId) is { } threads && threads > Volatile.Read(ref _peakThreads))
                {
                    Volatile.Write(ref _peakThreads, threads);
                }
            }
            catch (IOException)
            {
                // The process ended between two samples.
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

using System.Runtime.InteropServices;

namespace Bot.Hosting;

internal static class NativeHeapTrimming
{
    public static IServiceCollection AddNativeHeapTrimming(this IServiceCollection services) =>
        services.AddHostedService<NativeHeapTrimmer>();
}

/// <summary>
/// Hands the C library's free native memory back to the system every second. glibc keeps what SQLite, OpenSSL and the
/// runtime free in its per-thread heaps, resident, for reuse; under load that grew by about 13 MB of free but resident
/// memory, which one <c>malloc_trim</c> returned (docs/benchmarks.md, "Fifth pass"). The environment setting
/// <c>MALLOC_ARENA_MAX</c> would cap the heaps instead, but the bot cannot set it for itself, and operators rarely do.
/// Does nothing where <c>malloc_trim</c> does not exist (Windows, macOS, musl-based Linux).
/// </summary>
internal sealed partial class NativeHeapTrimmer(TimeProvider timeProvider, ILogger<NativeHeapTrimmer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!TryTrim())
                {
                    LogUnavailable(logger);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Whether the C library could be asked; false where it has no <c>malloc_trim</c>.</summary>
    internal static bool TryTrim()
    {
        try
        {
            // 0: keep no padding at the top of the heap; glibc also releases the free pages inside every heap.
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    // glibc's soname: on a C library without malloc_trim the binding fails and the trimmer stops (above).
    // DllImport rather than LibraryImport: the signature is blittable, and the generator would need unsafe code.
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The C library has no malloc_trim; native memory is not trimmed.")]
    private static partial void LogUnavailable(ILogger logger);
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Bot.Protocol.Schema;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks;

/// <summary>
/// Approvals at fixed arrival rates (open loop, 200/s and 400/s by default) on SQLite: <c>adaptiveCard/action</c>
/// approvals of distinct posts against the real bot process, each answered only after its database commit. Every rate
/// gets a fresh bot and database, so a backlog left by one rate does not weigh on the next.
/// </summary>
internal static class DecisionBenchmark
{
    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        var runs = new List<DecisionRun>();
        foreach (var rate in options.DecisionRates)
        {
            runs.Add(await RunRateAsync(options, client, rate));
        }

        return Report(options, runs);
    }

    private static async Task<DecisionRun> RunRateAsync(BenchmarkOptions options, HttpClient client, int rate)
    {
        Console.WriteLine($"Decisions at {rate}/s: starting the bot…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: false);
        var workload = await DecisionWorkload.SetUpAsync(bot);
        var warmupCount = rate * options.DecisionWarmupSeconds;
        var measuredCount = rate * options.DecisionSeconds;
        var approve = await workload.PrepareApprovalsAsync(bot, warmupCount + measuredCount);

        Console.WriteLine($"  warm-up {options.DecisionWarmupSeconds} s at {rate}/s");
        var warmup = await OpenLoopAsync(bot, client, approve.AsMemory(0, warmupCount), rate);
        Console.WriteLine($"  measuring {options.DecisionSeconds} s at {rate}/s");
        var cpuBefore = bot.Server.ProcessorTime;
        var measured = await OpenLoopAsync(bot, client, approve.AsMemory(warmupCount, measuredCount), rate);
        var cpuAfter = bot.Server.ProcessorTime;
        var cpuMs = ((cpuAfter.User + cpuAfter.Kernel) - (cpuBefore.User + cpuBefore.Kernel)).TotalMilliseconds;
        var check = await DecisionWorkload.CheckAsync(bot, approve.Length);
        Console.WriteLine($"  p99 {measured.PercentileMs(99):F1} ms, {measured.Errors} errors, {cpuMs / Math.Max(1, measured.Succeeded):F2} ms CPU/decision; {check.Describe()}");
        return new DecisionRun(rate, warmup, measured, cpuMs / Math.Max(1, measured.Succeeded), check);
    }

    private static string Report(BenchmarkOptions options, IReadOnlyList<DecisionRun> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("## Approvals at fixed arrival rates (SQLite)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Per rate a fresh bot on a fresh SQLite file: posts in review on one social channel, written by one editor; one reviewer approves each once, as `adaptiveCard/action` invokes (`post.approve`) with a channel token, at a fixed arrival rate (open loop: a request is due at its slot whether or not earlier ones have answered, and its latency counts from that slot, so a stall is not hidden; the client gives up after 30 s). {options.DecisionWarmupSeconds} s warm-up at the same rate, then {options.DecisionSeconds} s measured. Bot CPU is the bot process's user + kernel time from the first measured request until the last answer, per answered decision. Exactly once is counted in the database after it settled, over all the run's posts (warm-up included).");
        text.AppendLine();
        text.AppendLine("| rate | phase | requests | non-200 | achieved /s | p50 ms | p90 ms | p99 ms | max ms | bot CPU ms/decision | in the database |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in runs)
        {
            var (w, m) = (run.Warmup, run.Measured);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Rate}/s | warm-up | {w.Succeeded + w.Errors} | {w.Errors} | {w.RequestsPerSecond:F0} | {w.PercentileMs(50):F2} | {w.PercentileMs(90):F2} | {w.PercentileMs(99):F2} | {w.MaxMs:F1} | | |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Rate}/s | measured | {m.Succeeded + m.Errors} | {m.Errors} | {m.RequestsPerSecond:F0} | {m.PercentileMs(50):F2} | {m.PercentileMs(90):F2} | {m.PercentileMs(99):F2} | {m.MaxMs:F1} | {run.CpuMsPerDecision:F2} | {run.Check.Describe()} |");
        }

        foreach (var run in runs.Where(r => r.Measured.FirstError is not null || r.Warmup.FirstError is not null))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"First failure at {run.Rate}/s: {run.Measured.FirstError ?? run.Warmup.FirstError}.");
        }

        text.AppendLine();
        text.AppendLine("| goal | target | measured | result |");
        text.AppendLine("|---|---|---|---|");
        foreach (var run in runs)
        {
            var p99 = run.Measured.PercentileMs(99);
            var met = p99 < 50 && run.Measured.Errors == 0 && run.Check.EachExactlyOnce && run.CpuMsPerDecision <= 3;
            var goal = run.Rate == 200 ? IngressReport.Verdict(met) : (met ? "(would pass)" : "(reported)");
            text.AppendLine(CultureInfo.InvariantCulture, $"| approvals at {run.Rate}/s: p99, no errors, each once, CPU/decision | < 50 ms, 0, yes, ≤ 3 ms | {p99:F1} ms, {run.Measured.Errors}, {(run.Check.EachExactlyOnce ? "yes" : "no")}, {run.CpuMsPerDecision:F2} ms | {goal} |");
        }

        return text.ToString();
    }

    /// <summary>Request i is due at start + i / rate; its latency runs from that instant to the end of the answer.</summary>
    private static async Task<LoadResult> OpenLoopAsync(BotUnderTest bot, HttpClient client, ReadOnlyMemory<byte[]> bodies, int rate)
    {
        var latencies = new long[bodies.Length];
        var errors = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        var requests = new List<Task>(bodies.Length);
        for (var i = 0; i < bodies.Length; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            var body = bodies.Span[i];
            requests.Add(Task.Run(async () =>
            {
                using var request = bot.Request(body);
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    latencies[index] = Stopwatch.GetTimestamp() - due;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}", null);
                        latencies[index] = -1;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                    latencies[index] = -1;
                }
            }));
        }

        await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var succeeded = latencies.Where(l => l >= 0).ToArray();
        Array.Sort(succeeded);
        return new LoadResult(succeeded, errors, firstError, elapsed);
    }

    public static async Task<T> ScalarAsync<T>(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }
}

internal sealed record DecisionRun(int Rate, LoadResult Warmup, LoadResult Measured, double CpuMsPerDecision, OnceCheck Check);

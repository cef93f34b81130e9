using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Bot.Benchmarks;

/// <summary>
/// Decision throughput of one bot instance against two on the same PostgreSQL database: two bot processes run
/// throughout; the same closed-loop load (approvals of distinct posts, a fixed number of workers) goes first to one of
/// them only, then round-robin to both. A fixed number of decisions per phase, so throughput is decisions / time.
/// </summary>
internal static class ClusterBenchmark
{
    public const string PostgresVariable = "BOT_TEST_POSTGRES";

    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"{PostgresVariable} is not set: ./scripts/bench.sh starts a throwaway PostgreSQL for --only cluster, or set it to a connection string of a server where this user may create databases.");

        var postgresPort = new Npgsql.NpgsqlConnectionStringBuilder(postgres).Port;
        Console.WriteLine("Cluster: starting two bot instances on one PostgreSQL database…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: false, instances: 2, postgresServer: postgres);
        var workload = await DecisionWorkload.SetUpAsync(bot);
        // The two loads alternate, so that what changes over the run (the second instance still warming up, tables
        // growing) weighs on both alike.
        var rounds = Math.Max(1, options.ClusterRounds);
        var perPhase = options.ClusterDecisions / rounds;
        var approve = await workload.PrepareApprovalsAsync(bot, options.ClusterWarmupDecisions + 2 * perPhase * rounds);

        var phases = new List<ClusterPhase>();
        var offset = 0;
        async Task PhaseAsync(string name, int count, int instances)
        {
            Console.WriteLine($"  {name}: {count} approvals, {options.ClusterWorkers} workers, {instances} instance(s)");
            var cpuBefore = bot.Servers.Select(s => s.ProcessorTime).ToArray();
            var machineBefore = MachineCpu.Read();
            var postgresBefore = PostgresCpu.Read(postgresPort);
            var result = await ClosedLoopAsync(bot, client, approve.AsMemory(offset, count), options.ClusterWorkers, instances);
            var machineAfter = MachineCpu.Read();
            var postgresMs = PostgresCpu.Read(postgresPort) is { } after && postgresBefore is { } before ? (after - before).TotalMilliseconds : double.NaN;
            var cpuMs = bot.Servers.Select((s, i) => ((s.ProcessorTime.User + s.ProcessorTime.Kernel) - (cpuBefore[i].User + cpuBefore[i].Kernel)).TotalMilliseconds).ToArray();
            offset += count;
            var phase = new ClusterPhase(name, instances, result, cpuMs, postgresMs, machineAfter.BusyShareSince(machineBefore));
            phases.Add(phase);
            Console.WriteLine($"    {result.RequestsPerSecond:F0} decisions/s, p50 {result.PercentileMs(50):F1} ms, p99 {result.PercentileMs(99):F1} ms, {result.Errors} errors, PostgreSQL {postgresMs / Math.Max(1, result.Succeeded):F2} ms CPU/decision, machine {phase.MachineBusy:P0} busy");
        }

        await PhaseAsync("warm-up", options.ClusterWarmupDecisions, 2);
        for (var round = 1; round <= rounds; round++)
        {
            await PhaseAsync($"one instance, round {round}", perPhase, 1);
            await PhaseAsync($"two instances, round {round}", perPhase, 2);
        }

        var check = await DecisionWorkload.CheckAsync(bot, approve.Length);
        Console.WriteLine($"  {check.Describe()}");
        return Report(options, phases, check);
    }

    /// <summary>Each worker sends its next approval as soon as its previous one answered; approval i goes to instance i mod <paramref name="instances"/>.</summary>
    private static async Task<LoadResult> ClosedLoopAsync(BotUnderTest bot, HttpClient client, ReadOnlyMemory<byte[]> bodies, int workers, int instances)
    {
        var latencies = new long[bodies.Length];
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                using var request = bot.Request(bodies.Span[i], i % instances);
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    latencies[i] = response.StatusCode == HttpStatusCode.OK ? Stopwatch.GetTimestamp() - sent : -1;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    latencies[i] = -1;
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var succeeded = latencies.Where(l => l >= 0).ToArray();
        Array.Sort(succeeded);
        return new LoadResult(succeeded, errors, firstError, elapsed);
    }

    /// <summary>The rounds of one kind as one run: all their decisions over all their time.</summary>
    private static LoadResult Combined(IEnumerable<ClusterPhase> phases)
    {
        var results = phases.Select(p => p.Result).ToList();
        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(latencies, results.Sum(r => r.Errors), results.Select(r => r.FirstError).FirstOrDefault(e => e is not null), TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks)));
    }

    private static string Report(BenchmarkOptions options, IReadOnlyList<ClusterPhase> phases, OnceCheck check)
    {
        var text = new StringBuilder();
        text.AppendLine("## Decisions with one and two instances on PostgreSQL");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Two bot processes on one fresh PostgreSQL database (the throwaway server of scripts/lib.sh: loopback, fsync off), both running for the whole benchmark with their clustered schedulers and outbox workers. Posts in review on one social channel, prepared through both instances; then {options.ClusterWorkers} closed-loop workers approve distinct posts (`post.approve` invokes with channel tokens): {options.ClusterWarmupDecisions} approvals over both instances to warm up, then {Math.Max(1, options.ClusterRounds)} round(s) of {options.ClusterDecisions / Math.Max(1, options.ClusterRounds)} sent to the first instance only followed by as many round-robin over both; the goal compares all rounds of each kind together. The load generator, the fakes, PostgreSQL and both bots share this machine's {Environment.ProcessorCount} cores; \"machine busy\" is the share of all cores not idle during the phase (/proc/stat), so a phase near 100 % was bound by the machine, not by the bot. CPU per decision: each bot process's user + kernel time, and the PostgreSQL server's (postmaster and backends, found by its port).");
        text.AppendLine();
        text.AppendLine("| phase | instances | decisions | non-200 | decisions/s | p50 ms | p90 ms | p99 ms | max ms | bot CPU ms/decision (first + second) | PostgreSQL CPU ms/decision | machine busy |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            var r = phase.Result;
            var perDecision = string.Join(" + ", phase.BotCpuMs.Select(ms => (ms / Math.Max(1, r.Succeeded)).ToString("F2", CultureInfo.InvariantCulture)));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {phase.Name} | {phase.Instances} | {r.Succeeded} | {r.Errors} | {r.RequestsPerSecond:F0} | {r.PercentileMs(50):F1} | {r.PercentileMs(90):F1} | {r.PercentileMs(99):F1} | {r.MaxMs:F0} | {perDecision} | {phase.PostgresCpuMs / Math.Max(1, r.Succeeded):F2} | {phase.MachineBusy:P0} |");
        }

        var one = Combined(phases.Where(p => p.Name.StartsWith("one instance", StringComparison.Ordinal)));
        var two = Combined(phases.Where(p => p.Name.StartsWith("two instances", StringComparison.Ordinal)));
        var ratio = two.RequestsPerSecond / one.RequestsPerSecond;
        foreach (var (name, combined) in new[] { ("one instance, all rounds", one), ("two instances, all rounds", two) })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| **{name}** | | {combined.Succeeded} | {combined.Errors} | **{combined.RequestsPerSecond:F0}** | {combined.PercentileMs(50):F1} | {combined.PercentileMs(90):F1} | {combined.PercentileMs(99):F1} | {combined.MaxMs:F0} | | | |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"In the database afterwards: {check.Describe()}.");
        text.AppendLine();
        text.AppendLine("| goal | target | measured | result |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| decision throughput, two instances against one | ≥ 1.3× | {ratio:F2}× ({two.RequestsPerSecond:F0} / {one.RequestsPerSecond:F0} decisions/s), {one.Errors + two.Errors} errors, {(check.EachExactlyOnce ? "each decided once" : "NOT each decided once")} | {IngressReport.Verdict(ratio >= 1.3 && one.Errors + two.Errors == 0 && check.EachExactlyOnce)} |");
        return text.ToString();
    }
}

internal sealed record ClusterPhase(string Name, int Instances, LoadResult Result, double[] BotCpuMs, double PostgresCpuMs, double MachineBusy);

/// <summary>
/// CPU time of a local PostgreSQL server: its postmaster (found by the port on its command line), the children it
/// reaped (backends of closed connections) and the children still running. Null when the server is not on this machine.
/// </summary>
internal static class PostgresCpu
{
    // USER_HZ, which /proc/*/stat counts in; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan? Read(int port)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        var processes = new List<(int Pid, int Parent, long Own, long Reaped)>();
        int? postmaster = null;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // After the command name in parentheses (which may hold spaces): state ppid … utime stime cutime cstime.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var own = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var reaped = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                processes.Add((pid, parent, own, reaped));
                if (postmaster is null && stat.Contains("(postgres)", StringComparison.Ordinal))
                {
                    var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                    if (arguments.Index().Any(a => a.Item == "-p" && a.Index + 1 < arguments.Length && arguments[a.Index + 1] == port.ToString(CultureInfo.InvariantCulture)))
                    {
                        postmaster = pid;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read, or is not ours to read.
            }
        }

        if (postmaster is not { } root)
        {
            return null;
        }

        var ticks = processes.Where(p => p.Pid == root).Sum(p => p.Own + p.Reaped) + processes.Where(p => p.Parent == root).Sum(p => p.Own);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}

/// <summary>The machine's CPU counters from /proc/stat's first line (all cores), in clock ticks.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        // cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return new MachineCpu(total - fields[3] - fields[4], total);
    }

    public double BusyShareSince(MachineCpu before) =>
        Total == before.Total ? double.NaN : (double)(Busy - before.Busy) / (Total - before.Total);
}

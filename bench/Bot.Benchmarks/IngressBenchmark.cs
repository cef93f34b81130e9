using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Protocol.Schema;
using Bot.Testing;

namespace Bot.Benchmarks;

/// <summary>
/// Benchmarks 1 and 4 of the hardening issue in one run: authenticated Teams <c>help</c> messages at 32 connections
/// against the real bot and against a bare JSON endpoint, and the bot's resident memory meanwhile.
/// </summary>
internal static class IngressBenchmark
{
    private const string AppId = BotUnderTest.AppId;

    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        await using var connector = new FakeConnectorServer { RecordCalls = false };
        await using var issuer = new FakeChannelTokenIssuer { ExpectedClientId = AppId, ExpectedClientSecret = BotUnderTest.AppPassword };
        await connector.StartAsync();
        await issuer.StartAsync();

        var activities = new TeamsActivities(connector.ServiceUrl, AppId);
        // Teams reuses a channel token for many activities until it nears expiry, so a pool of pre-minted tokens that
        // stay valid through the run is what the bot sees in production; minting per request would load the benchmark
        // process with RSA signing instead.
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var tokens = Enumerable.Range(0, options.Tokens)
            .Select(_ => "Bearer " + issuer.MintToken(AppId, connector.ServiceUrl, new TokenOptions { Expires = expires }))
            .ToArray();
        var next = -1;
        (byte[], string) NextRequest()
        {
            var n = Interlocked.Increment(ref next);
            return (JsonSerializer.SerializeToUtf8Bytes(activities.PersonalMessage("help"), ProtocolJson.Options), tokens[(int)((uint)n % tokens.Length)]);
        }

        Console.WriteLine($"Warm-up {options.WarmupSeconds} s, then {options.Seconds} s measured per endpoint, {options.Connections} connections.");

        var bare = await MeasureAsync("bare endpoint", options, client, NextRequest, connector, () => ServerProcess.StartAsync(
            typeof(BareEndpoint).Assembly.Location,
            [BareEndpoint.Command],
            // The bot is a Web SDK app and gets Server GC from it; the baseline must not differ in that.
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
            client));

        var databaseFolder = Path.Combine(Path.GetTempPath(), "bot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(databaseFolder);
        EndpointRun bot;
        try
        {
            var environment = BotUnderTest.Environment(issuer, Path.Combine(databaseFolder, "bot.db"));
            // This benchmark measured with the default log level from the start; keep its figures comparable.
            environment.Remove("Logging__LogLevel__Default");
            foreach (var (key, value) in options.ExtraBotEnvironment)
            {
                environment[key] = value;
            }

            bot = await MeasureAsync("bot", options, client, NextRequest, connector, () => ServerProcess.StartAsync(options.ResolvedBotDll, [], environment, client));
        }
        finally
        {
            Directory.Delete(databaseFolder, recursive: true);
        }

        return Report(options, bare, bot);
    }

    private static async Task<EndpointRun> MeasureAsync(
        string name,
        BenchmarkOptions options,
        HttpClient client,
        RequestFactory nextRequest,
        FakeConnectorServer connector,
        Func<Task<ServerProcess>> start)
    {
        Console.WriteLine($"Starting the {name}…");
        await using var server = await start();
        var idleBytes = MemorySampler.ResidentBytes(server.Id) ?? 0;
        var idleThreads = MemorySampler.Threads(server.Id) ?? 0;
        await using var memory = new MemorySampler(server.Id);
        var generator = new LoadGenerator(client, new Uri(server.BaseAddress, "api/messages"), nextRequest, options.Connections);

        Console.WriteLine($"  warm-up {options.WarmupSeconds} s");
        var warmup = await generator.RunAsync(TimeSpan.FromSeconds(options.WarmupSeconds), record: false);
        if (warmup.Errors > 0)
        {
            Console.WriteLine($"  warm-up errors: {warmup.Errors} (first: {warmup.FirstError})");
        }

        var serverCpuBefore = server.ProcessorTime;
        var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var repliesBefore = connector.Attempts;
        var outputBefore = server.OutputLines;
        Console.WriteLine($"  measuring {options.Seconds} s");
        var result = await generator.RunAsync(TimeSpan.FromSeconds(options.Seconds), record: true);
        var serverCpuAfter = server.ProcessorTime;
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore;
        var run = new EndpointRun(
            name,
            result,
            serverCpuAfter.User - serverCpuBefore.User,
            serverCpuAfter.Kernel - serverCpuBefore.Kernel,
            ownCpu,
            idleBytes,
            memory.PeakBytes,
            memory.Samples,
            idleThreads,
            memory.PeakThreads,
            connector.Attempts - repliesBefore,
            server.OutputLines - outputBefore);
        Console.WriteLine($"  {result.RequestsPerSecond:F0} req/s, p50 {result.PercentileMs(50):F2} ms, p99 {result.PercentileMs(99):F2} ms, {result.Errors} errors, peak RSS {run.PeakMegabytes:F0} MB");
        if (result.FirstError is not null)
        {
            Console.WriteLine($"  first error: {result.FirstError}");
        }

        return run;
    }

    private static string Report(BenchmarkOptions options, EndpointRun bare, EndpointRun bot)
    {
        var ratio = bot.Result.RequestsPerSecond / bare.Result.RequestsPerSecond;
        var p99 = bot.Result.PercentileMs(99);
        var peakMb = bot.PeakMegabytes;
        var text = new StringBuilder();
        text.AppendLine("## Ingress and memory (benchmarks 1 and 4)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load: {options.Connections} connections and {options.Connections} closed-loop workers, {options.WarmupSeconds} s warm-up then {options.Seconds} s measured per endpoint, bare endpoint first; each request a fresh Teams personal message `help` with one of {options.Tokens} pre-minted RS256 channel tokens; both servers are separate processes with Server GC.");
        if (options.ExtraBotEnvironment.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Bot environment overrides: {string.Join(", ", options.ExtraBotEnvironment.Select(e => $"`{e.Key}={e.Value}`"))}.");
        }

        text.AppendLine();
        text.AppendLine("| endpoint | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/req (of it kernel) | connector calls | idle RSS MB | peak RSS MB | threads idle → peak |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in new[] { bare, bot })
        {
            var r = run.Result;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Name} | {r.Succeeded} | {r.Errors} | {r.RequestsPerSecond:F0} | {r.PercentileMs(50):F2} | {r.PercentileMs(90):F2} | {r.PercentileMs(99):F2} | {r.MaxMs:F1} | {run.ServerCpuMsPerRequest:F3} ({run.ServerKernelCpuMsPerRequest:F3}) | {run.ConnectorCalls} | {run.IdleBytes / 1048576.0:F0} | {run.PeakMegabytes:F0} | {run.IdleThreads} → {run.PeakThreads} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Benchmark process CPU during the measured window (load generator + fake connector + token issuer): bare {bare.LoadGeneratorCpu.TotalSeconds:F1} s, bot {bot.LoadGeneratorCpu.TotalSeconds:F1} s of {options.Seconds} s wall. Bot log lines in the window: {bot.OutputLines}. RSS samples: {bot.MemorySamples} every 250 ms.");
        text.AppendLine();
        text.AppendLine("| goal | target | measured | result |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 1. throughput vs bare | ≥ 25 % | {ratio:P1} ({bot.Result.RequestsPerSecond:F0} / {bare.Result.RequestsPerSecond:F0} req/s) | {Verdict(ratio >= 0.25)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 1. bot p99 latency | < 25 ms | {p99:F2} ms | {Verdict(p99 < 25)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 4. bot peak RSS during benchmark 1 | < 250 MB | {peakMb:F0} MB | {Verdict(peakMb < 250)} |");
        return text.ToString();
    }

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string SdkVersion(string repositoryRoot)
    {
        try
        {
            using var dotnet = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, WorkingDirectory = repositoryRoot })!;
            var version = dotnet.StandardOutput.ReadToEnd().Trim();
            dotnet.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}

internal sealed record EndpointRun(
    string Name,
    LoadResult Result,
    TimeSpan ServerUserCpu,
    TimeSpan ServerKernelCpu,
    TimeSpan LoadGeneratorCpu,
    long IdleBytes,
    long PeakBytes,
    int MemorySamples,
    int IdleThreads,
    int PeakThreads,
    int ConnectorCalls,
    long OutputLines)
{
    public double PeakMegabytes => PeakBytes / 1048576.0;
    public double ServerCpuMsPerRequest => PerRequestMs(ServerUserCpu + ServerKernelCpu);
    public double ServerKernelCpuMsPerRequest => PerRequestMs(ServerKernelCpu);

    private double PerRequestMs(TimeSpan cpu) => Result.Succeeded == 0 ? double.NaN : cpu.TotalMilliseconds / Result.Succeeded;
}

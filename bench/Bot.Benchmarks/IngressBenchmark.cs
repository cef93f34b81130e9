using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bot.Protocol.Schema;
using Bot.Testing;

namespace Bot.Benchmarks;

/// <summary>
/// Ingress and memory: authenticated Teams <c>help</c> messages at 32 connections against a bare JSON endpoint, the
/// botbuilder-js reference bot and the real bot, one after the other in one run, and each server's resident memory
/// meanwhile. A bot's turn counts only if its reply reached the fake connector.
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

        EndpointRun? bare = null;
        if (options.IngressServers.Contains("bare"))
        {
            bare = await MeasureAsync("bare endpoint", options, client, NextRequest, connector, null, () => ServerProcess.StartAsync(
                options.ResolvedBare,
                [BareEndpoint.Command],
                // The bot ships with workstation GC (Bot.csproj); the baseline must not differ in that.
                new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" },
                client));
        }

        var databaseFolder = Path.Combine(Path.GetTempPath(), "bot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(databaseFolder);
        EndpointRun? reference = null;
        string? referenceMissing = null;
        EndpointRun bot;
        try
        {
            var environment = BotUnderTest.Environment(issuer, Path.Combine(databaseFolder, "bot.db"));
            // This benchmark measured with the default log level from the start; keep its figures comparable.
            environment.Remove("Logging__LogLevel__Default");

            if (!options.IngressServers.Contains("reference"))
            {
                referenceMissing = "not selected (--ingress-servers)";
            }
            else if (ReferenceBot.Missing(options) is { } missing)
            {
                referenceMissing = missing;
                Console.WriteLine("Reference bot skipped: " + missing);
            }
            else
            {
                reference = await MeasureAsync("botbuilder-js reference", options, client, NextRequest, connector, issuer, () => ReferenceBot.StartAsync(options, environment, client));
            }

            foreach (var (key, value) in options.ExtraBotEnvironment)
            {
                environment[key] = value;
            }

            bot = await MeasureAsync("bot", options, client, NextRequest, connector, issuer, () => ServerProcess.StartAsync(options.ResolvedBot, [], environment, client));
        }
        finally
        {
            Directory.Delete(databaseFolder, recursive: true);
        }

        return IngressReport.Write(options, bare, reference, referenceMissing, bot);
    }

    private static async Task<EndpointRun> MeasureAsync(
        string name,
        BenchmarkOptions options,
        HttpClient client,
        RequestFactory nextRequest,
        FakeConnectorServer connector,
        FakeChannelTokenIssuer? replyCheck,
        Func<Task<ServerProcess>> start)
    {
        Console.WriteLine($"Starting the {name}…");
        await using var server = await start();
        if (replyCheck is not null)
        {
            await CheckHelpReplyAsync(name, server, replyCheck, client);
        }

        var idleBytes = MemorySampler.ResidentBytes(server.Id) ?? 0;
        var idleThreads = MemorySampler.Threads(server.Id) ?? 0;
        await using var memory = new MemorySampler(server.Id);
        var generator = new LoadGenerator(client, new Uri(server.BaseAddress, "api/messages"), nextRequest, options.Connections);

        Console.WriteLine($"  warm-up {options.WarmupSeconds} s");
        var warmup = await generator.RunAsync(TimeSpan.FromSeconds(options.WarmupSeconds), record: false);
        if (warmup.Errors > 0)
        {
            Console.WriteLine($"  warm-up errors: {warmup.Errors} (first: {warmup.FirstError}); the server's last output:{Environment.NewLine}{server.LastOutput()}");
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
        Console.WriteLine($"  {result.RequestsPerSecond:F0} req/s, p50 {result.PercentileMs(50):F2} ms, p99 {result.PercentileMs(99):F2} ms, {result.Errors} errors, {run.ConnectorCalls} replies, peak RSS {run.PeakMegabytes:F0} MB");
        if (result.FirstError is not null)
        {
            Console.WriteLine($"  first error: {result.FirstError}");
        }

        return run;
    }

    /// <summary>
    /// Before any load, one <c>help</c> through a recording connector of its own: the reply must be an Adaptive Card,
    /// so the bots compared do the same work (under load the connector only counts).
    /// </summary>
    private static async Task CheckHelpReplyAsync(string name, ServerProcess server, FakeChannelTokenIssuer issuer, HttpClient client)
    {
        await using var recorder = new FakeConnectorServer();
        await recorder.StartAsync();
        var activity = new TeamsActivities(recorder.ServiceUrl, AppId).PersonalMessage("help");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "api/messages"))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options)),
        };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + issuer.MintToken(AppId, recorder.ServiceUrl));
        using var response = await client.SendAsync(request);
        // A bot may say something else first (a welcome in a new conversation) or reply after it answered (an outbox).
        var deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        ConnectorCall? card = null;
        IReadOnlyList<ConnectorCall> calls = [];
        while (card is null && Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                calls = await recorder.WaitForCallsAsync(calls.Count + 1, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline));
            }
            catch (TimeoutException)
            {
                break;
            }

            card = calls.FirstOrDefault(call => call.Activity?.Attachments?.Any(a => a.ContentType == Attachment.AdaptiveCardContentType) == true);
        }

        if (!response.IsSuccessStatusCode || card is null)
        {
            throw new InvalidOperationException($"The {name} answered help with HTTP {(int)response.StatusCode} and {calls.Count} connector calls, none with an Adaptive Card:{Environment.NewLine}{server.LastOutput()}");
        }

        Console.WriteLine($"  help answered with an Adaptive Card ({card.Kind} to the connector)");
    }

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

    /// <summary>
    /// Turns that count: a bot's 200 answers, but no more than the replies the connector received in the same window
    /// (a bot that answered 200 and never replied did not do the turn). The bare endpoint sends no reply; all its 200s count.
    /// </summary>
    public int Turns(bool replies) => replies ? Math.Min(Result.Succeeded, ConnectorCalls) : Result.Succeeded;

    public double TurnsPerSecond(bool replies) => Turns(replies) / Result.Elapsed.TotalSeconds;
    public double ServerCpuMsPerTurn(bool replies) => PerTurnMs(ServerUserCpu + ServerKernelCpu, replies);
    public double ServerKernelCpuMsPerTurn(bool replies) => PerTurnMs(ServerKernelCpu, replies);

    private double PerTurnMs(TimeSpan cpu, bool replies) => Turns(replies) == 0 ? double.NaN : cpu.TotalMilliseconds / Turns(replies);
}

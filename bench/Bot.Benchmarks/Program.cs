using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Bot.Benchmarks;

if (args is [BareEndpoint.Command, .. var serverArguments])
{
    return BareEndpoint.Run(serverArguments);
}

var options = BenchmarkOptions.Parse(args);
foreach (var program in new[] { options.ResolvedBot, options.ResolvedBare })
{
    if (!File.Exists(program))
    {
        await Console.Error.WriteLineAsync($"{program} is missing: scripts/bench.sh builds and publishes what the benchmarks run.");
        return 2;
    }
}

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = Math.Max(options.Connections, 256),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Benchmarks ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.Command}`");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores (nproc), .NET SDK {IngressBenchmark.SdkVersion(options.RepositoryRoot)}, runtime {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; load average before {IngressBenchmark.LoadAverage()}.");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Bot under test: `{Path.GetRelativePath(options.RepositoryRoot, options.ResolvedBot)}`; bare endpoint: `{Path.GetRelativePath(options.RepositoryRoot, options.ResolvedBare)}`.");
var failures = 0;
foreach (var name in options.Selected)
{
    Func<BenchmarkOptions, HttpClient, Task<string>> benchmark = name switch
    {
        "ingress" => IngressBenchmark.RunAsync,
        "decisions" => DecisionBenchmark.RunAsync,
        "cluster" => ClusterBenchmark.RunAsync,
        "scheduler" => SchedulerBenchmark.RunAsync,
        "digest" => DigestBenchmark.RunAsync,
        "flood" => FloodBenchmark.RunAsync,
        "calendar" => CalendarBenchmark.RunAsync,
        "feed" => FeedBenchmark.RunAsync,
        _ => throw new ArgumentException($"Unknown benchmark {name}; choose from ingress, decisions, cluster, scheduler, digest, flood, calendar, feed."),
    };
    report.AppendLine();
    try
    {
        report.AppendLine(await benchmark(options, client));
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException)
    {
        // One benchmark failing to set up must not cost the figures of the others.
        failures++;
        report.AppendLine(CultureInfo.InvariantCulture, $"## {name}: did not complete");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{e.GetType().Name}: {e.Message}");
    }

    report.AppendLine(CultureInfo.InvariantCulture, $"Load average after {name}: {IngressBenchmark.LoadAverage()}.");
}

var text = report.ToString();
Console.WriteLine();
Console.WriteLine(text);
Directory.CreateDirectory(Path.GetDirectoryName(options.ResolvedOutput)!);
await File.WriteAllTextAsync(options.ResolvedOutput, text);
Console.WriteLine($"Written to {options.ResolvedOutput}");
return failures == 0 ? 0 : 1;

using System.Globalization;

namespace Bot.Benchmarks;

internal sealed record BenchmarkOptions
{
    public int Seconds { get; init; } = 20;
    /// <summary>
    /// Long, because the bot is a big app for tiered compilation: on 2 busy cores a turn still ran Tier-0 code and the
    /// JIT took a quarter of the bot's CPU 10 s into the load (perf), at ~8 ms CPU per turn against ~2 ms after 30 s.
    /// </summary>
    public int WarmupSeconds { get; init; } = 30;
    public int Connections { get; init; } = 32;
    public int Tokens { get; init; } = 256;
    public string RepositoryRoot { get; init; } = FindRepositoryRoot();
    /// <summary>The bot to measure: a build's Bot.dll (run with dotnet) or a published executable, as scripts/bench.sh passes.</summary>
    public string? Bot { get; init; }

    /// <summary>
    /// The bare endpoint's program: this assembly by default, or this benchmark published the way the bot is, so the two
    /// run on the same framework build (scripts/bench.sh passes it).
    /// </summary>
    public string? Bare { get; init; }
    public string? Output { get; init; }
    public Dictionary<string, string> ExtraBotEnvironment { get; init; } = [];
    public string Command { get; init; } = "";

    /// <summary>Which benchmarks to run: ingress (and memory), decisions (fixed rates on SQLite), cluster (one and two instances on PostgreSQL), scheduler, digest, flood, calendar, feed.</summary>
    public IReadOnlyList<string> Selected { get; init; } = ["ingress", "decisions", "cluster", "scheduler", "digest", "flood", "calendar", "feed"];

    /// <summary>
    /// Which servers the ingress benchmark measures beside the bot: the bare endpoint and the reference by default. The
    /// bot alone takes a third of the time, for comparing builds or settings of the bot; its ratios are then not reported.
    /// </summary>
    public IReadOnlyList<string> IngressServers { get; init; } = ["bare", "reference", "bot"];

    public int FloodValidRate { get; init; } = 100;
    public int FloodForgedRate { get; init; } = 5000;
    public int FloodSeconds { get; init; } = 15;

    public int DigestSocialChannels { get; init; } = 40;
    public int DigestHistoryDays { get; init; } = 730;
    public int DigestComposeRuns { get; init; } = 20;
    public int DigestTeams { get; init; } = 1000;

    public int CalendarSocialChannels { get; init; } = 40;
    public int CalendarDays { get; init; } = 30;
    public int CalendarWarmupRequests { get; init; } = 30;
    public int CalendarRequests { get; init; } = 200;
    public int FeedSocialChannels { get; init; } = 40;
    public int FeedDays { get; init; } = 30;
    public int FeedRuns { get; init; } = 200;
    public int FeedWarmupRuns { get; init; } = 20;

    /// <summary>The goal is at 200/s; 400/s shows the headroom (or the queue) above it.</summary>
    public IReadOnlyList<int> DecisionRates { get; init; } = [200, 400];
    public int DecisionWarmupSeconds { get; init; } = 10;
    public int DecisionSeconds { get; init; } = 20;

    public int ClusterWarmupDecisions { get; init; } = 1_000;
    public int ClusterDecisions { get; init; } = 3_000;
    public int ClusterWorkers { get; init; } = 32;
    public int ClusterRounds { get; init; } = 2;

    public int Reminders { get; init; } = 10_000;
    public int SchedulerTeams { get; init; } = 10;
    public int AuthorsPerTeam { get; init; } = 20;
    public int SchedulerLeadMinutes { get; init; } = 6;

    /// <summary>How long after the due minute the benchmark waits for the last send before it reports what arrived.</summary>
    public int SchedulerGraceSeconds { get; init; } = 120;

    public string ResolvedBot => Bot ?? Path.Combine(RepositoryRoot, "bot", "Bot", "bin", "Release", "net10.0", "Bot.dll");
    public string ResolvedBare => Bare ?? typeof(BareEndpoint).Assembly.Location;
    public string ResolvedOutput => Output ?? Path.Combine(RepositoryRoot, "artifacts", "benchmarks", "report.md");

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions
        {
            Command = Environment.GetEnvironmentVariable("BENCH_COMMAND") is { Length: > 0 } command
                ? command
                : "dotnet Bot.Benchmarks.dll " + string.Join(' ', args),
        };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmupSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connections" => options with { Connections = int.Parse(value, CultureInfo.InvariantCulture) },
                "--tokens" => options with { Tokens = int.Parse(value, CultureInfo.InvariantCulture) },
                // --bot-dll is the name older commands in docs/benchmarks.md use.
                "--bot" or "--bot-dll" => options with { Bot = value },
                "--bare" => options with { Bare = value },
                "--output" => options with { Output = value },
                "--flood-seconds" => options with { FloodSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--flood-rate" => options with { FloodForgedRate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ingress-servers" => options with { IngressServers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--only" => options with { Selected = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--decision-rate" or "--decision-rates" => options with { DecisionRates = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture))] },
                "--decision-seconds" => options with { DecisionSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--decision-warmup" => options with { DecisionWarmupSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--cluster-decisions" => options with { ClusterDecisions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--cluster-warmup" => options with { ClusterWarmupDecisions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--cluster-rounds" => options with { ClusterRounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--cluster-workers" => options with { ClusterWorkers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--reminders" => options with { Reminders = int.Parse(value, CultureInfo.InvariantCulture) },
                "--scheduler-teams" => options with { SchedulerTeams = int.Parse(value, CultureInfo.InvariantCulture) },
                "--scheduler-lead-minutes" => options with { SchedulerLeadMinutes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--calendar-requests" => options with { CalendarRequests = int.Parse(value, CultureInfo.InvariantCulture) },
                "--digest-teams" => options with { DigestTeams = int.Parse(value, CultureInfo.InvariantCulture) },
                "--digest-days" => options with { DigestHistoryDays = int.Parse(value, CultureInfo.InvariantCulture) },
                "--feed-runs" => options with { FeedRuns = int.Parse(value, CultureInfo.InvariantCulture) },
                // For experiments that explain a figure, e.g. --bot-env Logging__LogLevel__Default=Warning.
                "--bot-env" => options with { ExtraBotEnvironment = new(options.ExtraBotEnvironment) { [value.Split('=', 2)[0]] = value.Split('=', 2)[1] } },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --only ingress,decisions,cluster,scheduler,digest,flood,feed --digest-teams N --digest-days N --feed-runs N --seconds N --warmup N --connections N --tokens N --decision-rates N,N --decision-warmup N --decision-seconds N --cluster-decisions N --cluster-warmup N --cluster-workers N --cluster-rounds N --flood-seconds N --flood-rate N --reminders N --scheduler-teams N --scheduler-lead-minutes N --bot-env KEY=VALUE --bot PATH --bare PATH --output PATH"),
            };
            i++;
        }

        return options;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}

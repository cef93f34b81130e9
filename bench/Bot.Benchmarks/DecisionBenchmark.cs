using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Bot.Protocol.Schema;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks;

/// <summary>
/// Benchmark 2 of the hardening issue: <c>adaptiveCard/action</c> approvals of distinct posts at a fixed arrival rate
/// (open loop, 200/s by default) against the real bot process, each answered only after its database commit.
/// </summary>
internal static class DecisionBenchmark
{
    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        Console.WriteLine("Decisions: starting the bot…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: false);
        var connector = bot.Connector;
        var coordinator = BenchTeam.Person("decisions-anna", "Anna Schmidt");
        var author = BenchTeam.Person("decisions-ben", "Ben Wagner");
        var reviewer = BenchTeam.Person("decisions-clara", "Clara Vogel");
        connector.Members.AddRange([coordinator, author, reviewer]);
        var team = new BenchTeam(connector.ServiceUrl, "bench-tenant-decisions", "19:decisions@thread.tacv2", "Decisions");

        await bot.SendAsync(team.Installed(coordinator));
        await bot.SendAsync(team.Command("add account instagram @decisions", coordinator));
        await bot.SendAsync(team.Command($"role <at>{author.Name}</at> editor", coordinator, author));
        await bot.SendAsync(team.Command($"role <at>{reviewer.Name}</at> reviewer", coordinator, reviewer));
        // The social channel's owner reviews its posts.
        await bot.SendAsync(team.Command($"assign <at>{reviewer.Name}</at> instagram", coordinator, reviewer));
        var socialChannelId = await ScalarAsync<long>(bot.DatabasePath, "SELECT Id FROM SocialChannels");

        var warmupCount = options.DecisionRate * options.DecisionWarmupSeconds;
        var measuredCount = options.DecisionRate * options.DecisionSeconds;
        Console.WriteLine($"Decisions: preparing {warmupCount + measuredCount} posts in review…");
        var prepared = Stopwatch.StartNew();
        var posts = await PreparePostsAsync(bot, team, author, socialChannelId, warmupCount + measuredCount);
        Console.WriteLine($"  prepared in {prepared.Elapsed.TotalSeconds:F0} s");

        var approve = posts.Select(postId => JsonSerializer.SerializeToUtf8Bytes(
            team.CardAction("post.approve", new { postId = postId.ToString("D"), revision = "1" }, reviewer), ProtocolJson.Options)).ToArray();

        Console.WriteLine($"Decisions: warm-up {options.DecisionWarmupSeconds} s at {options.DecisionRate}/s");
        var warmup = await OpenLoopAsync(bot, client, approve.AsMemory(0, warmupCount), options.DecisionRate);
        Console.WriteLine($"Decisions: measuring {options.DecisionSeconds} s at {options.DecisionRate}/s");
        var cpuBefore = bot.Server.ProcessorTime;
        var measured = await OpenLoopAsync(bot, client, approve.AsMemory(warmupCount, measuredCount), options.DecisionRate);
        var cpuAfter = bot.Server.ProcessorTime;

        var approved = await ScalarAsync<long>(bot.DatabasePath, "SELECT COUNT(*) FROM Posts WHERE Status = 'Approved'");
        var decisions = await ScalarAsync<long>(bot.DatabasePath, "SELECT COUNT(*) FROM PostReviewDecisions");
        var cpuMsPerDecision = ((cpuAfter.User + cpuAfter.Kernel) - (cpuBefore.User + cpuBefore.Kernel)).TotalMilliseconds / Math.Max(1, measured.Succeeded);

        var p99 = measured.PercentileMs(99);
        var text = new StringBuilder();
        text.AppendLine("## Decisions (benchmark 2)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{posts.Count} posts in review on one social channel, written by one editor; one reviewer approves each once, as `adaptiveCard/action` invokes (`post.approve`) with a channel token, at a fixed arrival rate of {options.DecisionRate}/s (open loop: a request is due at its slot whether or not earlier ones have answered, and its latency counts from that slot, so a stall is not hidden). {options.DecisionWarmupSeconds} s warm-up, then {options.DecisionSeconds} s measured. Every approval answers after the decision, the audit entry, the author's note and the approval-card update are committed to SQLite (the notes are sent afterwards by the outbox worker, which runs meanwhile).");
        text.AppendLine();
        text.AppendLine("| phase | requests | non-200 | achieved /s | p50 ms | p90 ms | p99 ms | max ms | bot CPU ms/decision |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| warm-up | {warmup.Succeeded + warmup.Errors} | {warmup.Errors} | {warmup.RequestsPerSecond:F0} | {warmup.PercentileMs(50):F2} | {warmup.PercentileMs(90):F2} | {warmup.PercentileMs(99):F2} | {warmup.MaxMs:F1} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| measured | {measured.Succeeded + measured.Errors} | {measured.Errors} | {measured.RequestsPerSecond:F0} | {measured.PercentileMs(50):F2} | {measured.PercentileMs(90):F2} | {measured.PercentileMs(99):F2} | {measured.MaxMs:F1} | {cpuMsPerDecision:F2} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Afterwards the database holds {approved} approved posts and {decisions} decisions for {posts.Count} approvals sent ({(approved == posts.Count && decisions == posts.Count ? "each exactly once" : "MISMATCH")}).");
        text.AppendLine();
        text.AppendLine("| goal | target | measured | result |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 2. approval p99 at {options.DecisionRate}/s | < 20 ms | {p99:F2} ms | {(p99 < 20 && measured.Errors == 0 ? "PASS" : "MISS")} |");
        return text.ToString();
    }

    private static async Task<List<Guid>> PreparePostsAsync(BotUnderTest bot, BenchTeam team, ChannelAccount author, long socialChannelId, int count)
    {
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            var created = await bot.SendAsync(team.CardAction("post.create", new { title = $"Decision {i}", text = "Der Frühling ist da.", socialChannels = socialChannelId.ToString(CultureInfo.InvariantCulture) }, author), cancellationToken);
            var postId = BotUnderTest.PostIdIn(created);
            await bot.SendAsync(team.CardAction("post.submit", new { postId = postId.ToString("D"), revision = "0" }, author), cancellationToken);
            ids[i] = postId;
        });
        return [.. ids];
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

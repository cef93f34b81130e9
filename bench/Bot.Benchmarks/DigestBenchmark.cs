using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Testing;

namespace Bot.Benchmarks;

/// <summary>
/// The digest issue's benchmark: composing one team's digest over 40 social channels with two years of daily figures
/// (fed in through the metrics API), and fanning 1,000 teams' digests out through the outbox to the fake connector.
/// </summary>
internal static partial class DigestBenchmark
{
    private static readonly string[] Metrics = ["followers", "impressions", "reactions", "comments", "shares", "clicks"];

    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        var text = new StringBuilder();
        text.AppendLine("## Digest");
        text.AppendLine();
        text.AppendLine(await ComposeAsync(options, client));
        text.AppendLine(await FanOutAsync(options, client));
        return text.ToString();
    }

    private static async Task<string> ComposeAsync(BenchmarkOptions options, HttpClient client)
    {
        Console.WriteLine("Digest: starting the bot for composing…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: true);
        var coordinator = BenchTeam.Person("digest-coordinator", "Dora Digest");
        bot.Connector.Members.Add(coordinator);
        var team = new BenchTeam(bot.Connector.ServiceUrl, "bench-tenant-digest", "19:digest@thread.tacv2", "Digest");
        await bot.SendAsync(team.Installed(coordinator));
        for (var c = 0; c < options.DigestSocialChannels; c++)
        {
            await bot.SendAsync(team.Command($"add account instagram @brand{c:D2}", coordinator));
        }

        await bot.SendAsync(team.Personal("metrics key create benchmark", coordinator));
        var key = bot.Connector.Calls.Select(c => KeyPattern().Match(c.VisibleText)).First(m => m.Success).Value;

        var days = options.DigestHistoryDays;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = new List<object>(10_000);
        var stored = 0;
        var feed = Stopwatch.StartNew();
        for (var c = 0; c < options.DigestSocialChannels; c++)
        {
            for (var d = 1; d <= days; d++)
            {
                var date = today.AddDays(-d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (var metric in Metrics)
                {
                    rows.Add(new { socialChannel = $"instagram @brand{c:D2}", date, metric, value = Figure(c, d, metric) });
                    if (rows.Count == 10_000)
                    {
                        stored += await PostMetricsAsync(bot, client, key, rows);
                    }
                }
            }
        }

        stored += await PostMetricsAsync(bot, client, key, rows);
        Console.WriteLine($"  {stored} figures stored through the API in {feed.Elapsed.TotalSeconds:F0} s");

        var timings = new List<double>();
        var sizes = new List<int>();
        for (var run = 0; run < options.DigestComposeRuns; run++)
        {
            var sendsBefore = bot.Connector.Calls.Count;
            var started = Stopwatch.GetTimestamp();
            await bot.SendAsync(team.Command("digest now", coordinator));
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var card = await WaitForDigestAsync(bot.Connector, sendsBefore);
            sizes.Add(card.Length);
        }

        var lastCard = bot.Connector.Calls.Last(IsDigest).Body!.Value.GetRawText();
        var chartUrl = ChartPattern().Match(lastCard);
        string chartCell;
        if (chartUrl.Success)
        {
            var started = Stopwatch.GetTimestamp();
            using var chart = await client.GetAsync(new Uri(chartUrl.Value));
            chart.EnsureSuccessStatusCode();
            chartCell = $"link; rendered on request in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms";
        }
        else
        {
            // Without a public address the picture travels inline, rendered while composing.
            chartCell = lastCard.Contains("data:image/png;base64,", StringComparison.Ordinal) ? "inline, rendered while composing" : "none";
        }

        timings.Sort();
        var warm = timings.Skip(options.DigestComposeRuns / 4).ToList();
        var result = new StringBuilder();
        result.AppendLine(CultureInfo.InvariantCulture, $"**Composing.** One team with {options.DigestSocialChannels} social channels and {days} days of daily figures each ({stored:N0} figures, fed through `POST /api/metrics` in batches of 10,000 in {feed.Elapsed.TotalSeconds:F0} s). `digest now` typed {options.DigestComposeRuns} times in the team's channel; each turn reads the figures, the review queue and the plan, composes the card and queues it in the outbox before it answers, so the turn's latency is the time to compose one digest. The first quarter of the runs counts as warm-up.");
        result.AppendLine();
        result.AppendLine("| runs | median ms | p90 ms | max ms | card size KB | chart |");
        result.AppendLine("|---:|---:|---:|---:|---:|---:|");
        result.AppendLine(CultureInfo.InvariantCulture, $"| {warm.Count} | {Percentile(warm, 50):F1} | {Percentile(warm, 90):F1} | {warm[^1]:F1} | {sizes.Max() / 1024.0:F1} | {chartCell} |");
        return result.ToString();
    }

    private static async Task<string> FanOutAsync(BenchmarkOptions options, HttpClient client)
    {
        Console.WriteLine($"Digest: starting the bot for the fan-out to {options.DigestTeams} teams…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: true);
        var teams = Enumerable.Range(0, options.DigestTeams)
            .Select(t => (Team: new BenchTeam(bot.Connector.ServiceUrl, $"bench-tenant-fan-{t:D4}", $"19:fan-{t:D4}@thread.tacv2", $"Team {t}"), Coordinator: BenchTeam.Person($"fan-{t}", $"Coordinator {t}")))
            .ToList();
        bot.Connector.Members.AddRange(teams.Select(t => t.Coordinator));
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(teams, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, cancellationToken) =>
        {
            await bot.SendAsync(t.Team.Installed(t.Coordinator), cancellationToken);
            await bot.SendAsync(t.Team.Command("add account instagram @brand", t.Coordinator), cancellationToken);
        });
        Console.WriteLine($"  {teams.Count} teams installed in {setup.Elapsed.TotalSeconds:F0} s");

        var sendsBefore = bot.Connector.Calls.Count;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(teams, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (t, cancellationToken) =>
            await bot.SendAsync(t.Team.Command("digest now", t.Coordinator), cancellationToken));
        var queued = Stopwatch.GetElapsedTime(started);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 300;
        List<ConnectorCall> digests;
        while (true)
        {
            digests = [.. bot.Connector.Calls.Skip(sendsBefore).Where(IsDigest)];
            if (digests.Count >= teams.Count || Stopwatch.GetTimestamp() > deadline)
            {
                break;
            }

            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        digests = [.. bot.Connector.Calls.Skip(sendsBefore).Where(IsDigest)];
        var delivered = Stopwatch.GetElapsedTime(started);
        var perTeam = digests.GroupBy(d => d.ConversationId).ToDictionary(g => g.Key!, g => g.Count());
        var missing = teams.Count(t => !perTeam.ContainsKey(t.Team.TeamId));
        var doubled = perTeam.Count(p => p.Value > 1);
        var lastArrival = digests.Count == 0 ? double.NaN : (digests.Max(d => d.At) - digests.Min(d => d.At)).TotalSeconds;

        var result = new StringBuilder();
        result.AppendLine(CultureInfo.InvariantCulture, $"**Fan-out.** {teams.Count} teams, each in its own tenant with one social channel, installed in {setup.Elapsed.TotalSeconds:F0} s; then every coordinator types `digest now` at once (32 at a time), and the outbox delivers the cards to the fake connector under the default pacing. (The scheduled path is the same job per team, started by Quartz instead of a turn.)");
        result.AppendLine();
        result.AppendLine("| teams | all queued after s | all delivered after s | first to last arrival s | missing | twice |");
        result.AppendLine("|---:|---:|---:|---:|---:|---:|");
        result.AppendLine(CultureInfo.InvariantCulture, $"| {teams.Count} | {queued.TotalSeconds:F1} | {(missing == 0 ? delivered.TotalSeconds - 3 : double.NaN):F1} | {lastArrival:F1} | {missing} | {doubled} |");
        return result.ToString();
    }

    private static bool IsDigest(ConnectorCall call) =>
        call.Kind == CallKind.Send
        && call.ConversationId?.StartsWith("19:", StringComparison.Ordinal) == true
        && call.Body is { } body
        && body.GetRawText() is var json
        && json.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal)
        && json.Contains("digest", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> WaitForDigestAsync(FakeConnectorServer connector, int after)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (connector.Calls.Skip(after).FirstOrDefault(IsDigest) is { } call)
            {
                return call.Body!.Value.GetRawText();
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The digest card never reached the connector.");
    }

    private static async Task<int> PostMetricsAsync(BotUnderTest bot, HttpClient client, string key, List<object> rows)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.Server.BaseAddress, "api/metrics"))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { metrics = rows })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST /api/metrics answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var count = rows.Count;
        rows.Clear();
        return count;
    }

    // Plausible figures with weekly rhythm and growth, deterministic so runs compare.
    private static long Figure(int channel, int daysAgo, string metric)
    {
        var baseline = 2_000 + channel * 150 - daysAgo;
        var weekday = daysAgo % 7 is 0 or 6 ? 0.7 : 1.0;
        return metric switch
        {
            "followers" => 10_000 + channel * 500 - daysAgo * 3,
            "impressions" => (long)(baseline * weekday),
            "reactions" => (long)(baseline * weekday * 0.04),
            "comments" => (long)(baseline * weekday * 0.005),
            "shares" => (long)(baseline * weekday * 0.003),
            _ => (long)(baseline * weekday * 0.01),
        };
    }

    private static double Percentile(List<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    [GeneratedRegex("smb_[A-Za-z0-9_-]{20,}")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("https?://[^\"\\s]+/downloads/digest-chart/[A-Za-z0-9_-]+")]
    private static partial Regex ChartPattern();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Testing;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks;

/// <summary>
/// Benchmark 3 of the hardening issue: ten thousand reminders due within the same minute, on Quartz's persistent
/// store in the bot's SQLite file, spread over several teams in their own tenants (Teams paces a bot per tenant, so
/// one tenant alone could not receive 10,000 messages in a minute). Each post is a draft planned for a second of that
/// minute; at its planned time the bot sends its author the "missed slot" card, through the outbox.
/// </summary>
internal static class SchedulerBenchmark
{
    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        Console.WriteLine("Scheduler: starting the bot…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: true);
        var connector = bot.Connector;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var perTeam = options.Reminders / options.SchedulerTeams;
        var perAuthor = Math.Max(1, perTeam / options.AuthorsPerTeam);

        // The minute is fixed before the set-up, because the planned time is part of each draft.
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(options.SchedulerLeadMinutes + 1);
        Console.WriteLine($"Scheduler: {options.Reminders} reminders in {options.SchedulerTeams} teams, {options.AuthorsPerTeam} authors each, due {minute:HH:mm} UTC; setting up…");

        var planned = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var setup = Stopwatch.StartNew();
        for (var t = 0; t < options.SchedulerTeams; t++)
        {
            var team = new BenchTeam(connector.ServiceUrl, $"bench-tenant-{t:D3}", $"19:scheduler-{t:D3}@thread.tacv2", $"Brand {t}");
            var coordinator = BenchTeam.Person($"scheduler-{t}-coordinator", $"Coordinator {t}");
            var authors = Enumerable.Range(0, options.AuthorsPerTeam).Select(a => BenchTeam.Person($"scheduler-{t}-author-{a}", $"Author {t}-{a}")).ToList();
            connector.Members.Add(coordinator);
            connector.Members.AddRange(authors);
            await bot.SendAsync(team.Installed(coordinator));
            await bot.SendAsync(team.Command($"add account instagram @brand{t}", coordinator));
            await Parallel.ForEachAsync(authors, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (author, cancellationToken) =>
                await bot.SendAsync(team.Command($"role <at>{author.Name}</at> editor", coordinator, author), cancellationToken));

            var socialChannelId = await DecisionBenchmark.ScalarAsync<long>(bot.DatabasePath, $"SELECT Id FROM SocialChannels WHERE TeamId = '{team.TeamId}'");
            await Parallel.ForEachAsync(Enumerable.Range(0, perTeam), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
            {
                var due = minute.AddSeconds(i % 60);
                var local = TimeZoneInfo.ConvertTime(due, zone);
                var author = authors[i / perAuthor % authors.Count];
                var answer = await bot.SendAsync(team.CardAction("post.create", new
                {
                    title = $"Slot {t}-{i}",
                    text = "Der Frühling ist da.",
                    socialChannels = socialChannelId.ToString(CultureInfo.InvariantCulture),
                    plannedDate = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    plannedTime = local.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                }, author), cancellationToken);
                planned[BotUnderTest.PostIdIn(answer)] = due;
            });
            Console.WriteLine($"  team {t + 1}/{options.SchedulerTeams} ready after {setup.Elapsed.TotalSeconds:F0} s");
        }

        if (DateTimeOffset.UtcNow > minute.AddSeconds(-5))
        {
            throw new InvalidOperationException($"The set-up took {setup.Elapsed.TotalSeconds:F0} s and ran into the minute the reminders are due; give it more lead with --scheduler-lead-minutes.");
        }

        var setupTime = setup.Elapsed;
        var sendsBefore = ReminderSends(connector).Count;
        Console.WriteLine($"Scheduler: set-up done in {setupTime.TotalSeconds:F0} s; waiting for {minute:HH:mm:ss} UTC and the sends…");
        var cpuBefore = bot.Server.ProcessorTime;
        var deadline = minute.AddSeconds(60 + options.SchedulerGraceSeconds);
        while (DateTimeOffset.UtcNow < deadline && ReminderSends(connector).Count - sendsBefore < planned.Count)
        {
            await Task.Delay(500);
        }

        // Anything still coming would be a double: give stragglers a moment to show.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var cpuAfter = bot.Server.ProcessorTime;
        var sends = ReminderSends(connector);
        var perPost = sends.GroupBy(s => s.PostId).ToDictionary(g => g.Key, g => g.Count());
        var missing = planned.Keys.Count(id => !perPost.ContainsKey(id));
        var doubled = perPost.Count(p => p.Value > 1);
        var lastArrival = sends.Count == 0 ? (TimeSpan?)null : sends.Max(s => s.At) - minute;

        var (queued, sent) = await LatenessAsync(bot.DatabasePath, planned);
        var queuedP99 = Percentile(queued, 99);
        var sentP99 = Percentile(sent, 99);
        var text = new StringBuilder();
        text.AppendLine("## Scheduler (benchmark 3)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{planned.Count} drafts in {options.SchedulerTeams} teams (each its own tenant, {options.AuthorsPerTeam} authors each), planned for the seconds of {minute:yyyy-MM-dd HH:mm} UTC, one Quartz trigger each in the persistent SQLite store, set up through the bot's own card actions in {setupTime.TotalSeconds:F0} s. At its planned time each post's author gets the \"missed slot\" card: the job reads the post and queues the card in the outbox, and the outbox worker sends it to the fake connector under the default pacing (per conversation and per tenant). Lateness counts from the planned second: *queued* to the outbox row's creation (the scheduler's part), *sent* to the connector's answer.");
        text.AppendLine();
        text.AppendLine("| reminders | sent | missing | sent twice | queued p50 / p99 / max s | sent p50 / p99 / max s | last arrival after the minute began | bot CPU s |");
        text.AppendLine("|---:|---:|---:|---:|---|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {planned.Count} | {perPost.Count} | {missing} | {doubled} | {Percentile(queued, 50):F2} / {queuedP99:F2} / {Percentile(queued, 100):F2} | {Percentile(sent, 50):F2} / {sentP99:F2} / {Percentile(sent, 100):F2} | {lastArrival?.TotalSeconds:F1} s | {((cpuAfter.User + cpuAfter.Kernel) - (cpuBefore.User + cpuBefore.Kernel)).TotalSeconds:F1} |");
        text.AppendLine();
        text.AppendLine("| goal | target | measured | result |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 3. all sent within 60 s (of each one's due second) | every one | {perPost.Count - missing}/{planned.Count}, sent p100 {Percentile(sent, 100):F1} s | {(missing == 0 && Percentile(sent, 100) <= 60 ? "PASS" : "MISS")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 3. lateness p99 (queued) | < 2 s | {queuedP99:F2} s | {(queuedP99 < 2 ? "PASS" : "MISS")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 3. each exactly once | 0 missing, 0 doubled | {missing} missing, {doubled} doubled | {(missing == 0 && doubled == 0 ? "PASS" : "MISS")} |");
        return text.ToString();
    }

    private static List<(Guid PostId, DateTimeOffset At)> ReminderSends(FakeConnectorServer connector) =>
        [.. connector.Calls
            .Where(c => c.Kind == CallKind.Send && c.Body is not null)
            .Select(c => (Match: BotUnderTest.PostIdPattern().Match(c.Body!.Value.GetRawText()), c.At))
            .Where(m => m.Match.Success)
            .Select(m => (Guid.Parse(m.Match.Groups[1].Value), m.At))];

    /// <summary>Seconds from each post's planned instant to its outbox row being written and being sent.</summary>
    private static async Task<(List<double> Queued, List<double> Sent)> LatenessAsync(string databasePath, IReadOnlyDictionary<Guid, DateTimeOffset> planned)
    {
        var queued = new List<double>();
        var sent = new List<double>();
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ActivityJson, CreatedAt, SentAt FROM OutboundMessages WHERE Kind = 'reminder'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var match = BotUnderTest.PostIdPattern().Match(reader.GetString(0));
            if (!match.Success || !planned.TryGetValue(Guid.Parse(match.Groups[1].Value), out var due))
            {
                continue;
            }

            // SQLite keeps the bot's instants as UTC ticks.
            queued.Add((new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero) - due).TotalSeconds);
            if (!reader.IsDBNull(2))
            {
                sent.Add((new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero) - due).TotalSeconds);
            }
        }

        queued.Sort();
        sent.Sort();
        return (queued, sent);
    }

    private static double Percentile(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

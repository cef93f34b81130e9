using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bot.Testing;

namespace Bot.Benchmarks;

/// <summary>
/// The calendar issue's benchmark: the tab API's month view for one team with 40 social channels and 3 posts a day on
/// each (3,600 posts in the month), on the real bot process and its SQLite file, signed in with a token from the fake
/// Entra ID. The posts are made through the chat's own draft form, as people would make them.
/// </summary>
internal static class CalendarBenchmark
{
    private static readonly string[] Times = ["09:00", "13:00", "17:00"];

    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        await using var entra = new FakeEntraIssuer { TenantId = "bench-tenant-calendar" };
        await entra.StartAsync();
        const string domain = "bot.bench.test";
        var botOptions = options with
        {
            ExtraBotEnvironment = new(options.ExtraBotEnvironment) { ["Tab__Authority"] = entra.Authority, ["Tab__Domain"] = domain },
        };
        Console.WriteLine("Calendar: starting the bot…");
        await using var bot = await BotUnderTest.StartAsync(botOptions, client, recordConnectorCalls: false);
        var coordinator = BenchTeam.Person("calendar-anna", "Anna Schmidt");
        bot.Connector.Members.Add(coordinator);
        var team = new BenchTeam(bot.Connector.ServiceUrl, entra.TenantId, "19:calendar@thread.tacv2", "Calendar");
        await bot.SendAsync(team.Installed(coordinator));
        for (var c = 0; c < options.CalendarSocialChannels; c++)
        {
            await bot.SendAsync(team.Command($"add account instagram @brand{c:D2}", coordinator));
            await bot.SendAsync(team.Command($"goal instagram @brand{c:D2} {2 + (c % 5)}/week", coordinator));
        }

        var channelIds = await SocialChannelIdsAsync(bot);
        // The month after today in Berlin, so every slot lies ahead and the draft form accepts it.
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var days = Enumerable.Range(0, options.CalendarDays).Select(first.AddDays).ToList();
        var slots = (from day in days from channel in channelIds from time in Times select (day, channel, time)).ToList();
        var seeded = Stopwatch.StartNew();
        await Parallel.ForEachAsync(slots.Select((slot, i) => (slot, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancellationToken) =>
        {
            var (slot, i) = item;
            await bot.SendAsync(team.CardAction("post.create", new
            {
                title = $"Beitrag {i}",
                text = "Der Frühling ist da: 20 % auf alles im Shop.",
                socialChannels = slot.channel.ToString(CultureInfo.InvariantCulture),
                plannedDate = slot.day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                plannedTime = slot.time,
            }, coordinator), cancellationToken);
        });
        var posts = await bot.ScalarAsync<long>("SELECT COUNT(*) FROM \"Posts\"");
        Console.WriteLine($"  {posts} posts made through the draft form in {seeded.Elapsed.TotalSeconds:F0} s");

        var token = entra.MintToken(coordinator.AadObjectId!, FakeEntraIssuer.TabAudience(domain, BotUnderTest.AppId), new EntraTokenOptions { Expires = DateTimeOffset.UtcNow.AddHours(3) });
        var url = new Uri(bot.Server.BaseAddress,
            $"api/tab/calendar?from={days[0]:yyyy-MM-dd}&to={days[^1]:yyyy-MM-dd}&team={Uri.EscapeDataString(team.TeamId)}");
        var timings = new List<double>();
        var size = 0L;
        var listed = 0;
        for (var run = 0; run < options.CalendarWarmupRequests + options.CalendarRequests; run++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The calendar answered {(int)response.StatusCode}.");
            }

            if (run >= options.CalendarWarmupRequests)
            {
                timings.Add(elapsed);
            }

            size = body.Length;
            listed = JsonDocument.Parse(body).RootElement.GetProperty("posts").GetArrayLength();
        }

        timings.Sort();
        var result = new StringBuilder();
        result.AppendLine("## Calendar tab");
        result.AppendLine();
        result.AppendLine(CultureInfo.InvariantCulture, $"**Month view.** One team with {channelIds.Count} social channels (each with a weekly goal) and 3 posts a day on each for {days.Count} days ({posts:N0} posts, made through the chat's draft form in {seeded.Elapsed.TotalSeconds:F0} s), on the bot's SQLite file. `GET /api/tab/calendar` for the whole month with an Entra ID token from the fake issuer, one request at a time over keep-alive, {options.CalendarWarmupRequests} warm-up requests first; the time is until the last byte of the answer ({listed:N0} posts, {size / 1024.0:F0} KB of JSON) arrived.");
        result.AppendLine();
        result.AppendLine("| requests | p50 ms | p90 ms | p99 ms | max ms | answer KB |");
        result.AppendLine("|---:|---:|---:|---:|---:|---:|");
        result.AppendLine(CultureInfo.InvariantCulture, $"| {timings.Count} | {Percentile(timings, 50):F1} | {Percentile(timings, 90):F1} | {Percentile(timings, 99):F1} | {timings[^1]:F1} | {size / 1024.0:F0} |");
        return result.ToString();
    }

    private static async Task<List<long>> SocialChannelIdsAsync(BotUnderTest bot)
    {
        var count = await bot.ScalarAsync<long>("SELECT COUNT(*) FROM \"SocialChannels\"");
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await bot.ScalarAsync<long>($"SELECT \"Id\" FROM \"SocialChannels\" ORDER BY \"Id\" LIMIT 1 OFFSET {i}"));
        }

        return ids;
    }

    private static double Percentile(List<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

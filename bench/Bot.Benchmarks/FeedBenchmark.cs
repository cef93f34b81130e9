using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bot.Benchmarks;

/// <summary>
/// The calendar issue's feed benchmark: a coordinator's team feed over a month of a team with 40 social channels and
/// three posts a day on each (3,600 posts), fetched from the real bot process on its SQLite file, as a calendar polls it:
/// full answers, then conditional ones that end in 304.
/// </summary>
internal static partial class FeedBenchmark
{
    private static readonly string[] Platforms = ["instagram", "linkedin", "facebook", "xing"];
    private static readonly string[] States = ["Draft", "InReview", "Approved", "Scheduled"];
    private static readonly TimeOnly[] Slots = [new(8, 0), new(12, 30), new(17, 0)];

    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        Console.WriteLine("Feed: starting the bot…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: true);
        var coordinator = BenchTeam.Person("feed-coordinator", "Fiona Feed");
        bot.Connector.Members.Add(coordinator);
        var team = new BenchTeam(bot.Connector.ServiceUrl, "bench-tenant-feed", "19:feed@thread.tacv2", "Feed");
        await bot.SendAsync(team.Installed(coordinator));
        for (var c = 0; c < options.FeedSocialChannels; c++)
        {
            await bot.SendAsync(team.Command($"add account {Platforms[c % Platforms.Length]} @brand{c:D2}", coordinator));
        }

        // One post made through the chat, submitted so its approval card is in the channel: its rows are the template
        // for the rest, so every column is in the shape the bot itself writes.
        var channelIds = await ChannelIdsAsync(bot.DatabasePath, team.TeamId);
        var created = await bot.SendAsync(team.CardAction("post.create", new { title = "Vorlage", text = "Der Frühling ist da.", socialChannels = channelIds[0].Id.ToString(CultureInfo.InvariantCulture) }, coordinator));
        var template = BotUnderTest.PostIdIn(created);
        await bot.SendAsync(team.CardAction("post.submit", new { postId = template.ToString("D"), revision = "0" }, coordinator));

        var seeding = Stopwatch.StartNew();
        var seeded = await SeedAsync(bot.DatabasePath, template, channelIds, options.FeedDays);
        Console.WriteLine($"  {seeded} posts seeded in {seeding.Elapsed.TotalSeconds:F1} s");

        var before = bot.Connector.Calls.Count;
        await bot.SendAsync(team.Personal("calendar feed team", coordinator));
        var url = bot.Connector.Calls.Skip(before).Select(c => FeedUrlPattern().Match(c.VisibleText)).FirstOrDefault(m => m.Success)?.Value
            ?? throw new InvalidOperationException("No feed URL in the answer to `calendar feed team`.");
        var feed = new Uri(bot.Server.BaseAddress, new Uri(url).AbsolutePath);

        // Warm-up: JIT, the SQLite page cache and EF's compiled queries, as on a bot that has been running.
        for (var i = 0; i < options.FeedWarmupRuns; i++)
        {
            await FetchAsync(client, feed, etag: null);
        }

        var full = new List<double>(options.FeedRuns);
        var (_, etag, body) = await FetchAsync(client, feed, etag: null);
        var cpuBefore = CpuMs(bot);
        for (var i = 0; i < options.FeedRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (status, _, _) = await FetchAsync(client, feed, etag: null);
            full.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Expect(status, HttpStatusCode.OK);
        }

        var fullCpu = (CpuMs(bot) - cpuBefore) / options.FeedRuns;
        var conditional = new List<double>(options.FeedRuns);
        cpuBefore = CpuMs(bot);
        for (var i = 0; i < options.FeedRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (status, _, _) = await FetchAsync(client, feed, etag);
            conditional.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Expect(status, HttpStatusCode.NotModified);
        }

        var conditionalCpu = (CpuMs(bot) - cpuBefore) / options.FeedRuns;
        var events = Regex.Count(body, "BEGIN:VEVENT");
        full.Sort();
        conditional.Sort();
        var result = new StringBuilder();
        result.AppendLine("## Calendar feed");
        result.AppendLine();
        result.AppendLine(CultureInfo.InvariantCulture, $"One team with {channelIds.Count} social channels and {Slots.Length} posts a day on each over {options.FeedDays} days ({seeded:N0} posts in the bot's SQLite file, cloned in SQL from a post made through the chat, with its approval card), a coordinator's team feed (`calendar feed team`) fetched {options.FeedRuns} times one after another over HTTP from the bot process after {options.FeedWarmupRuns} warm-up fetches; then {options.FeedRuns} fetches with the ETag, which the bot answers 304 (it still reads and renders the feed to know). The machine is shared, so the bot process's own CPU time per request is given too: latency under load, CPU time without it.");
        result.AppendLine();
        result.AppendLine("| request | runs | events | body KB | p50 ms | p99 ms | max ms | bot CPU ms per request |");
        result.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        result.AppendLine(CultureInfo.InvariantCulture, $"| full (200) | {full.Count} | {events:N0} | {Encoding.UTF8.GetByteCount(body) / 1024.0:F0} | {Percentile(full, 50):F1} | {Percentile(full, 99):F1} | {full[^1]:F1} | {fullCpu:F1} |");
        result.AppendLine(CultureInfo.InvariantCulture, $"| If-None-Match (304) | {conditional.Count} | – | 0 | {Percentile(conditional, 50):F1} | {Percentile(conditional, 99):F1} | {conditional[^1]:F1} | {conditionalCpu:F1} |");
        return result.ToString();
    }

    private static double CpuMs(BotUnderTest bot)
    {
        var (user, kernel) = bot.Server.ProcessorTime;
        return (user + kernel).TotalMilliseconds;
    }

    private static void Expect(HttpStatusCode status, HttpStatusCode expected)
    {
        if (status != expected)
        {
            throw new InvalidOperationException($"The feed answered {(int)status}, expected {(int)expected}.");
        }
    }

    private static async Task<(HttpStatusCode Status, EntityTagHeaderValue? ETag, string Body)> FetchAsync(HttpClient client, Uri feed, EntityTagHeaderValue? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, feed);
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(etag);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.ETag, body);
    }

    private static async Task<List<(int Id, string Platform)>> ChannelIdsAsync(string databasePath, string teamId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"Platform\" FROM \"SocialChannels\" WHERE \"TeamId\" = $team ORDER BY \"Id\"";
        command.Parameters.AddWithValue("$team", teamId);
        var channels = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            channels.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return channels;
    }

    /// <summary>
    /// Copies the template post (its row, its variant and its approval message) once per social channel, day and slot,
    /// in one transaction, changing only the id, the planned time (in Berlin, stored the way the bot's EF model does),
    /// the state, the title and the social channel.
    /// </summary>
    private static async Task<int> SeedAsync(string databasePath, Guid template, List<(int Id, string Platform)> channels, int days)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Default Timeout=60");
        await connection.OpenAsync();
        var templateId = await ScalarStringAsync(connection, "SELECT \"Id\" FROM \"Posts\" WHERE lower(\"Id\") = lower($id)", ("$id", template.ToString("D")));
        var upper = templateId.Any(char.IsUpper);
        var postColumns = await ColumnsAsync(connection, "Posts");
        var variantColumns = (await ColumnsAsync(connection, "PostVariants")).Where(c => c != "Id").ToList();
        var messageColumns = await ColumnsAsync(connection, "PostApprovalMessages");

        string Select(IEnumerable<string> columns, Dictionary<string, string> replaced) =>
            string.Join(", ", columns.Select(c => replaced.TryGetValue(c, out var parameter) ? parameter : $"\"{c}\""));
        string List(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var post = connection.CreateCommand();
        post.CommandText = $"INSERT INTO \"Posts\" ({List(postColumns)}) SELECT {Select(postColumns, new() { ["Id"] = "$id", ["PlannedPublishAt"] = "$planned", ["Status"] = "$status", ["WorkingTitle"] = "$title" })} FROM \"Posts\" WHERE \"Id\" = $template";
        await using var variant = connection.CreateCommand();
        variant.CommandText = $"INSERT INTO \"PostVariants\" ({List(variantColumns)}) SELECT {Select(variantColumns, new() { ["PostId"] = "$id", ["SocialChannelId"] = "$channel", ["Platform"] = "$platform" })} FROM \"PostVariants\" WHERE \"PostId\" = $template";
        await using var message = connection.CreateCommand();
        message.CommandText = $"INSERT INTO \"PostApprovalMessages\" ({List(messageColumns)}) SELECT {Select(messageColumns, new() { ["PostId"] = "$id", ["ActivityId"] = "$activity" })} FROM \"PostApprovalMessages\" WHERE \"PostId\" = $template";
        foreach (var command in new[] { post, variant, message })
        {
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$template", templateId);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var planned = new DateTimeOffsetToBinaryConverter();
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var count = 0;
        foreach (var (channel, platform) in channels)
        {
            for (var d = 0; d < days; d++)
            {
                foreach (var slot in Slots)
                {
                    var local = firstDay.AddDays(d).ToDateTime(slot);
                    var at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
                    var id = Guid.NewGuid().ToString("D");
                    id = upper ? id.ToUpperInvariant() : id;
                    Set(post, "$id", id);
                    Set(post, "$planned", (long)planned.ConvertToProvider(at)!);
                    Set(post, "$status", States[count % States.Length]);
                    Set(post, "$title", $"Beitrag {count + 1} für @brand{channel}");
                    Set(variant, "$id", id);
                    Set(variant, "$channel", channel);
                    Set(variant, "$platform", platform);
                    Set(message, "$id", id);
                    Set(message, "$activity", $"1700{count:D9}");
                    await post.ExecuteNonQueryAsync();
                    await variant.ExecuteNonQueryAsync();
                    await message.ExecuteNonQueryAsync();
                    count++;
                }
            }
        }

        await transaction.CommitAsync();
        return count;
    }

    private static void Set(SqliteCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<string> ScalarStringAsync(SqliteConnection connection, string sql, (string Name, object Value) parameter)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("The template post is not in the database."));
    }

    private static double Percentile(List<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    [GeneratedRegex(@"https?://[^\s)\]]+/calendar/feed/[A-Za-z0-9_-]+\.ics")]
    private static partial Regex FeedUrlPattern();
}

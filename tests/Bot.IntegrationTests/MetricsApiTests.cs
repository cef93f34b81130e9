using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bot.Metrics;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Teams;
using Bot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// <c>POST /api/metrics</c> on the real bot and a real SQLite file: keys made by the real key service, every answer read
/// as a tool would, every change checked in the database.
/// </summary>
public sealed class MetricsApiTests : IAsyncLifetime
{
    private const string OtherTeamId = "19:other-team@thread.tacv2";
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly BotApplication _bot;
    private string _key = null!;
    private int _instagramId;
    private int _otherTeamsChannelId;

    public MetricsApiTests() => _bot = new BotApplication { Clock = _clock };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna);
        await _bot.SendAsync(_bot.Activities.ChannelCommand("add account instagram @contoso_de", Anna));
        _instagramId = await _bot.WithDatabaseAsync(db => db.SocialChannels.Where(c => c.TeamId == TeamsActivities.TeamId).Select(c => c.Id).SingleAsync());
        _otherTeamsChannelId = await _bot.WithDatabaseAsync(async db =>
        {
            db.Teams.Add(new Team { TeamId = OtherTeamId, Name = "Fabrikam", CreatedAt = _clock.GetUtcNow() });
            var channel = new SocialChannel { TeamId = OtherTeamId, Platform = Platform.Instagram, Handle = "@fabrikam", CreatedAt = _clock.GetUtcNow() };
            db.SocialChannels.Add(channel);
            await db.SaveChangesAsync();
            return channel.Id;
        });
        _key = await CreateKeyAsync(TeamsActivities.TeamId);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task A_missing_wrong_or_revoked_key_gets_401_problem_json_and_changes_nothing()
    {
        var batch = Batch(Row("instagram @contoso_de", "2026-12-01", "impressions", 100));

        var missing = await PostAsync(batch, key: null);
        var wrong = await PostAsync(batch, key: "smb_" + new string('A', 43));
        var garbage = await PostAsync(batch, key: "not-even-a-key");
        var wrongScheme = await PostAsync(batch, authorization: "Basic " + _key);

        Assert.All(new[] { missing, wrong, garbage, wrongScheme }, response =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);

        var prefix = _key[..MetricsApiKeys.PrefixLength];
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            Assert.Equal(MetricsKeyOutcome.Done, await scope.ServiceProvider.GetRequiredService<MetricsApiKeys>().RevokeAsync(TeamsActivities.TeamId, Anna.AadObjectId!, prefix, default));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(batch)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(batch, apiKeyHeader: _key)).StatusCode);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.CountAsync()));
    }

    [Fact]
    public async Task The_same_batch_twice_stores_once_and_the_second_answer_says_nothing_changed()
    {
        var batch = Batch(
            Row("instagram @contoso_de", "2026-12-01", "impressions", 1234),
            new { socialChannelId = _instagramId, date = "2026-12-01", metric = "likes", value = 56, source = "matomo" },
            new { postUrl = "https://www.instagram.com/p/Winter/?utm_source=ig", date = "2026-12-02", metric = "comments", value = 7 });

        var first = await ReadAsync(await PostAsync(batch));
        var second = await ReadAsync(await PostAsync(batch, apiKeyHeader: _key));

        Assert.Equal((3, 3, 0, 0), (first.GetProperty("read").GetInt32(), first.GetProperty("inserted").GetInt32(), first.GetProperty("updated").GetInt32(), first.GetProperty("unchanged").GetInt32()));
        Assert.Equal((3, 0, 0, 3), (second.GetProperty("read").GetInt32(), second.GetProperty("inserted").GetInt32(), second.GetProperty("updated").GetInt32(), second.GetProperty("unchanged").GetInt32()));
        var daily = await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.AsNoTracking().OrderBy(m => m.Metric).ToListAsync());
        Assert.Equal(
            [(_instagramId, new DateOnly(2026, 12, 1), MetricKind.Impressions, 1234L, "api"), (_instagramId, new DateOnly(2026, 12, 1), MetricKind.Reactions, 56L, "matomo")],
            daily.Select(m => (m.SocialChannelId, m.Date, m.Metric, m.Value, m.Source)));
        Assert.All(daily, m => Assert.Equal(TeamsActivities.TeamId, m.TeamId));
        var post = await _bot.WithDatabaseAsync(db => db.PostMetrics.AsNoTracking().SingleAsync());
        Assert.Equal(("instagram.com/p/Winter", new DateOnly(2026, 12, 2), MetricKind.Comments, 7L), (post.PostUrl, post.Date, post.Metric, post.Value));

        // A corrected figure later in the day is an update, and only it changes.
        _clock.Advance(TimeSpan.FromHours(2));
        var corrected = await ReadAsync(await PostAsync(Batch(Row("instagram @contoso_de", "2026-12-01", "impressions", 1300), new { socialChannelId = _instagramId, date = "2026-12-01", metric = "likes", value = 56, source = "matomo" })));
        Assert.Equal((0, 1, 1), (corrected.GetProperty("inserted").GetInt32(), corrected.GetProperty("updated").GetInt32(), corrected.GetProperty("unchanged").GetInt32()));
        var after = await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.AsNoTracking().ToDictionaryAsync(m => m.Metric));
        Assert.Equal((1300L, _clock.GetUtcNow()), (after[MetricKind.Impressions].Value, after[MetricKind.Impressions].ReadAt));
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromHours(2), after[MetricKind.Reactions].ReadAt);
    }

    [Fact]
    public async Task One_bad_row_among_good_ones_refuses_the_batch_listing_every_bad_row_and_stores_nothing()
    {
        await PostAsync(Batch(Row("instagram @contoso_de", "2026-11-30", "impressions", 10)));
        var before = await SnapshotAsync();

        var response = await PostAsync(Batch(
            Row("instagram @contoso_de", "2026-12-01", "impressions", 1234),
            Row("instagram @contoso_de", "2026-11-30", "impressions", 999),
            Row("instagram @contoso_de", "01.12.2026", "impressions", 1),
            Row("instagram @contoso_de", "2026-12-01", "hugs", 1),
            Row("instagram @contoso_de", "2026-12-01", "reach", -1),
            Row("instagram @contoso_de", "2026-12-09", "reach", 1),
            Row("instagram @contoso_de", "2020-12-01", "reach", 1),
            Row("tiktok", "2026-12-01", "reach", 1),
            new { date = "2026-12-01", metric = "reach", value = 1 },
            new { socialChannel = "instagram", date = "2026-12-01", metric = "reach", value = "12" },
            Row("instagram @contoso_de", "2026-12-01", "impressions", 1234)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync(response);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("message").GetString()!)).ToList();
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10], errors.Select(e => e.Item1));
        Assert.Contains(errors, e => e == (2, "\"01.12.2026\" is no date (2026-12-01)"));
        Assert.Contains(errors, e => e == (3, "\"hugs\" is no metric the bot knows (followers, impressions, reach, reactions, comments, shares, clicks, video_views)"));
        Assert.Contains(errors, e => e == (5, "2026-12-09 is in the future"));
        Assert.Contains(errors, e => e == (7, "this team has no social channel \"tiktok\""));
        Assert.Contains(errors, e => e == (9, "\"value\" has the wrong type"));
        Assert.Contains(errors, e => e == (10, "repeats the figure of row 0 (same target, date and metric)"));
        Assert.Equal("9 rows are invalid; nothing was stored.", problem.GetProperty("title").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Another_teams_social_channel_is_refused_like_one_that_does_not_exist()
    {
        var response = await PostAsync(Batch(
            new { socialChannelId = _otherTeamsChannelId, date = "2026-12-01", metric = "impressions", value = 5 },
            Row("instagram @fabrikam", "2026-12-01", "impressions", 5)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await ReadAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Equal([$"this team has no social channel \"{_otherTeamsChannelId}\"", "this team has no social channel \"instagram @fabrikam\""], messages);

        // With its own key the other team's channel is fine: the key decides the team, not the row.
        var otherKey = await CreateKeyAsync(OtherTeamId);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Batch(new { socialChannelId = _otherTeamsChannelId, date = "2026-12-01", metric = "impressions", value = 5 }), key: otherKey)).StatusCode);
        Assert.Equal(OtherTeamId, await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.Select(m => m.TeamId).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_gets_4xx_never_500_and_the_bot_keeps_serving()
    {
        var deep = new StringBuilder("{\"metrics\":[");
        for (var i = 0; i < 200; i++)
        {
            deep.Append('[');
        }

        var corpus = new List<(string Name, byte[] Body)>
        {
            ("empty", []),
            ("not json", "metrics please"u8.ToArray()),
            ("truncated", "{\"metrics\":[{\"socialChannel\":\"instagram\""u8.ToArray()),
            ("array root", "[1,2,3]"u8.ToArray()),
            ("string root", "\"metrics\""u8.ToArray()),
            ("metrics not an array", "{\"metrics\":{\"a\":1}}"u8.ToArray()),
            ("metrics missing", "{\"data\":[]}"u8.ToArray()),
            ("trailing comma", "{\"metrics\":[],}"u8.ToArray()),
            ("comment", "{\"metrics\":[] /* hi */}"u8.ToArray()),
            ("invalid utf-8", [.. "{\"metrics\":[{\"socialChannel\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}]}"u8.ToArray()]),
            ("deep nesting", Encoding.UTF8.GetBytes(deep.ToString())),
            ("row not an object", "{\"metrics\":[1,\"x\",null,[]]}"u8.ToArray()),
            ("wrong types", "{\"metrics\":[{\"socialChannelId\":\"3\",\"date\":20261201,\"metric\":true,\"value\":{}}]}"u8.ToArray()),
            ("missing fields", "{\"metrics\":[{}]}"u8.ToArray()),
            ("huge number", "{\"metrics\":[{\"socialChannel\":\"instagram\",\"date\":\"2026-12-01\",\"metric\":\"reach\",\"value\":1e400}]}"u8.ToArray()),
            ("fraction", "{\"metrics\":[{\"socialChannel\":\"instagram\",\"date\":\"2026-12-01\",\"metric\":\"reach\",\"value\":1.5}]}"u8.ToArray()),
            ("int overflow id", "{\"metrics\":[{\"socialChannelId\":99999999999999,\"date\":\"2026-12-01\",\"metric\":\"reach\",\"value\":1}]}"u8.ToArray()),
            ("control chars", "{\"metrics\":[{\"socialChannel\":\"insta\\u0000gram\",\"date\":\"2026-12-01\",\"metric\":\"reach\",\"value\":1,\"source\":\"a\\u0007\"}]}"u8.ToArray()),
            ("long url", Encoding.UTF8.GetBytes("{\"metrics\":[{\"postUrl\":\"https://x.com/" + new string('a', 5000) + "\",\"metric\":\"reach\",\"value\":1}]}")),
            ("too many rows", Encoding.UTF8.GetBytes("{\"metrics\":[" + string.Join(',', Enumerable.Repeat("{}", MetricsStore.MaxRows + 1)) + "]}")),
        };

        foreach (var (name, body) in corpus)
        {
            var response = await PostRawAsync(body);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{name}: {(int)response.StatusCode}");
        }

        var huge = new byte[MetricsEndpoints.MaxBodyBytes + 10];
        Array.Fill(huge, (byte)' ');
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostRawAsync(huge)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostRawAsync(huge, chunked: true)).StatusCode);

        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.CountAsync() ));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Batch(Row("instagram", "2026-12-01", "reach", 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.PersonalMessage("help"))).StatusCode);
    }

    private async Task<string> CreateKeyAsync(string teamId)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<MetricsApiKeys>();
        var (outcome, created) = await keys.CreateAsync(teamId, Anna.AadObjectId!, "test", default);
        if (outcome != MetricsKeyOutcome.Done)
        {
            // Anna coordinates the installed team; for the other team she needs the role too.
            await _bot.WithDatabaseAsync(async db =>
            {
                db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, AadObjectId = Anna.AadObjectId!, Role = TeamRole.Coordinator, Since = _clock.GetUtcNow() });
                return await db.SaveChangesAsync();
            });
            (outcome, created) = await keys.CreateAsync(teamId, Anna.AadObjectId!, "test", default);
        }

        Assert.Equal(MetricsKeyOutcome.Done, outcome);
        return created!.Key;
    }

    private Task<string> SnapshotAsync() => _bot.WithDatabaseAsync(async db =>
        JsonSerializer.Serialize(new
        {
            daily = await db.SocialChannelDailyMetrics.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.SocialChannelId, m.Date, m.Metric, m.Value, m.ReadAt }).ToListAsync(),
            posts = await db.PostMetrics.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.PostUrl, m.Date, m.Metric, m.Value, m.ReadAt }).ToListAsync(),
        }));

    private static object Row(string socialChannel, string date, string metric, long value) => new { socialChannel, date, metric, value };

    private static object Batch(params object[] rows) => new { metrics = rows };

    [Fact]
    public async Task Failed_key_attempts_are_limited_per_source_address_with_429_and_Retry_After_while_others_go_on()
    {
        var attacker = IPAddress.Parse("203.0.113.7");
        var pusher = IPAddress.Parse("198.51.100.9");
        for (var i = 0; i < MetricsKeyAttempts.FailuresPerSource; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostFromAsync(attacker, RandomKey())).Response.StatusCode);
        }

        var limited = await PostFromAsync(attacker, RandomKey());
        var limitedEvenWithTheKey = await PostFromAsync(attacker, _key);
        var elsewhere = await PostFromAsync(pusher, _key);

        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.InRange(int.Parse(limited.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(StatusCodes.Status429TooManyRequests, limitedEvenWithTheKey.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, elsewhere.Response.StatusCode);
    }

    [Fact]
    public async Task Failed_attempts_on_one_key_prefix_from_many_addresses_are_limited_too()
    {
        var prefix = _key[..MetricsApiKeys.PrefixLength];
        for (var i = 0; i < MetricsKeyAttempts.FailuresPerPrefix; i++)
        {
            var source = IPAddress.Parse($"203.0.113.{i + 1}");
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostFromAsync(source, prefix + RandomKey()[MetricsApiKeys.PrefixLength..])).Response.StatusCode);
        }

        var samePrefix = await PostFromAsync(IPAddress.Parse("203.0.113.200"), prefix + RandomKey()[MetricsApiKeys.PrefixLength..]);
        var otherPrefix = await PostFromAsync(IPAddress.Parse("203.0.113.201"), RandomKey());

        Assert.Equal(StatusCodes.Status429TooManyRequests, samePrefix.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(samePrefix.Response.Headers.RetryAfter.ToString()));
        Assert.Equal(StatusCodes.Status401Unauthorized, otherPrefix.Response.StatusCode);
    }

    private static string RandomKey() => MetricsApiKeys.KeyStart + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private Task<HttpContext> PostFromAsync(IPAddress source, string key) =>
        _bot.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = source;
            context.Request.Method = "POST";
            context.Request.Path = MetricsEndpoints.Path;
            context.Request.ContentType = "application/json";
            context.Request.Headers.Authorization = "Bearer " + key;
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Batch(Row("instagram @contoso_de", "2026-12-01", "impressions", 1200)))));
        });

    private Task<HttpResponseMessage> PostAsync(object batch, string? key = "default", string? apiKeyHeader = null, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MetricsEndpoints.Path) { Content = new StringContent(JsonSerializer.Serialize(batch), Encoding.UTF8, "application/json") };
        if (apiKeyHeader is not null)
        {
            request.Headers.Add(MetricsEndpoints.ApiKeyHeader, apiKeyHeader);
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        else if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key == "default" ? _key : key);
        }

        return SendAsync(request);
    }

    private Task<HttpResponseMessage> PostRawAsync(byte[] body, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, MetricsEndpoints.Path) { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        return SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = _bot.CreateClient();
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bot.IntegrationTests;

/// <summary>
/// Random mutations of valid Teams payloads (messages, card actions, submits, conversation and installation updates)
/// posted with valid tokens for a bounded time: the bot answers each with a 2xx or 4xx (501 for an invoke it does not
/// know), never a 500, and still serves afterwards. Seeded; the seed and the offending payload are in the failure.
/// <c>FUZZ_SECONDS</c> and <c>FUZZ_SEED</c> override the defaults.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private static readonly string[] Words =
    [
        "help", "hilfe", "who", "assign", "zuweisen", "backup", "away", "abwesend", "role", "goal", "new post", "pending", "show",
        "history", "withdraw", "published", "failed deliveries", "instagram", "x", "<at>Ben Wagner</at>", "@contoso", "2026-12-20..2027-01-06",
        "3/week", "editor", "coordinator", "ffffffff", "metrics key", "metrics keys", "create", "revoke", "smb_", "import metrics", "metrics-schlüssel", "https://example.com", "**", "<script>", "ä", "\u0000", "\uFFFF", "🙂",
    ];

    private static readonly string[] Verbs =
    [
        "post.create", "post.submit", "post.edit", "post.approve", "post.requestChanges", "post.reject", "post.refresh",
        "absence.record", "help.show", "delivery.retry", "unknown.verb", "",
    ];

    private readonly BotApplication _bot = new();

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        foreach (var command in new[] { "add account instagram @contoso_de", "role <at>Ben Wagner</at> editor", "role <at>Clara Vogel</at> reviewer", "assign <at>Clara Vogel</at> instagram" })
        {
            await _bot.SendAsync(_bot.Activities.ChannelCommand(command, Anna, [Ben, Clara]));
        }
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task Mutated_teams_payloads_never_get_a_500_and_the_bot_keeps_serving()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SECONDS"), out var s) ? s : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"Fuzz seed {seed}, {seconds} s (FUZZ_SEED={seed} repeats this run).");
        var random = new Random(seed);
        var seeds = Seeds();
        using var client = _bot.CreateClient();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(seconds);
        var sent = 0;
        var statuses = new Dictionary<int, int>();

        while (DateTimeOffset.UtcNow < deadline)
        {
            var payload = JsonNode.Parse(seeds[random.Next(seeds.Count)].ToJson())!;
            payload["id"] = "fuzz-" + sent;
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                Mutate(payload, random);
            }

            var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
            if (random.Next(10) == 0)
            {
                body = CorruptBytes(body, random);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var serviceUrl = (payload as JsonObject)?["serviceUrl"] is JsonValue value && value.TryGetValue<string>(out var url) && url.Length > 0 ? url : _bot.Connector.ServiceUrl;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bot.TokenIssuer.MintToken(BotApplication.AppId, serviceUrl));

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            sent++;
            Assert.True(
                status < 500 || status == 501,
                $"Seed {seed}, request {sent}: HTTP {status} for\n{Shorten(Encoding.UTF8.GetString(body))}");
        }

        output.WriteLine($"{sent} requests: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        var before = _bot.Connector.Calls.Count;
        // Straight to the endpoint: notes the fuzzing queued may still be paced out in the outbox, and the help card is
        // the turn's own answer, sent while the request runs.
        var helpActivity = _bot.Activities.ChannelCommand("help", Anna);
        using var helpRequest = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(helpActivity.ToJson(), Encoding.UTF8, "application/json") };
        helpRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bot.TokenFor(helpActivity));
        using var help = await client.SendAsync(helpRequest);
        Assert.Equal(HttpStatusCode.OK, help.StatusCode);
        Assert.Contains(_bot.Connector.Calls.Skip(before), c => c.VisibleText.Contains("help", StringComparison.OrdinalIgnoreCase));
        Assert.True(sent > 50, $"Only {sent} requests in {seconds} s.");
    }

    private static string Shorten(string payload) =>
        payload.Length <= 4000 ? payload : payload[..2000] + $"… ({payload.Length} characters) …" + payload[^2000..];

    private List<Activity> Seeds()
    {
        var postId = _bot.WithDatabaseAsync(db => db.Posts.Select(p => (Guid?)p.Id).FirstOrDefaultAsync()).GetAwaiter().GetResult() ?? Guid.NewGuid();
        var a = _bot.Activities;
        var seeds = new List<Activity>
        {
            a.PersonalMessage("help"),
            a.PersonalMessage("who", "de-DE"),
            a.ChannelCommand("assign <at>Ben Wagner</at> instagram", Anna, [Ben]),
            a.ChannelCommand("away <at>Ben Wagner</at> 2026-12-20..2027-01-06 cover <at>Clara Vogel</at>", Anna, [Ben, Clara]),
            a.ChannelCommand("new post", Ben),
            a.ChannelCommand("failed deliveries", Anna),
            a.BotAddedToTeam(),
            a.InstallationAdded(inTeam: true),
            a.InstallationAdded(inTeam: false),
        };
        foreach (var verb in Verbs)
        {
            var action = a.CardAction(verb, new { postId = postId.ToString("D"), revision = "1", title = "T", text = "Text", socialChannels = "1", comment = "c", messageId = "1" }, inChannel: true);
            action.From = Clara;
            action.ChannelData = new { tenant = new { id = TeamsActivities.TenantId }, team = new { id = TeamsActivities.TeamId }, channel = new { id = TeamsActivities.ChannelConversationId } };
            seeds.Add(action);
        }

        var submit = a.ChannelCommand(string.Empty, Clara);
        submit.Text = null;
        submit.Value = System.Text.Json.JsonSerializer.SerializeToElement(new { verb = "post.approve", postId = postId.ToString("D"), revision = "1" });
        seeds.Add(submit);
        return seeds;
    }

    private static void Mutate(JsonNode root, Random random)
    {
        var nodes = new List<(JsonNode? Parent, string? Name, int Index, JsonNode? Node)>();
        Collect(root, null, null, -1, nodes);
        var (parent, name, index, _) = nodes[random.Next(nodes.Count)];
        if (parent is null)
        {
            return;
        }

        var replacement = random.Next(12) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
            2 => JsonValue.Create(random.Next(2) == 0),
            3 => JsonValue.Create(new string('x', random.Next(1, 20_000))),
            4 => JsonValue.Create(Words[random.Next(Words.Length)] + " " + Words[random.Next(Words.Length)]),
            5 => new JsonObject(),
            6 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1), null),
            7 => Nested(random.Next(1, 60)),
            8 => JsonValue.Create(Guid.NewGuid().ToString("D")),
            9 => JsonValue.Create(Verbs[random.Next(Verbs.Length)]),
            10 => JsonValue.Create(string.Empty),
            _ => JsonValue.Create(random.NextDouble() * 1e300),
        };

        if (parent is JsonObject obj && name is not null)
        {
            if (random.Next(4) == 0)
            {
                obj.Remove(name);
            }
            else
            {
                obj[name] = replacement;
            }
        }
        else if (parent is JsonArray array && index >= 0)
        {
            if (random.Next(4) == 0)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = replacement;
            }
        }
    }

    private static void Collect(JsonNode? node, JsonNode? parent, string? name, int index, List<(JsonNode?, string?, int, JsonNode?)> nodes)
    {
        nodes.Add((parent, name, index, node));
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    Collect(child, obj, key, -1, nodes);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], array, null, i, nodes);
                }

                break;
        }
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonObject();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node;
    }

    private static byte[] CorruptBytes(byte[] body, Random random)
    {
        var copy = body.ToArray();
        return random.Next(3) switch
        {
            0 => copy[..random.Next(copy.Length)],
            1 => [.. copy, 0xC3, 0x28],
            _ => Flip(copy, random),
        };
    }

    private static byte[] Flip(byte[] body, Random random)
    {
        body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
        return body;
    }
}

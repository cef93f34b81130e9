using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Protocol.Schema;
using Bot.Testing;

namespace Bot.Benchmarks;

/// <summary>
/// The real bot in authenticated mode against the fakes, on a fresh SQLite file of its own, plus the client that
/// talks to it as Teams would. Shared by the benchmarks so that each measures the same configuration.
/// </summary>
internal sealed partial class BotUnderTest : IAsyncDisposable
{
    public const string AppId = "6b4c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d";
    public const string AppPassword = "benchmark-only-secret";

    private readonly FakeChannelTokenIssuer _issuer;
    private readonly string _folder;
    private readonly HttpClient _client;
    private readonly string[] _tokens;
    private readonly string? _postgresServer;
    private int _nextToken = -1;

    private BotUnderTest(IReadOnlyList<ServerProcess> servers, FakeChannelTokenIssuer issuer, FakeConnectorServer connector, string folder, HttpClient client, string? postgresServer, string? postgresDatabase)
    {
        Servers = servers;
        _issuer = issuer;
        Connector = connector;
        _folder = folder;
        _client = client;
        _postgresServer = postgresServer;
        PostgresDatabase = postgresDatabase;
        // Teams reuses a channel token until it nears expiry; minting per request would load this process with RSA.
        var expires = DateTimeOffset.UtcNow.AddHours(2);
        _tokens = [.. Enumerable.Range(0, 64).Select(_ => "Bearer " + issuer.MintToken(AppId, connector.ServiceUrl, new TokenOptions { Expires = expires }))];
    }

    /// <summary>The bot's instances, all on one database; one unless started on PostgreSQL with more.</summary>
    public IReadOnlyList<ServerProcess> Servers { get; }
    public ServerProcess Server => Servers[0];
    public FakeConnectorServer Connector { get; }
    public string DatabasePath => Path.Combine(_folder, "bot.db");
    public string? PostgresDatabase { get; }
    public Uri MessagesEndpoint => new(Server.BaseAddress, "api/messages");

    /// <remarks>The issuer's HTTPS certificate is trusted through the child's OpenSSL trust store (<c>SSL_CERT_FILE</c>).</remarks>
    public static Dictionary<string, string> Environment(FakeChannelTokenIssuer issuer, string databasePath) => new(TestCertificate.ChildProcessEnvironment)
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = AppPassword,
        ["MicrosoftAppTenantId"] = "test-tenant",
        ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl.AbsoluteUri,
        ["ToChannelFromBotLoginUrl"] = issuer.LoginUrl.AbsoluteUri,
        ["ValidateAuthority"] = "false",
        ["ConnectionStrings__Bot"] = $"Data Source={databasePath}",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>Starts the fake connector and token issuer in this process and the bot against them; disposing stops all three.</summary>
    public static Task<BotUnderTest> StartAsync(BenchmarkOptions options, HttpClient client, bool recordConnectorCalls) =>
        StartAsync(options, client, recordConnectorCalls, instances: 1, postgresServer: null);

    /// <summary>
    /// With <paramref name="postgresServer"/> (a maintenance connection string), the bot runs on a fresh PostgreSQL
    /// database of its own, as <paramref name="instances"/> processes started one after the other (the first creates
    /// the schema), with the settings the two-process integration tests use; without, on a fresh SQLite file.
    /// </summary>
    public static async Task<BotUnderTest> StartAsync(BenchmarkOptions options, HttpClient client, bool recordConnectorCalls, int instances, string? postgresServer)
    {
        var connector = new FakeConnectorServer { RecordCalls = recordConnectorCalls };
        var issuer = new FakeChannelTokenIssuer { ExpectedClientId = AppId, ExpectedClientSecret = AppPassword };
        await connector.StartAsync();
        await issuer.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "bot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var environment = Environment(issuer, Path.Combine(folder, "bot.db"));
        string? postgresDatabase = null;
        if (postgresServer is not null)
        {
            postgresDatabase = "bot_bench_" + Guid.NewGuid().ToString("N");
            await PostgresAsync(postgresServer, $"CREATE DATABASE \"{postgresDatabase}\"");
            environment["Database__Provider"] = "Postgres";
            environment["ConnectionStrings__Bot"] = new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresDatabase }.ConnectionString;
        }

        foreach (var (key, value) in options.ExtraBotEnvironment)
        {
            environment[key] = value;
        }

        var servers = new List<ServerProcess>();
        for (var i = 0; i < instances; i++)
        {
            servers.Add(await ServerProcess.StartAsync(options.ResolvedBot, [], environment, client));
        }

        return new BotUnderTest(servers, issuer, connector, folder, client, postgresServer, postgresDatabase);
    }

    /// <summary>Channel-shaped tokens (our audience, live, our serviceurl) under random key ids, signed by a key nobody published.</summary>
    public string[] ForgedTokens(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => "Bearer " + _issuer.MintToken(AppId, Connector.ServiceUrl, new TokenOptions { KeyId = "forged-" + Guid.NewGuid().ToString("N") }))];

    public string NextToken() => _tokens[(int)((uint)Interlocked.Increment(ref _nextToken) % _tokens.Length)];

    /// <summary>Sends one activity and returns the body of a 200 answer; anything else is a failed set-up.</summary>
    public async Task<string> SendAsync(Activity activity, CancellationToken cancellationToken = default, int instance = 0)
    {
        using var request = Request(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options), instance);
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{activity.Type} {activity.Name} answered {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    public HttpRequestMessage Request(byte[] body, int instance = 0)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Servers[instance].BaseAddress, "api/messages")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("Authorization", NextToken());
        return request;
    }

    /// <summary>The post id a card answer carries in its action data.</summary>
    public static Guid PostIdIn(string answer) =>
        PostIdPattern().Match(answer) is { Success: true } match
            ? Guid.Parse(match.Groups[1].Value)
            : throw new InvalidOperationException("No post id in the answer: " + answer[..Math.Min(answer.Length, 400)]);

    [GeneratedRegex("\"postId\"\\s*:\\s*\"([0-9a-f-]{36})\"")]
    public static partial Regex PostIdPattern();

    /// <summary>
    /// One value from the bot's database, read from outside as an operator would. Identifiers in double quotes work on
    /// both databases (PostgreSQL needs them for the bot's mixed-case names).
    /// </summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        if (PostgresDatabase is null)
        {
            return await DecisionBenchmark.ScalarAsync<T>(DatabasePath, sql);
        }

        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(_postgresServer) { Database = PostgresDatabase, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task PostgresAsync(string server, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }

        await Connector.DisposeAsync();
        await _issuer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresDatabase is not null)
        {
            await PostgresAsync(_postgresServer!, $"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)");
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a benchmark for.
        }
    }
}

/// <summary>Activities of one Teams team in its own tenant, shaped like TeamsActivities' but for any team and person.</summary>
internal sealed class BenchTeam(string serviceUrl, string tenantId, string teamId, string name)
{
    private static long _nextId = 7_000_000_000;

    public string TenantId => tenantId;
    public string TeamId => teamId;
    public string Name => name;

    public static ChannelAccount Person(string key, string displayName) =>
        new($"29:{key}", displayName, DeterministicGuid(key).ToString("D"));

    public Activity Installed(ChannelAccount by)
    {
        var activity = Base(ActivityTypes.InstallationUpdate, by);
        activity.Action = "add";
        return activity;
    }

    public Activity Command(string text, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var botTag = "<at>Social Media Bot</at>";
        var activity = Base(ActivityTypes.Message, from);
        activity.Text = $"{botTag} {text}";
        activity.TextFormat = "plain";
        activity.Entities = [Entity.From(new Mention { Mentioned = new ChannelAccount("28:" + BotUnderTest.AppId, "Social Media Bot"), Text = botTag })];
        foreach (var person in mentioned)
        {
            activity.Entities.Add(Entity.From(new Mention { Mentioned = new ChannelAccount(person.Id!, person.Name), Text = $"<at>{person.Name}</at>" }));
        }

        return activity;
    }

    /// <summary>A message in the person's personal chat with the bot.</summary>
    public Activity Personal(string text, ChannelAccount from)
    {
        var activity = Base(ActivityTypes.Message, from);
        activity.Text = text;
        activity.TextFormat = "plain";
        activity.Conversation = new ConversationAccount { Id = "a:personal-" + from.Id, ConversationType = ConversationTypes.Personal, TenantId = tenantId };
        activity.ChannelData = new { tenant = new { id = tenantId } };
        return activity;
    }

    public Activity CardAction(string verb, object data, ChannelAccount from)
    {
        var activity = Base(ActivityTypes.Invoke, from);
        activity.Name = InvokeNames.AdaptiveCardAction;
        activity.ReplyToId = "1700000000000";
        activity.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", id = "action-1", verb, data }, trigger = "manual" });
        return activity;
    }

    private Activity Base(string type, ChannelAccount from) => new()
    {
        Type = type,
        Id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = DateTimeOffset.UtcNow,
        ServiceUrl = serviceUrl,
        ChannelId = Channels.Msteams,
        From = from,
        Recipient = new ChannelAccount("28:" + BotUnderTest.AppId, "Social Media Bot"),
        Conversation = new ConversationAccount { Id = teamId, ConversationType = ConversationTypes.Channel, IsGroup = true, TenantId = tenantId },
        Locale = "en-US",
        ChannelData = new
        {
            tenant = new { id = tenantId },
            team = new { id = teamId, name },
            channel = new { id = teamId },
            settings = new { selectedChannel = new { id = teamId } },
        },
    };

    private static Guid DeterministicGuid(string key)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return new Guid(hash.AsSpan(0, 16));
    }
}

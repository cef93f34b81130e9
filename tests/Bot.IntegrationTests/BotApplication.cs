using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Delivery;
using Bot.Persistence;
using Bot.Protocol.Schema;
using Bot.Reminders;
using Bot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.IntegrationTests;

/// <summary>
/// The real bot in-process on a real database (a SQLite file, or a PostgreSQL database of its own when
/// <c>BOT_TEST_DATABASE=Postgres</c>; see <see cref="TestDatabase"/>), talking to a local fake connector and trusting a
/// local fake token issuer: the Teams cloud and Entra ID are the only parts not real.
/// </summary>
public sealed class BotApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AppId = "6b4c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d";
    public const string AppPassword = "test-only-secret";

    private readonly bool _authenticated;
    private readonly TestDatabase _database = TestDatabase.New();
    private readonly bool _serversStarted;

    public BotApplication()
        : this(authenticated: true)
    {
    }

    private BotApplication(bool authenticated) => _authenticated = authenticated;

    // The same database, clock, connector and token issuer as a stopped host: what a restart of the bot process sees.
    private BotApplication(BotApplication previous)
    {
        _authenticated = previous._authenticated;
        _database = previous._database;
        _serversStarted = true;
        Connector = previous.Connector;
        TokenIssuer = previous.TokenIssuer;
        Clock = previous.Clock;
    }

    public static BotApplication WithoutAuthentication() => new(authenticated: false);

    /// <summary>
    /// A new host on this one's database and fakes, for restart tests: stop this one with <c>DisposeAsync()</c> (the
    /// host only), then initialise the returned one; disposing that one through <see cref="IAsyncLifetime"/> cleans up.
    /// </summary>
    public BotApplication Restarted() => new(this);
    /// <summary>Extra settings on top of the test defaults (e.g. <c>Delivery:MaxAttempts</c>).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>
    /// Settings the bot must see while it registers its services, not only once it runs (e.g. the OTLP endpoint, which
    /// decides whether telemetry is registered at all). Given as host settings, like the database's.
    /// </summary>
    public Dictionary<string, string?> HostSettings { get; init; } = [];

    /// <summary>When set, the bot's clock; tokens are minted on it too.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; init; }

    /// <summary>Extra test services, registered after the bot's own (e.g. a stand-in DNS resolver).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>When set, every log line the bot writes, at every level and category, is kept here.</summary>
    public CapturedLogs? Logs { get; init; }

    public FakeConnectorServer Connector { get; } = new();
    public FakeChannelTokenIssuer TokenIssuer { get; } = new() { ExpectedClientId = AppId, ExpectedClientSecret = AppPassword };
    public TeamsActivities Activities => new(Connector.ServiceUrl, AppId);
    /// <summary>The database this bot (and any restart of it) runs on.</summary>
    public TestDatabase Database => _database;

    public async Task InitializeAsync()
    {
        if (!_serversStarted)
        {
            await _database.CreateAsync();
            await Connector.StartAsync();
            await TokenIssuer.StartAsync();
        }

        _ = Server; // start the host now, so start-up failures surface here and not in the first test
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Connector.DisposeAsync();
        await TokenIssuer.DisposeAsync();
        await _database.DropAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As host settings, so they are there while Program registers its services (the scheduler's store is chosen then).
        foreach (var (key, value) in _database.Settings.Concat(HostSettings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            var settings = new Dictionary<string, string?>(_database.Settings)
            {
                ["MicrosoftAppId"] = _authenticated ? AppId : string.Empty,
            };
            if (_authenticated)
            {
                settings["MicrosoftAppType"] = "SingleTenant";
                settings["MicrosoftAppPassword"] = AppPassword;
                settings["MicrosoftAppTenantId"] = "test-tenant";
                settings["ToBotFromChannelOpenIdMetadataUrl"] = TokenIssuer.MetadataUrl.AbsoluteUri;
                settings["ToChannelFromBotLoginUrl"] = TokenIssuer.LoginUrl.AbsoluteUri;
                // MSAL would ask Entra ID to vouch for a loopback login host; the SDK's switch turns that off.
                settings["ValidateAuthority"] = "false";
            }

            foreach (var (key, value) in Settings)
            {
                settings[key] = value;
            }

            configuration.AddInMemoryCollection(settings);
        });
        // The fake issuer speaks HTTPS with the test certificate; the bot's login and metadata clients trust it alone.
        builder.ConfigureTestServices(services => services.TrustTestIssuer());
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }

        if (Logs is not null)
        {
            // A rule for this provider wins over the settings file's per-category levels, so it sees everything.
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(category: null, LogLevel.Trace));
        }
    }

    public string TokenFor(Activity activity, TokenOptions? options = null)
    {
        options ??= new TokenOptions();
        return TokenIssuer.MintToken(AppId, activity.ServiceUrl!, options with { IssuedAt = options.IssuedAt ?? Clock?.GetUtcNow() });
    }

    /// <summary>POSTs the activity as Teams would: JSON body and a channel token (unless <paramref name="authorization"/> says otherwise).</summary>
    public async Task<HttpResponseMessage> SendAsync(Activity activity, string? authorization = "valid")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJson(), Encoding.UTF8, "application/json"),
        };
        if (authorization == "valid")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(activity));
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request);
        await OutboxSettledAsync();
        await RemindersSettledAsync();
        return response;
    }

    /// <summary>
    /// Waits until no post's reminders are behind its last change: the bot plans them just after the turn, so tests see
    /// the reminders a moment later, as a person would. A post whose planning failed and waits for its back-off counts
    /// as behind; tests that break the scheduler on purpose wait for it themselves.
    /// </summary>
    public async Task RemindersSettledAsync(TimeSpan? timeout = null)
    {
        var signal = Services.GetRequiredService<ReminderSyncSignal>();
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var behind = await WithDatabaseAsync(db => db.Posts.CountAsync(p => EF.Property<int>(p, ReminderSyncConfiguration.PlannedVersion) != p.Version));
            if (behind == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The reminders of {behind} posts were still behind after the deadline.");
            }

            signal.Notify();
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Waits until every outbox message due now on the bot's clock is sent or a dead letter, so tests see the bot's own
    /// messages as Teams would moments later. Messages waiting for a later retry stay queued: tests move
    /// <see cref="Clock"/> for those.
    /// </summary>
    public async Task OutboxSettledAsync(TimeSpan? timeout = null)
    {
        var signal = Services.GetRequiredService<OutboxSignal>();
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var now = Clock?.GetUtcNow() ?? TimeProvider.System.GetUtcNow();
            var due = await WithDatabaseAsync(db => db.OutboundMessages.CountAsync(m => m.State == OutboundState.Pending && m.NextAttemptAt <= now));
            if (due == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{due} outbound messages were still due after the deadline.");
            }

            signal.Notify();
            await Task.Delay(10);
        }
    }

    /// <summary>Sends from a chosen remote address; only the in-process test server can pretend to be elsewhere.</summary>
    public Task<Microsoft.AspNetCore.Http.HttpContext> SendFromAsync(IPAddress remoteAddress, Activity activity, string? authorization = null) =>
        Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = remoteAddress;
            context.Request.Method = "POST";
            context.Request.Path = "/api/messages";
            context.Request.ContentType = "application/json";
            if (authorization is not null)
            {
                context.Request.Headers.Authorization = authorization;
            }

            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(activity.ToJson()));
        });

    public async Task<T> WithDatabaseAsync<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    /// <summary>The team's members become known to the connector, and <paramref name="installer"/> installs the bot (and so is coordinator).</summary>
    public async Task InstallInTeamAsync(ChannelAccount installer, params ChannelAccount[] members)
    {
        Connector.Members.AddRange(members);
        var install = Activities.InstallationAdded(inTeam: true);
        install.From = installer;
        await SendAsync(install);
    }

    public Task<int> StoredConversationCountAsync() => WithDatabaseAsync(db => db.Conversations.CountAsync());
}

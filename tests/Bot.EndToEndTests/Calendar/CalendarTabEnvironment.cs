using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Bot.Protocol.Schema;
using Bot.Testing;
using Activity = Bot.Protocol.Schema.Activity;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Bot.EndToEndTests.Calendar;

/// <summary>
/// The bot as a real process with a real Entra ID sign-in for its tab: Bot Framework tokens from the fake channel
/// issuer, replies to the fake connector, tab tokens checked against the fake Entra issuer's metadata and keys, and
/// Debian's Chromium opening the tab inside the fake Teams client. The team is set up through chat turns in German:
/// Anna coordinates, Ben writes, Clara reviews and owns both social channels, Dora only reads; Erik coordinates a team
/// of his own.
/// </summary>
public sealed class CalendarTabEnvironment : IAsyncLifetime
{
    public const string AppId = "6b4c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d";
    public const string Domain = "calendar.contoso.test";
    public const string OtherTeamId = "19:other-team@thread.tacv2";
    private const string AppPassword = "test-only-secret";
    private const string Locale = "de-DE";

    public static readonly ChannelAccount Anna = TeamsActivities.Anna;
    public static readonly ChannelAccount Ben = TeamsActivities.Ben;
    public static readonly ChannelAccount Clara = TeamsActivities.Clara;
    public static readonly ChannelAccount Dora = new("29:1dora-teams-user-id", "Dora Klein", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a09");
    public static readonly ChannelAccount Erik = new("29:1erik-teams-user-id", "Erik Berg", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a0e");
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "bot-e2e-calendar", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<Process> _otherBots = [];
    private Process? _bot;
    private IPlaywright? _playwright;

    public FakeConnectorServer Connector { get; } = new();
    public FakeChannelTokenIssuer ChannelIssuer { get; } = new() { ExpectedClientId = AppId, ExpectedClientSecret = AppPassword };
    public FakeEntraIssuer Entra { get; } = new() { TenantId = TeamsActivities.TenantId };
    public FakeTeamsHost Host { get; } = new();
    public TeamsActivities Activities => new(Connector.ServiceUrl, AppId);
    public Uri BotAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public static string Audience => FakeEntraIssuer.TabAudience(Domain, AppId);
    public string DatabasePath => Path.Combine(_workFolder, "bot.db");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Require(File.Exists(chromium), $"Chromium is missing at {chromium}. Run scripts/test.sh, which installs Debian's 'chromium' package.");
        var teamsJs = Path.Combine(PlaygroundEnvironment.RepositoryRoot, "bot", "Bot", "bin", PlaygroundEnvironment.BuildConfiguration, "net10.0", "TabPage", "lib", "teams-js.min.js");
        Require(File.Exists(teamsJs), $"teams-js is missing at {teamsJs}: run scripts/test.sh, which installs it from npm before it builds.");
        // Two cores shared by the bot, Chromium and the test: a page may take longer than Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(_workFolder);
        await Connector.StartAsync();
        await ChannelIssuer.StartAsync();
        await Entra.StartAsync();
        await Host.StartAsync();
        await StartBotAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", Host.ResolverRule],
        });

        await SetUpTeamsAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var process in _otherBots.Append(_bot).OfType<Process>())
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        await Host.DisposeAsync();
        await Entra.DisposeAsync();
        await ChannelIssuer.DisposeAsync();
        await Connector.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // The bot may hold its database for a moment after it was killed; a temp folder is not worth a failure.
        }
    }

    /// <summary>
    /// A browser page showing the fake Teams client with the tab inside, in German, in a browser whose own zone is New
    /// York's, so a page that used the browser's zone instead of the team's would put posts on the wrong day or hour.
    /// </summary>
    /// <summary>A plain browser tab, outside Teams, in German.</summary>
    public async Task<IPage> OpenInBrowserAsync(Uri address)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = Locale,
            TimezoneId = "America/New_York",
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Append("browser", "page error: " + error);
        await page.GotoAsync(address.AbsoluteUri);
        return page;
    }

    public async Task<IPage> OpenInTeamsAsync(TeamsHostScenario scenario)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = scenario.Locale,
            TimezoneId = "America/New_York",
            // The fake Teams host's certificate is the tests' own, for 127.0.0.1, while the browser calls it teams.microsoft.com.
            IgnoreHTTPSErrors = true,
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => Append("browser", $"{message.Type}: {message.Text}");
        page.PageError += (_, error) => Append("browser", "page error: " + error);
        await page.GotoAsync(Host.Open(scenario).AbsoluteUri);
        return page;
    }

    /// <summary>The scenario of someone opening the tab in German Teams with a valid token for them.</summary>
    public TeamsHostScenario Scenario(ChannelAccount person, string? team = null, Func<string>? token = null, string path = "/tab/calendar") => new(
        new Uri(BotAddress, team is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}team={Uri.EscapeDataString(team)}"),
        Locale,
        "default",
        person.AadObjectId!,
        TeamsActivities.TenantId,
        token ?? (() => Entra.MintToken(person.AadObjectId!, Audience)))
    {
        TeamId = team,
        TeamName = team is null ? null : "Social Media",
    };

    public async Task SendAsync(Activity activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BotAddress, "api/messages"))
        {
            Content = new StringContent(activity.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ChannelIssuer.MintToken(AppId, activity.ServiceUrl!));
        using var response = await _http.SendAsync(request);
        Require(response.StatusCode == HttpStatusCode.OK, $"The bot answered {(int)response.StatusCode} to a {activity.Type} activity.");
    }

    public Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned) =>
        SendAsync(Activities.ChannelCommand(command, from, mentioned, Locale));

    /// <summary><paramref name="author"/> drafts a post in the team's channel and submits it for review; returns its id.</summary>
    public async Task<Guid> SubmittedPostAsync(ChannelAccount author, string title, DateOnly date, string time, params string[] platforms)
    {
        var channels = Query(
            "SELECT Id, Platform FROM SocialChannels ORDER BY Id",
            reader => (Id: reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), Platform: reader.GetString(1)));
        var chosen = channels.Where(channel => platforms.Any(platform => channel.Platform.Equals(platform, StringComparison.OrdinalIgnoreCase))).Select(channel => channel.Id).ToList();
        Require(chosen.Count == platforms.Length, $"Social channels {string.Join(", ", platforms)} not found among {string.Join(", ", channels)}.");
        await SendAsync(ChannelAction(author, "post.create", new Dictionary<string, string>
        {
            ["title"] = title,
            ["text"] = $"{title}: Vom 1. bis 24. Dezember jeden Tag ein Türchen. Schaut vorbei!",
            ["socialChannels"] = string.Join(',', chosen),
            ["plannedDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["plannedTime"] = time,
        }));
        var id = Guid.Parse(Assert.Single(Query("SELECT Id FROM Posts WHERE WorkingTitle = $title", reader => reader.GetString(0), ("$title", title))));
        await SendAsync(ChannelAction(author, "post.submit", new Dictionary<string, string> { ["postId"] = id.ToString("D"), ["revision"] = "0" }));
        return id;
    }

    /// <summary>The bot's message in the team's channel with the post's approval card, once the outbox has sent it.</summary>
    public async Task<ConnectorCall> ApprovalCardAsync(string title) =>
        await EventuallyAsync(
            () => Connector.Calls.LastOrDefault(call => call.Kind == CallKind.Send
                && call.ConversationId == TeamsActivities.ChannelConversationId
                && call.VisibleText.Contains(title, StringComparison.Ordinal)),
            $"the approval card of \"{title}\" in the channel");

    /// <summary>When the post's reminder of the given kind (e.g. PlannedTime) fires next, from the scheduler's table.</summary>
    public DateTimeOffset? NextReminder(Guid postId, string kind)
    {
        var ticks = Query(
            "SELECT NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = $kind AND TRIGGER_GROUP = $group",
            reader => reader.GetInt64(0),
            ("$kind", kind),
            ("$group", "post-" + postId.ToString("N")));
        return ticks.Count == 0 ? null : new DateTimeOffset(ticks[0], TimeSpan.Zero);
    }

    /// <summary>The post's planned time as stored: EF Core's binary form of a DateTimeOffset (ticks / 1000 and the offset in minutes).</summary>
    public DateTimeOffset PlannedAt(Guid postId)
    {
        var stored = Assert.Single(Query("SELECT PlannedPublishAt FROM Posts WHERE Id = $id COLLATE NOCASE", reader => reader.GetInt64(0), ("$id", postId.ToString("D"))));
        return new DateTimeOffset(new DateTime((stored >> 11) * 1000), TimeSpan.FromMinutes((stored << 53) >> 53)).ToUniversalTime();
    }

    public static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters) =>
        ReadOnlyDatabase.Query(DatabasePath, sql, read, parameters);

    public static DateOnly TodayInBerlin() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).DateTime);

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private Activity ChannelAction(ChannelAccount from, string verb, Dictionary<string, string> data)
    {
        var activity = Activities.CardAction(verb, data, Locale, inChannel: true);
        activity.From = from;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        return activity;
    }

    private async Task SetUpTeamsAsync()
    {
        // Erik's own team first, while the connector's member list holds only him, so he is no member of Anna's.
        Connector.Members.Add(Erik);
        var other = Activities.InstallationAdded(inTeam: true, Locale);
        other.From = Erik;
        other.Conversation = new ConversationAccount { Id = OtherTeamId, ConversationType = ConversationTypes.Channel, IsGroup = true, TenantId = TeamsActivities.TenantId };
        other.ChannelData = new { tenant = new { id = TeamsActivities.TenantId }, team = new { id = OtherTeamId, name = "Vertrieb" }, channel = new { id = OtherTeamId } };
        await SendAsync(other);

        Connector.Members.Clear();
        Connector.Members.AddRange([Anna, Ben, Clara, Dora]);
        var install = Activities.InstallationAdded(inTeam: true, Locale);
        install.From = Anna;
        await SendAsync(install);
        await SayAsync("konto anlegen instagram @contoso_de", Anna);
        await SayAsync("konto anlegen linkedin contoso-gmbh", Anna);
        await SayAsync("rolle <at>Ben Wagner</at> redakteur", Anna, Ben);
        await SayAsync("rolle <at>Clara Vogel</at> freigeber", Anna, Clara);
        await SayAsync("rolle <at>Dora Klein</at> leser", Anna, Dora);
        await SayAsync("zuweisen <at>Clara Vogel</at> instagram", Anna, Clara);
        await SayAsync("zuweisen <at>Clara Vogel</at> linkedin", Anna, Clara);
        await SayAsync("ziel instagram 3/woche", Anna);
        Require(Query("SELECT COUNT(*) FROM SocialChannels", reader => reader.GetInt64(0))[0] == 2, "The team's social channels were not created.");
    }

    private async Task StartBotAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = $"Data Source={DatabasePath}",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppPassword"] = AppPassword,
            ["MicrosoftAppTenantId"] = "test-tenant",
            ["ToBotFromChannelOpenIdMetadataUrl"] = ChannelIssuer.MetadataUrl.AbsoluteUri,
            ["ToChannelFromBotLoginUrl"] = ChannelIssuer.LoginUrl.AbsoluteUri,
            ["ValidateAuthority"] = "false",
            ["Tab__Authority"] = Entra.Authority,
            ["Tab__Domain"] = Domain,
        };
        foreach (var (key, value) in TestCertificate.ChildProcessEnvironment)
        {
            settings[key] = value;
        }

        (_bot, BotAddress) = await LaunchBotAsync("bot", settings);
    }

    /// <summary>
    /// A second bot, as <c>scripts/run.sh</c> starts it (no app id: local development), on a snapshot of this bot's
    /// database, so it knows the same people and posts while the first keeps running on its own file.
    /// </summary>
    public async Task<Uri> StartDevelopmentBotAsync()
    {
        var snapshot = Path.Combine(_workFolder, $"development-{Guid.NewGuid():N}.db");
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", snapshot);
            command.ExecuteNonQuery();
        }

        var (process, address) = await LaunchBotAsync("development bot", new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = $"Data Source={snapshot}",
            ["MicrosoftAppId"] = string.Empty,
        });
        lock (_otherBots)
        {
            _otherBots.Add(process);
        }

        return address;
    }

    /// <summary>Stops the development bots: on two shared cores an idle bot's scheduler still slows the next test.</summary>
    public void StopDevelopmentBots()
    {
        lock (_otherBots)
        {
            foreach (var process in _otherBots.Where(process => !process.HasExited))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
    }

    private async Task<(Process Process, Uri Address)> LaunchBotAsync(string name, Dictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = BotExecutable.StartInfo(PlaygroundEnvironment.BuiltBotDll, _workFolder, address);

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => Append(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            Require(!process.HasExited, $"The {name} exited during start-up.");
            try
            {
                using var ready = await _http.GetAsync(new Uri(address, "readyz"));
                if (ready.IsSuccessStatusCode)
                {
                    return (process, address);
                }
            }
            catch (HttpRequestException)
            {
            }

            Require(DateTimeOffset.UtcNow < deadline, $"The {name} did not become ready within 90 s.");
            await Task.Delay(200);
        }
    }

    private void Append(string name, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Append('[').Append(name).Append("] ").AppendLine(line);
        }
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message + "\n" + Log);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class CalendarTabCollection : ICollectionFixture<CalendarTabEnvironment>
{
    public const string Name = "Calendar tab";
}

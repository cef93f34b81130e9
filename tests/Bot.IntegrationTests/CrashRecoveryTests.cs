using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Bot.Delivery;
using Bot.Persistence;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Process = System.Diagnostics.Process;

namespace Bot.IntegrationTests;

/// <summary>
/// The real bot as a child process, killed with SIGKILL in the middle of a load of approvals and drafts, then started
/// again on the same SQLite file. The fake connector and token issuer live in this process, so they see both lives of
/// the bot: every decision that was answered 200 must be stored, and every message that was queued must arrive.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string AppId = BotApplication.AppId;
    private const int Posts = 40;
    private const int KillAfterAcknowledgedApprovals = 12;
    private const int ConcurrentClickers = 8;

    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bot-crash-test", Guid.NewGuid().ToString("N"));
    private readonly FakeConnectorServer _connector = new();
    private readonly FakeChannelTokenIssuer _issuer = new() { ExpectedClientId = AppId, ExpectedClientSecret = BotApplication.AppPassword };
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly StringBuilder _output = new();
    private Process? _bot;
    private Uri _baseAddress = null!;

    private string DatabasePath => Path.Combine(_folder, "bot.db");

    private TeamsActivities Activities => new(_connector.ServiceUrl, AppId);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await _connector.StartAsync();
        await _issuer.StartAsync();
        _connector.Members.AddRange([Anna, Ben, Clara]);
    }

    public async Task DisposeAsync()
    {
        Kill();
        _http.Dispose();
        await _connector.DisposeAsync();
        await _issuer.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task After_a_kill_during_a_load_of_decisions_every_acknowledged_decision_is_stored_and_every_queued_message_arrives()
    {
        await StartBotAsync();
        var postIds = await PrepareReviewsAsync();
        await WaitForOutboxAsync();

        var acknowledgedApprovals = new ConcurrentBag<Guid>();
        var acknowledgedDrafts = new ConcurrentBag<string>();
        var killing = 0;
        using var killed = new CancellationTokenSource();
        // A closed loop of a few clickers, each taking the next post as soon as its last click was answered: when the
        // kill comes, clicks are in flight and posts are left, however fast the bot answers and however its answers
        // bunch. (Approvals spaced by the clock alone were all answered before the kill on a fast machine.)
        var nextPost = -1;
        var approvals = Enumerable.Range(0, ConcurrentClickers).Select(async _ =>
        {
            while (Interlocked.Increment(ref nextPost) is var i && i < postIds.Count && Volatile.Read(ref killing) == 0)
            {
                var postId = postIds[i];
                if (!await TrySendAsync(Action("post.approve", Clara, postId, revision: 1)))
                {
                    return;
                }

                acknowledgedApprovals.Add(postId);

                // Two acknowledgements can land together and step the count past the mark, so the kill goes to whoever
                // first sees it reached, exactly once.
                if (acknowledgedApprovals.Count >= KillAfterAcknowledgedApprovals && Interlocked.Exchange(ref killing, 1) == 0)
                {
                    Kill();
                }
            }
        });
        var drafts = Enumerable.Range(0, 20).Select(async i =>
        {
            var title = $"Load draft {i}";
            await Task.Delay(i * 10);
            if (await TrySendAsync(CreateDraft(title)))
            {
                acknowledgedDrafts.Add(title);
            }
        });
        await Task.WhenAll(approvals.Concat(drafts));
        Kill();
        Assert.True(acknowledgedApprovals.Count >= KillAfterAcknowledgedApprovals, "The load did not reach the kill.\n" + _output);
        Assert.True(acknowledgedApprovals.Count < Posts, "The bot was killed after the load, not during it.");

        await StartBotAsync();
        await WaitForOutboxAsync();

        await using var database = OpenDatabase();
        var posts = await database.Posts.AsNoTracking().ToListAsync();
        foreach (var postId in acknowledgedApprovals)
        {
            var post = posts.Single(p => p.Id == postId);
            Assert.Equal(PostStatus.Approved, post.Status);
            Assert.Single(post.Decisions);
        }

        Assert.All(acknowledgedDrafts, title => Assert.Single(posts, p => p.WorkingTitle == title));

        var messages = await database.OutboundMessages.AsNoTracking().ToListAsync();
        Assert.All(messages, m => Assert.Equal(OutboundState.Sent, m.State));
        var approvedTitles = posts.Where(p => p.Status == PostStatus.Approved).Select(p => p.WorkingTitle).ToList();
        Assert.Equal(approvedTitles.Count, messages.Count(m => m.Kind == OutboundKinds.AuthorNote));
        var notes = _connector.Calls.Where(c => c.Kind == CallKind.Send && c.VisibleText.StartsWith("Your post", StringComparison.Ordinal)).ToList();
        var duplicates = 0;
        foreach (var title in approvedTitles)
        {
            var count = notes.Count(n => n.VisibleText.Contains($"\"{title}\"", StringComparison.Ordinal));
            Assert.True(count >= 1, $"The author never heard that \"{title}\" was approved.");
            duplicates += count - 1;
        }

        // A POST the connector took in the instant before the kill, whose row was not yet marked sent, goes again
        // after the restart: Teams has no idempotency key for sends. At most the one message in flight can repeat.
        Assert.True(duplicates <= 1, $"{duplicates} author notes arrived twice.");
        Assert.Equal(notes.Count, approvedTitles.Count + duplicates);
    }

    private async Task<List<Guid>> PrepareReviewsAsync()
    {
        var install = Activities.InstallationAdded(inTeam: true);
        install.From = Anna;
        await SendAsync(install);
        await SendAsync(Activities.ChannelCommand("add account instagram @contoso_de", Anna));
        await SendAsync(Activities.ChannelCommand("role <at>Ben Wagner</at> editor", Anna, [Ben]));
        await SendAsync(Activities.ChannelCommand("role <at>Clara Vogel</at> reviewer", Anna, [Clara]));
        await SendAsync(Activities.ChannelCommand("assign <at>Clara Vogel</at> instagram", Anna, [Clara]));
        await SendAsync(Activities.ChannelCommand("who", Clara));
        await SendAsync(Activities.ChannelCommand("who", Ben));

        for (var i = 0; i < Posts; i++)
        {
            await SendAsync(CreateDraft($"Post {i}"));
        }

        await using var database = OpenDatabase();
        var ids = await database.Posts.AsNoTracking().OrderBy(p => p.CreatedAt).Select(p => p.Id).ToListAsync();
        foreach (var id in ids)
        {
            await SendAsync(Action("post.submit", Ben, id, revision: 0));
        }

        return ids;
    }

    private Activity CreateDraft(string title)
    {
        var activity = Activities.CardAction("post.create", new { title, text = "Der Frühling ist da.", socialChannels = "1" }, inChannel: true);
        activity.From = Ben;
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    private Activity Action(string verb, ChannelAccount from, Guid postId, int revision)
    {
        var activity = Activities.CardAction(verb, new { postId = postId.ToString("D"), revision = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) }, inChannel: true);
        activity.From = from;
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    private static object TeamChannelData() => new
    {
        tenant = new { id = TeamsActivities.TenantId },
        team = new { id = TeamsActivities.TeamId },
        channel = new { id = TeamsActivities.ChannelConversationId },
    };

    private async Task SendAsync(Activity activity)
    {
        using var response = await PostAsync(activity, CancellationToken.None);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{activity.Type} {activity.Name} answered {(int)response.StatusCode}.\n{_output}");
    }

    /// <summary>True only for a 200: the bot said it has the activity.</summary>
    private async Task<bool> TrySendAsync(Activity activity)
    {
        try
        {
            using var response = await PostAsync(activity, CancellationToken.None);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private Task<HttpResponseMessage> PostAsync(Activity activity, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, "api/messages"))
        {
            Content = new StringContent(activity.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.MintToken(AppId, activity.ServiceUrl!));
        return _http.SendAsync(request, cancellationToken);
    }

    private async Task WaitForOutboxAsync()
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using var database = OpenDatabase();
            if (!await database.OutboundMessages.AnyAsync(m => m.State == OutboundState.Pending))
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The outbox did not drain.\n" + _output);
            await Task.Delay(50);
        }
    }

    private SqliteBotDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={DatabasePath}").Options);

    private async Task StartBotAsync()
    {
        var port = FreePort();
        _baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = BotExecutable.StartInfo(BotDll, _folder, _baseAddress);
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Bot"] = $"Data Source={DatabasePath}";
        start.Environment["MicrosoftAppId"] = AppId;
        start.Environment["MicrosoftAppType"] = "SingleTenant";
        start.Environment["MicrosoftAppPassword"] = BotApplication.AppPassword;
        start.Environment["MicrosoftAppTenantId"] = "test-tenant";
        start.Environment["ToBotFromChannelOpenIdMetadataUrl"] = _issuer.MetadataUrl.AbsoluteUri;
        start.Environment["ToChannelFromBotLoginUrl"] = _issuer.LoginUrl.AbsoluteUri;
        start.Environment["ValidateAuthority"] = "false";
        // The issuer's HTTPS certificate is trusted through the child's OpenSSL trust store, not through a hook in the bot.
        foreach (var (key, value) in TestCertificate.ChildProcessEnvironment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Forty approval cards into one Teams channel would be paced to one a second; this test is about the crash.
        start.Environment["Delivery__ConversationBurst"] = "1000";
        start.Environment["Delivery__ConversationPerSecond"] = "1000";
        _bot = Process.Start(start)!;
        _bot.OutputDataReceived += (_, e) => Keep(e.Data);
        _bot.ErrorDataReceived += (_, e) => Keep(e.Data);
        _bot.BeginOutputReadLine();
        _bot.BeginErrorReadLine();

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Assert.False(_bot.HasExited, "The bot exited at start-up.\n" + _output);
            try
            {
                using var health = await _http.GetAsync(new Uri(_baseAddress, "healthz"));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The bot did not become healthy.\n" + _output);
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; only what SQLite committed survives.</summary>
    private void Kill()
    {
        var bot = Interlocked.Exchange(ref _bot, null);
        if (bot is null)
        {
            return;
        }

        if (!bot.HasExited)
        {
            bot.Kill(entireProcessTree: true);
        }

        bot.WaitForExit();
        bot.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string BotDll => Path.Combine(RepositoryFiles.Root, "bot", "Bot", "bin", BuildConfiguration, "net10.0", "Bot.dll");

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

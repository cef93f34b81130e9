using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Hosting;
using Bot.Metrics;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// The metrics commands in Teams: API keys made, listed and revoked by a coordinator (and refused to others), and CSV
/// exports sent as files in the personal chat, downloaded from a loopback server the way Teams hands them over. The
/// bot runs with a <c>MicrosoftAppId</c>, so the file server speaks HTTPS and 127.0.0.1 is on the operator's allow-list
/// for user-supplied URLs (<c>Webhooks:AllowedHosts</c>); host names resolve through <see cref="StubHostResolver"/>.
/// </summary>
public sealed class MetricsChatTests : IAsyncLifetime
{
    private const string OtherTeamId = "19:other-team@thread.tacv2";
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;
    private static readonly string SampleFolder = Path.Combine(RepositoryFiles.Root, "docs", "metrics");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly FileServer _files = new() { Https = true };
    private readonly StubHostResolver _dns = new();
    private readonly BotApplication _bot;

    public MetricsChatTests() => _bot = new BotApplication
    {
        Clock = _clock,
        Settings = { ["Webhooks:AllowedHosts:0"] = "127.0.0.1" },
        TestServices = services =>
        {
            services.AddHttpClient(MetricsFileImport.HttpClientName).TrustTestCertificateOnBotHandler();
            services.AddSingleton<IHostAddressResolver>(_dns);
        },
    };

    public async Task InitializeAsync()
    {
        await _files.StartAsync();
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("add account linkedin contoso-gmbh", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_bot).DisposeAsync();
        await _files.DisposeAsync();
    }

    [Fact]
    public async Task A_coordinator_creates_lists_and_revokes_keys_and_the_key_is_shown_only_to_them_once()
    {
        Assert.Equal("Only coordinators can do that. Your role in this team: reviewer.", await SayForTextAsync("metrics key create", Clara));
        Assert.Equal("Only coordinators can do that. Your role in this team: editor.", await SayForTextAsync("metrics keys", Ben));
        Assert.StartsWith("Everyone in this channel would see a key I post here, and we have no personal chat yet.", await SayForTextAsync("metrics key create Matomo", Anna), StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.MetricsApiKeys.CountAsync()));

        var personal = await PersonalReplyAsync(Anna, "metrics key create Matomo");
        var key = KeyIn(personal);
        Assert.Contains("Copy it now", personal, StringComparison.Ordinal);

        // Asked in the channel once a personal chat exists: the key goes there, the channel hears only the prefix.
        var before = _bot.Connector.Calls.Count;
        await SayAsync("metrics key create Looker Studio", Anna);
        var calls = _bot.Connector.Calls.Skip(before).Where(c => c.Kind is CallKind.Send or CallKind.Reply).ToList();
        var privately = Assert.Single(calls, c => c.ConversationId == TeamsActivities.PersonalConversationId);
        var second = KeyIn(privately.VisibleText);
        var channelReply = Assert.Single(calls, c => c.ConversationId != TeamsActivities.PersonalConversationId).VisibleText;
        Assert.Equal($"Key {second[..MetricsApiKeys.PrefixLength]} created. I sent it to our personal chat, so only you see it.", channelReply);

        var stored = await _bot.WithDatabaseAsync(db => db.MetricsApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync());
        Assert.Equal([MetricsApiKeys.Hash(key), MetricsApiKeys.Hash(second)], stored.Select(k => k.KeyHash));
        Assert.Equal(["Matomo", "Looker Studio"], stored.Select(k => k.Label));
        Assert.False(await DatabaseContainsAsync(key), "the first key is stored somewhere in plain text");
        Assert.False(await DatabaseContainsAsync(second), "the second key is stored somewhere in plain text");

        var list = await SayForTextAsync("metrics keys", Anna);
        Assert.Contains(stored[0].Prefix, list, StringComparison.Ordinal);
        Assert.Contains("Looker Studio", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostMetricsAsync(key)).StatusCode);
        Assert.Equal($"Key {stored[0].Prefix} revoked: requests with it are refused from now on.", await SayForTextAsync($"metrics key revoke {stored[0].Prefix}", Anna));
        Assert.Equal($"Key {stored[0].Prefix} was already revoked.", await SayForTextAsync($"metrics key revoke {stored[0].Prefix}", Anna));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostMetricsAsync(key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostMetricsAsync(second)).StatusCode);
        Assert.Contains("revoked Dec 4, 2026", await SayForTextAsync("metrics keys", Anna), StringComparison.Ordinal);

        var audit = await _bot.WithDatabaseAsync(db => db.TeamAudit.Where(e => e.Action.StartsWith("metrics-key.")).OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorAadObjectId }).ToListAsync());
        Assert.Equal(["metrics-key.created", "metrics-key.created", "metrics-key.revoked"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Anna.AadObjectId, a.ActorAadObjectId));
    }

    [Fact]
    public async Task Key_commands_answer_in_german_for_a_german_activity()
    {
        Assert.Equal("Das dürfen nur Koordinator/innen. Deine Rolle in diesem Team: Freigeber/in.", await SayForTextAsync("metrics-schlüssel erstellen", Clara, "de-DE"));
        Assert.StartsWith("Dieses Team hat noch keine Schlüssel für die Metrics-API.", await SayForTextAsync("metrics-schlüssel", Anna, "de-DE"), StringComparison.Ordinal);
        var created = await PersonalReplyAsync(Anna, "metrics-schlüssel erstellen Matomo", "de-DE");
        Assert.StartsWith("Dein neuer Schlüssel für die Metrics-API", created, StringComparison.Ordinal);
        Assert.Equal("Dieses Team hat keinen Schlüssel smb_nope. `metrics-schlüssel` listet sie auf.", await SayForTextAsync("metrics-schlüssel widerrufen smb_nope", Anna, "de-DE"));
    }

    [Fact]
    public async Task A_file_in_the_personal_chat_is_downloaded_and_imported_once_and_a_second_send_changes_nothing()
    {
        var reply = await SendFileAsync(Ben, "generic.csv", Sample("generic.csv"));

        Assert.Equal("**generic.csv** (generic layout) for Social Media: 6 rows read; figures: 6 new, 0 updated, 0 unchanged (skipped as duplicates).", reply);
        var stored = await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.AsNoTracking().Where(m => m.TeamId == TeamsActivities.TeamId).ToListAsync());
        Assert.Equal(6, stored.Count);
        Assert.Contains(stored, m => m is { Metric: MetricKind.Followers, Value: 12480 } && m.Date == new DateOnly(2026, 11, 30));
        Assert.All(_files.Requests, request => Assert.Null(request.Authorization));

        Assert.Equal("**generic.csv** (generic layout) for Social Media: 6 rows read; figures: 0 new, 0 updated, 6 unchanged (skipped as duplicates).", await SendFileAsync(Ben, "generic.csv", Sample("generic.csv")));
        Assert.Equal(6, await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.CountAsync()));
    }

    [Fact]
    public async Task A_malformed_file_imports_nothing_and_the_german_reply_lists_the_bad_lines()
    {
        var csv = "date;social_channel;metric;value\n01.12.2026;instagram @contoso_de;impressions;1.234\n31.11.2026;instagram @contoso_de;impressions;5\n01.12.2026;tiktok;reach;7\n";

        var reply = await SendFileAsync(Ben, "zahlen.csv", Encoding.UTF8.GetBytes(csv), "de-DE");

        Assert.StartsWith("**zahlen.csv** (allgemeines Format): nichts importiert. 3 Zeilen gelesen, davon 2 fehlerhaft", reply, StringComparison.Ordinal);
        Assert.Contains("- Zeile 3: „31.11.2026“ ist kein Datum (2026-12-01)", reply, StringComparison.Ordinal);
        Assert.Contains("- Zeile 4: dieses Team hat keinen Social-Media-Kanal „tiktok“", reply, StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.CountAsync()));
    }

    [Fact]
    public async Task Only_editors_and_coordinators_import_and_someone_in_two_teams_names_the_team()
    {
        Assert.StartsWith("Only editors and coordinators of a team can import figures", await SendFileAsync(Clara, "x.csv", Sample("x-analytics.csv")), StringComparison.Ordinal);
        Assert.StartsWith("x.pdf is no CSV file.", await SendFileAsync(Ben, "x.pdf", Sample("x-analytics.csv"), fileType: "pdf"), StringComparison.Ordinal);

        await _bot.WithDatabaseAsync(async db =>
        {
            db.Teams.Add(new Team { TeamId = OtherTeamId, Name = "Fabrikam", CreatedAt = _clock.GetUtcNow() });
            db.TeamMemberships.Add(new TeamMembership { TeamId = OtherTeamId, AadObjectId = Ben.AadObjectId!, Role = TeamRole.Editor, Since = _clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        Assert.StartsWith("You can import for several teams:", await SendFileAsync(Ben, "x.csv", Sample("x-analytics.csv")), StringComparison.Ordinal);
        Assert.StartsWith("I know no team \"Contoso\" that you can import for.", await SendFileAsync(Ben, "x.csv", Sample("x-analytics.csv"), text: "import metrics Contoso"), StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.PostMetrics.CountAsync()));

        var reply = await SendFileAsync(Ben, "x.csv", Sample("x-analytics.csv"), text: "import metrics fabrikam");

        Assert.Equal("**x.csv** (X analytics export) for Fabrikam: 2 rows read; figures: 10 new, 0 updated, 0 unchanged (skipped as duplicates).", reply);
        var posts = await _bot.WithDatabaseAsync(db => db.PostMetrics.AsNoTracking().ToListAsync());
        Assert.All(posts, p => Assert.Equal((OtherTeamId, new DateOnly(2026, 12, 4)), (p.TeamId, p.Date)));
        Assert.Contains(posts, p => p is { PostUrl: "twitter.com/contoso_de/status/1863012345678901234", Metric: MetricKind.Reactions, Value: 96 });
    }

    [Fact]
    public async Task Post_figures_are_matched_to_the_published_post_through_its_live_url()
    {
        var instagram = await _bot.WithDatabaseAsync(db => db.SocialChannels.Where(c => c.Handle == "@contoso_de").Select(c => c.Id).SingleAsync());
        await InvokeAsync("post.create", Ben, new { title = "Winterabend", text = "Der Winter ist da.", socialChannels = instagram.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var postId = await _bot.WithDatabaseAsync(db => db.Posts.Select(p => p.Id).SingleAsync());
        await InvokeAsync("post.submit", Ben, new { postId = postId.ToString("D"), revision = "0" });
        await InvokeAsync("post.approve", Clara, new { postId = postId.ToString("D"), revision = "1", comment = "Passt." });
        await SayAsync($"published {Posts.PostWorkflow.ShortId(postId)} https://www.instagram.com/p/Winterabend/", Ben);

        var csv = "date,post_url,metric,value\n2026-12-03,http://instagram.com/p/Winterabend?igsh=abc,likes,56\n2026-12-03,https://www.instagram.com/p/Unbekannt/,likes,3\n";
        Assert.Contains("2 new", await SendFileAsync(Ben, "posts.csv", Encoding.UTF8.GetBytes(csv)), StringComparison.Ordinal);

        await using var scope = _bot.Services.CreateAsyncScope();
        var figures = await scope.ServiceProvider.GetRequiredService<PostMetricsQuery>().ForTeamAsync(TeamsActivities.TeamId, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 4), default);
        var figure = Assert.Single(figures);
        Assert.Equal((postId, instagram, MetricKind.Reactions, 56L), (figure.PostId, figure.SocialChannelId, figure.Metric, figure.Value));
    }

    [Theory]
    [InlineData("https://10.0.0.5/files/x.csv", "en-US", "I won't download x.csv from the address in the message: 10.0.0.5 is a private address. Teams hands out files from its own public addresses; please send the file again from Teams.")]
    [InlineData("https://localhost/files/x.csv", "en-US", "I won't download x.csv from the address in the message: localhost resolves to a loopback address (the bot's own machine). Teams hands out files from its own public addresses; please send the file again from Teams.")]
    [InlineData("https://[::1]/files/x.csv", "de-DE", "x.csv lade ich von der Adresse in der Nachricht nicht herunter: ::1 ist eine Loopback-Adresse (der Rechner des Bots selbst). Teams gibt Dateien über eigene öffentliche Adressen heraus; bitte schick die Datei noch einmal aus Teams.")]
    [InlineData("https://169.254.169.254/latest/meta-data/x.csv", "de-DE", "x.csv lade ich von der Adresse in der Nachricht nicht herunter: 169.254.169.254 ist eine Cloud-Metadaten-Adresse. Teams gibt Dateien über eigene öffentliche Adressen heraus; bitte schick die Datei noch einmal aus Teams.")]
    public async Task A_download_url_pointing_at_an_internal_address_is_refused_with_the_reason_in_the_senders_language(string downloadUrl, string locale, string expected)
    {
        _dns.Answer("localhost", "127.0.0.1", "::1");

        var reply = await SendFileAsync(Ben, "x.csv", downloadUrl: new Uri(downloadUrl), locale: locale);

        Assert.Equal(expected, reply);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.CountAsync()));
    }

    [Fact]
    public async Task The_download_client_refuses_an_internal_destination_at_connect_time()
    {
        // A name that passed the check and resolves somewhere internal when the client connects (DNS rebinding) is
        // refused by the client itself: it is the guarded one for user-supplied URLs, not a plain HttpClient.
        _dns.Answer("files.contoso.example", "10.1.2.3");
        var client = _bot.Services.GetRequiredService<IHttpClientFactory>().CreateClient(MetricsFileImport.HttpClientName);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("https://files.contoso.example/x.csv")));

        var refusal = Assert.IsType<DestinationRefusedException>(error.InnerException).Refusal;
        Assert.Equal((DestinationRefusalReason.ResolvesTo, AddressKind.Private), (refusal.Reason, refusal.Kind));
    }

    [Fact]
    public async Task Typed_without_a_file_the_bot_says_how_to_send_one()
    {
        Assert.StartsWith("Attach the CSV export here in our personal chat", await PersonalReplyAsync(Anna, "import metrics"), StringComparison.Ordinal);
        Assert.StartsWith("Please send the file in our personal chat", await SayForTextAsync("import metrics", Anna), StringComparison.Ordinal);
    }

    private byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(SampleFolder, name));

    private async Task<string> SendFileAsync(ChannelAccount from, string name, byte[]? content = null, string locale = "en-US", string? text = null, string fileType = "csv", Uri? downloadUrl = null)
    {
        var url = downloadUrl ?? _files.Serve(name, content!);
        var activity = _bot.Activities.PersonalMessage(text ?? string.Empty, locale);
        activity.From = from;
        activity.Conversation!.Id = "a:1personal-chat-with-" + from.Name!.Split(' ')[0].ToLowerInvariant();
        activity.Attachments =
        [
            new Attachment
            {
                ContentType = CommandRouter.FileDownloadInfoContentType,
                ContentUrl = "https://contoso.sharepoint.com/personal/files/" + name,
                Name = name,
                Content = new { downloadUrl = url.AbsoluteUri, uniqueId = Guid.NewGuid().ToString(), fileType },
            },
            new Attachment { ContentType = "text/html", Content = "<p>file</p>" },
        ];
        var before = _bot.Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(activity)).StatusCode);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    private async Task InvokeAsync(string verb, ChannelAccount from, object data)
    {
        var activity = _bot.Activities.CardAction(verb, data, inChannel: true);
        activity.From = from;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(activity)).StatusCode);
    }

    private async Task<HttpResponseMessage> PostMetricsAsync(string key)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, MetricsEndpoints.Path)
        {
            Content = new StringContent("{\"metrics\":[{\"socialChannel\":\"instagram\",\"date\":\"2026-12-03\",\"metric\":\"reach\",\"value\":10}]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }

    private static string KeyIn(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"smb_[A-Za-z0-9_-]{43}");
        Assert.True(match.Success, text);
        return match.Value;
    }

    private async Task<bool> DatabaseContainsAsync(string secret) =>
        (await _bot.Database.EverythingAsTextAsync()).Contains(secret, StringComparison.Ordinal);

    private async Task<string> PersonalReplyAsync(ChannelAccount from, string command, string locale = "en-US")
    {
        var activity = _bot.Activities.PersonalMessage(command, locale);
        activity.From = from;
        var before = _bot.Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(activity)).StatusCode);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned) =>
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned))).StatusCode);

    private async Task<string> SayForTextAsync(string command, ChannelAccount from, string locale = "en-US")
    {
        var before = _bot.Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, locale: locale))).StatusCode);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }
}

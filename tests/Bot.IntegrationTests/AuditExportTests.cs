using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// <c>export audit</c> through /api/messages and the link it hands out, fetched over HTTP: a CSV German Excel opens,
/// safe against formula injection, for coordinators only, and dead after 15 minutes or when tampered with.
/// </summary>
public sealed partial class AuditExportTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly BotApplication _bot;

    public AuditExportTests() => _bot = new BotApplication { Clock = _clock };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
        // Anna's personal chat with the bot, where links to her go.
        await _bot.SendAsync(_bot.Activities.PersonalMessage("help"));
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task A_coordinator_downloads_the_periods_audit_as_excel_ready_csv_with_formulas_defused()
    {
        await PostWithChangeRequestAsync("=HYPERLINK(\"http://evil\")", "@Ben: Preis fehlt; bitte ergänzen");
        _clock.Advance(TimeSpan.FromDays(10));
        await SayAsync("new post", Ben); // nothing audited: outside the period below

        var reply = await PersonalReplyAsync("export audit 2026-11-01..2026-11-30");
        var link = LinkIn(reply);

        var response = await DownloadAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("audit-2026-11-01-2026-11-30.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Time (Europe/Berlin);Time (UTC);Post;Working title;Revision;Action;By;By (AAD object id);Status after;Comment;Details", lines[0]);
        var post = await _bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().OrderBy(p => p.CreatedAt).FirstAsync());
        Assert.Equal(post.AuditTrail.Count, lines.Length - 1);
        var shortId = PostWorkflow.ShortId(post.Id);
        Assert.Equal($"2026-11-23 10:00:00;2026-11-23T09:00:00.0000000+00:00;{shortId};\"'=HYPERLINK(\"\"http://evil\"\")\";0;drafted;Ben Wagner;{Ben.AadObjectId};Draft;;", lines[1]);
        Assert.EndsWith(";1;asked for changes;Clara Vogel;" + Clara.AadObjectId + ";Changes requested;\"'@Ben: Preis fehlt; bitte ergänzen\";", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asked_in_the_channel_in_german_the_link_goes_to_the_personal_chat_and_german_dates_are_understood()
    {
        var before = _bot.Connector.Calls.Count;
        await _bot.SendAsync(_bot.Activities.ChannelCommand("audit exportieren 01.11.2026..30.11.2026", Anna, locale: "de-DE"));

        var calls = _bot.Connector.Calls.Skip(before).ToList();
        Assert.Contains(calls, c => c.ConversationId!.StartsWith(TeamsActivities.ChannelConversationId, StringComparison.Ordinal) && c.VisibleText.StartsWith("Ich habe dir den Download-Link", StringComparison.Ordinal));
        var personal = Assert.Single(calls, c => c.ConversationId == TeamsActivities.PersonalConversationId);
        Assert.StartsWith("Das Prüfprotokoll vom 01.11.2026 bis 30.11.2026 als CSV", personal.VisibleText, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.VisibleText.Contains("/downloads/", StringComparison.Ordinal) && c.ConversationId != TeamsActivities.PersonalConversationId);
        var csv = await DownloadAsync(LinkIn(personal.VisibleText));
        Assert.StartsWith("Zeit (Europe/Berlin);Zeit (UTC);Beitrag", Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_german_csv_words_the_details_in_german_and_keeps_the_stored_level_name()
    {
        var channel = await _bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        await InvokeAsync("post.create", Ben, new { title = "Frühlingsaktion", text = "Frühling!", socialChannels = channel.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var postId = (await _bot.WithDatabaseAsync(db => db.Posts.SingleAsync())).Id.ToString("D");
        await InvokeAsync("post.submit", Ben, new { postId, revision = "0" });
        await InvokeAsync("post.approve", Clara, new { postId, revision = "1" });
        var approval = await _bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SingleAsync());
        Assert.Contains(approval.AuditTrail, e => e.Details == "level: review");

        var before = _bot.Connector.Calls.Count;
        await _bot.SendAsync(_bot.Activities.ChannelCommand("audit exportieren 01.11.2026..30.11.2026", Anna, locale: "de-DE"));
        var personal = Assert.Single(_bot.Connector.Calls.Skip(before), c => c.ConversationId == TeamsActivities.PersonalConversationId);
        var csv = Encoding.UTF8.GetString((await (await DownloadAsync(LinkIn(personal.VisibleText))).Content.ReadAsByteArrayAsync())[3..]);

        // Was "level: review": the details column is read by people, in the asker's language.
        Assert.Contains(";zugestimmt (eine Zustimmung);Clara Vogel;", csv, StringComparison.Ordinal);
        Assert.Contains(";Stufe: Prüfung\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("level: review", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_coordinators_get_a_link_and_a_link_dies_when_the_role_goes()
    {
        Assert.Equal("Only coordinators can do that. Your role in this team: reviewer.", await SayForTextAsync("export audit 2026-11-01..2026-11-30", Clara));
        Assert.StartsWith("That's not quite how **export audit** works", await SayForTextAsync("export audit 2026-11-30..2026-11-01", Anna), StringComparison.Ordinal);
        Assert.Equal("An export covers at most 366 days; please choose a shorter period.", await SayForTextAsync("export audit 2025-01-01..2026-11-30", Anna));

        var link = LinkIn(await PersonalReplyAsync("export audit 2026-11-23"));
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(link)).StatusCode);
        await SayAsync("role <at>Anna Schmidt</at> editor", Anna, Anna);
        Assert.Equal("editor", await _bot.WithDatabaseAsync(db => db.TeamMemberships.Where(m => m.AadObjectId == Anna.AadObjectId).Select(m => m.Role.ToString().ToLowerInvariant()).SingleAsync()));

        var refused = await DownloadAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_tampered_link_is_404_and_an_expired_one_410_both_without_data()
    {
        var link = LinkIn(await PersonalReplyAsync("export audit 2026-11-23"));
        var token = link[(link.LastIndexOf('/') + 1)..];
        var tampered = link[..(link.LastIndexOf('/') + 1)] + (token[5] == 'A' ? token[..5] + "B" + token[6..] : token[..5] + "A" + token[6..]);

        var forged = await DownloadAsync(tampered);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Empty(await forged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync("/downloads/not-a-token")).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(link)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await DownloadAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Empty(await expired.Content.ReadAsByteArrayAsync());
    }

    private async Task PostWithChangeRequestAsync(string title, string comment)
    {
        var channel = await _bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        await InvokeAsync("post.create", Ben, new { title, text = "Frühling!", socialChannels = channel.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var postId = (await _bot.WithDatabaseAsync(db => db.Posts.SingleAsync())).Id.ToString("D");
        await InvokeAsync("post.submit", Ben, new { postId, revision = "0" });
        await InvokeAsync("post.requestChanges", Clara, new { postId, revision = "1", comment });
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

    private async Task<string> PersonalReplyAsync(string command)
    {
        var before = _bot.Connector.Calls.Count;
        var message = _bot.Activities.PersonalMessage(command);
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(message)).StatusCode);
        // The answer in this chat: a digest the moved clock made due may go to the team's channel at the same moment.
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply && c.ConversationId == message.Conversation!.Id).VisibleText;
    }

    private async Task<HttpResponseMessage> DownloadAsync(string link)
    {
        using var client = _bot.CreateClient();
        return await client.GetAsync(new Uri(link, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(link).PathAndQuery : link);
    }

    private static string LinkIn(string text) => LinkPattern().Match(text) is { Success: true } match ? match.Groups["url"].Value : throw new Xunit.Sdk.XunitException($"No download link in: {text}");

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned) =>
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned))).StatusCode);

    private async Task<string> SayForTextAsync(string command, ChannelAccount from)
    {
        var before = _bot.Connector.Calls.Count;
        await SayAsync(command, from);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    [GeneratedRegex(@"\((?<url>https?://[^)\s]+/downloads/[^)\s]+)\)")]
    private static partial Regex LinkPattern();
}

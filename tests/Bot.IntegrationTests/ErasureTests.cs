using System.Net;
using System.Text.Json;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// A coordinator erases Ben, who has left: through /api/messages, with a confirmation card. Afterwards no table of the
/// real SQLite file holds anything that identifies him, the audit trail is as long as before with a pseudonym in his
/// place, and his social channels, posts and review duties have gone on to others.
/// </summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    // 127.0.0.1 is allowed as an operator would allow an internal host: with a MicrosoftAppId nothing internal is called otherwise.
    private readonly BotApplication _bot = new()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)),
        Settings = { ["Webhooks:AllowedHosts:0"] = "127.0.0.1" },
    };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("add account x @contoso", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> editor", Anna, Clara);
        await SayAsync("assign <at>Ben Wagner</at> instagram", Anna, Ben);
        await SayAsync("assign <at>Ben Wagner</at> x", Anna, Ben);
        await SayAsync("backup <at>Clara Vogel</at> x", Anna, Clara);
        await SayAsync("away <at>Ben Wagner</at> 2026-12-20..2026-12-24 cover <at>Clara Vogel</at>", Anna, Ben, Clara);
        await SayAsync("away <at>Clara Vogel</at> 2026-12-27..2026-12-30 cover <at>Ben Wagner</at>", Anna, Clara, Ben);

        // Ben in his personal chat, so the bot stores that conversation and his locale.
        var personal = _bot.Activities.PersonalMessage("help");
        personal.From = Ben;
        personal.Conversation = new ConversationAccount { Id = "a:1personal-chat-with-ben", ConversationType = ConversationTypes.Personal, TenantId = TeamsActivities.TenantId };
        await _bot.SendAsync(personal);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task After_erasure_no_table_identifies_the_person_the_audit_is_complete_and_their_work_is_handed_over()
    {
        // A webhook nobody answers: the approved post's payload, with Ben's name, waits in the database to be retried.
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.PersonalMessage("webhook https://127.0.0.1:9/hooks/posts secret 0123456789abcdef0123"))).StatusCode);
        var bensDraft = await DraftAsync(Ben, "Bens Entwurf", "instagram");
        var bensPublished = await DraftAsync(Ben, "Bens Adventspost", "x");
        await InvokeAsync(Action("post.submit", Ben, bensPublished, 0));
        await InvokeAsync(Action("post.approve", Clara, bensPublished, 1, comment: "Passt."));
        await SayAsync($"published {PostWorkflow.ShortId(bensPublished)} https://x.com/contoso/status/1", Ben);
        var clarasPost = await DraftAsync(Clara, "Claras Beitrag", "instagram");
        await InvokeAsync(Action("post.submit", Clara, clarasPost, 0));
        await InvokeAsync(Action("post.requestChanges", Ben, clarasPost, 1, comment: "Bitte kürzer."));
        // Ben coordinated once: he set the digest up and made two metrics API keys, and revoked one of them.
        await _bot.WithDatabaseAsync(db =>
        {
            db.DigestSettings.Add(new global::Bot.Digest.TeamDigestSettings { TeamId = TeamsActivities.TeamId, UpdatedByAadObjectId = Ben.AadObjectId, UpdatedAt = DateTimeOffset.UtcNow });
            db.MetricsApiKeys.Add(new Metrics.MetricsApiKey { Id = Guid.NewGuid(), TeamId = TeamsActivities.TeamId, Prefix = "smb_active00", KeyHash = new string('a', 64), CreatedByAadObjectId = Ben.AadObjectId!, CreatedAt = DateTimeOffset.UnixEpoch });
            db.MetricsApiKeys.Add(new Metrics.MetricsApiKey { Id = Guid.NewGuid(), TeamId = TeamsActivities.TeamId, Prefix = "smb_revoked0", KeyHash = new string('b', 64), CreatedByAadObjectId = Ben.AadObjectId!, CreatedAt = DateTimeOffset.UnixEpoch, RevokedAt = DateTimeOffset.UnixEpoch, RevokedByAadObjectId = Ben.AadObjectId });
            return db.SaveChangesAsync();
        });
        var auditBefore = await _bot.WithDatabaseAsync(db => db.Posts.SelectMany(p => p.AuditTrail).CountAsync());
        Assert.Contains(Ben.Name!, await _bot.WithDatabaseAsync(db => db.WebhookDeliveries.Select(d => d.Body).SingleAsync()), StringComparison.Ordinal);
        Assert.Contains(Ben.AadObjectId!, await DatabaseTextAsync(), StringComparison.OrdinalIgnoreCase);

        var confirmation = await SayForCardAsync("erase person Ben Wagner", Anna);
        Assert.Contains("Erase Ben Wagner?", confirmation.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Ben.AadObjectId, await _bot.WithDatabaseAsync(db => db.People.Where(p => p.AadObjectId == Ben.AadObjectId).Select(p => p.AadObjectId).SingleAsync()));
        var outcome = await InvokeAsync(Erase(Anna, Ben.AadObjectId!));

        Assert.Contains("Done: erased for good", outcome.GetRawText(), StringComparison.Ordinal);
        var everything = await DatabaseTextAsync();
        Assert.DoesNotContain(Ben.AadObjectId!, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Ben.Id!, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Ben.Name!, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("1personal-chat-with-ben", everything, StringComparison.Ordinal);

        var posts = await _bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().ToDictionaryAsync(p => p.Id));
        Assert.Equal(auditBefore, posts.Values.Sum(p => p.AuditTrail.Count));
        var pseudonym = posts[bensPublished].AuthorAadObjectId;
        Assert.StartsWith(Teams.Pseudonyms.Prefix, pseudonym, StringComparison.Ordinal);
        Assert.Equal(PostStatus.Published, posts[bensPublished].Status);
        Assert.All(posts[bensPublished].AuditTrail.Where(e => e.Action is AuditAction.Drafted or AuditAction.SubmittedForReview or AuditAction.VariantPublished), e => Assert.Equal(pseudonym, e.ActorAadObjectId));
        Assert.Equal(pseudonym, posts[clarasPost].Decisions.Single().ReviewerAadObjectId);
        Assert.Equal("Bitte kürzer.", posts[clarasPost].Decisions.Single().Comment);
        Assert.Equal(Anna.AadObjectId, posts[bensDraft].AuthorAadObjectId);
        Assert.Equal(PostStatus.Draft, posts[bensDraft].Status);

        var owners = await _bot.WithDatabaseAsync(db => db.Assignments.Where(a => a.Kind == AssignmentKind.Owner)
            .Join(db.SocialChannels, a => a.SocialChannelId, c => c.Id, (a, c) => new { c.Handle, a.AadObjectId }).ToDictionaryAsync(x => x.Handle, x => x.AadObjectId));
        Assert.Equal(Clara.AadObjectId, owners["@contoso"]);
        Assert.Equal(Anna.AadObjectId, owners["@contoso_de"]);
        Assert.Empty(await _bot.WithDatabaseAsync(db => db.Assignments.Where(a => a.Kind == AssignmentKind.Backup).ToListAsync()));
        var clarasAbsence = await _bot.WithDatabaseAsync(db => db.Absences.SingleAsync());
        Assert.Equal((Clara.AadObjectId, (string?)null), (clarasAbsence.AadObjectId, clarasAbsence.CoverAadObjectId));
        Assert.Contains(await _bot.WithDatabaseAsync(db => db.TeamAudit.Select(e => e.Action).ToListAsync()), a => a == "person.erased");

        // The keys keep working (or stay revoked); only who made them is a pseudonym now.
        var keys = await _bot.WithDatabaseAsync(db => db.MetricsApiKeys.AsNoTracking().OrderBy(k => k.Prefix).ToListAsync());
        Assert.Equal([("smb_active00", pseudonym, (string?)null), ("smb_revoked0", pseudonym, pseudonym)], keys.Select(k => (k.Prefix, k.CreatedByAadObjectId, k.RevokedByAadObjectId)));

        // Clara and Anna are untouched.
        Assert.Contains(Clara.Name!, everything, StringComparison.Ordinal);
        Assert.Contains(Anna.AadObjectId!, everything, StringComparison.Ordinal);

        // The history says who did it without naming him.
        var history = await SayForTextAsync($"history {PostWorkflow.ShortId(bensPublished)}", Anna);
        Assert.Contains(Teams.Pseudonyms.Tag(pseudonym), history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_coordinator_erases_nobody_erases_themselves_and_a_refusal_changes_nothing()
    {
        var reply = await SayForTextAsync("erase person Ben Wagner", Clara);
        Assert.Contains("coordinator", reply, StringComparison.OrdinalIgnoreCase);

        var forged = await InvokeAsync(Erase(Clara, Ben.AadObjectId!));
        Assert.Contains("coordinator", forged.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var self = await InvokeAsync(Erase(Anna, Anna.AadObjectId!));
        Assert.Contains("cannot erase yourself", self.GetRawText(), StringComparison.Ordinal);

        Assert.Contains(Ben.AadObjectId!, await DatabaseTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, await _bot.WithDatabaseAsync(db => db.TeamMemberships.CountAsync()));
        Assert.DoesNotContain("person.erased", await _bot.WithDatabaseAsync(db => db.TeamAudit.Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task Person_loeschen_asks_in_german_and_an_unknown_name_gets_a_specific_answer()
    {
        var german = _bot.Activities.ChannelCommand("person löschen Ben Wagner", Anna, locale: "de-DE");
        var before = _bot.Connector.Calls.Count;
        await _bot.SendAsync(german);
        Assert.Contains("Ben Wagner löschen?", _bot.Connector.Calls.Skip(before).Single().VisibleText, StringComparison.Ordinal);

        Assert.Equal("I know nobody called \"Zoe Fischer\" in this team's records.", await SayForTextAsync("erase person Zoe Fischer", Anna));
    }

    [Fact]
    public async Task The_export_holds_everything_about_the_person_and_nothing_about_anyone_else()
    {
        // Which metrics keys he made: prefix and label, never the stored hash.
        await _bot.WithDatabaseAsync(db =>
        {
            db.MetricsApiKeys.Add(new Metrics.MetricsApiKey { Id = Guid.NewGuid(), TeamId = TeamsActivities.TeamId, Prefix = "smb_bens0000", KeyHash = new string('c', 64), Label = "Bens Tool", CreatedByAadObjectId = Ben.AadObjectId!, CreatedAt = DateTimeOffset.UnixEpoch });
            return db.SaveChangesAsync();
        });
        var bensPost = await DraftAsync(Ben, "Bens Entwurf", "instagram");
        await InvokeAsync(Action("post.submit", Ben, bensPost, 0));
        var clarasPost = await DraftAsync(Clara, "Claras geheimer Beitrag", "x");
        await InvokeAsync(Action("post.submit", Clara, clarasPost, 0));
        await InvokeAsync(Action("post.requestChanges", Ben, clarasPost, 1, comment: "Bitte kürzer."));

        await using var scope = _bot.Services.CreateAsyncScope();
        var json = await scope.ServiceProvider.GetRequiredService<Privacy.PersonalDataExport>().ExportAsync(Ben.AadObjectId!, CancellationToken.None);
        var export = JsonDocument.Parse(json).RootElement;
        var text = System.Text.Encoding.UTF8.GetString(json);

        Assert.Equal(Ben.Name, export.GetProperty("profile").GetProperty("name").GetString());
        var key = Assert.Single(export.GetProperty("metricsApiKeys").EnumerateArray());
        Assert.Equal(("smb_bens0000", "Bens Tool", true), (key.GetProperty("prefix").GetString(), key.GetProperty("label").GetString(), key.GetProperty("createdByYou").GetBoolean()));
        Assert.DoesNotContain(new string('c', 64), export.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Editor", export.GetProperty("teams")[0].GetProperty("role").GetString());
        Assert.Equal(["@contoso", "@contoso_de"], export.GetProperty("socialChannels").EnumerateArray().Select(c => c.GetProperty("handle").GetString()).Order());
        Assert.Equal("2026-12-20", export.GetProperty("absences")[0].GetProperty("firstDay").GetString());
        Assert.Equal("2026-12-27", export.GetProperty("coveringFor")[0].GetProperty("firstDay").GetString());
        Assert.Equal("Bens Entwurf", export.GetProperty("postsWritten").EnumerateArray().Single().GetProperty("workingTitle").GetString());
        Assert.Equal("Bitte kürzer.", export.GetProperty("reviewDecisions").EnumerateArray().Single().GetProperty("comment").GetString());
        Assert.Equal(3, export.GetProperty("postAudit").GetArrayLength());
        Assert.Contains(export.GetProperty("teamAudit").EnumerateArray(), e => e.GetProperty("action").GetString() == "role.set" && e.GetProperty("aboutYou").GetBoolean());
        // The chat Ben started, and the one the bot opened to tell him about his assignments.
        Assert.Contains("a:1personal-chat-with-ben", export.GetProperty("chats").EnumerateArray().Select(c => c.GetProperty("conversationId").GetString()));
        Assert.Contains(export.GetProperty("notificationsToYou").EnumerateArray(), n => n.GetProperty("kind").GetString() == "personal-note");
        Assert.Contains(export.GetProperty("remindersPlannedForYourPosts").EnumerateArray(), r => r.GetProperty("postId").GetGuid() == bensPost && r.GetProperty("kind").GetString() == "Review");
        Assert.DoesNotContain(export.GetProperty("remindersPlannedForYourPosts").EnumerateArray(), r => r.GetProperty("postId").GetGuid() == clarasPost);

        foreach (var other in new[] { Anna, Clara })
        {
            Assert.DoesNotContain(other.Name!, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(other.AadObjectId!, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(other.Id!, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Claras geheimer Beitrag", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_data_gives_a_short_lived_link_in_the_personal_chat_only()
    {
        var inChannel = await SayForTextAsync("my data", Ben);
        Assert.Contains("personal chat", inChannel, StringComparison.Ordinal);

        var ask = _bot.Activities.PersonalMessage("meine daten", "de-DE");
        ask.From = Ben;
        ask.Conversation = new ConversationAccount { Id = "a:1personal-chat-with-ben", ConversationType = ConversationTypes.Personal, TenantId = TeamsActivities.TenantId };
        var before = _bot.Connector.Calls.Count;
        await _bot.SendAsync(ask);
        var reply = _bot.Connector.Calls.Skip(before).Single().VisibleText;
        var link = System.Text.RegularExpressions.Regex.Match(reply, @"\((?<url>[^)]+/downloads/my-data/[^)]+)\)").Groups["url"].Value;
        Assert.Contains("herunterladen", reply, StringComparison.Ordinal);
        var path = new Uri(link).PathAndQuery;

        using var client = _bot.CreateClient();
        var download = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        var export = JsonDocument.Parse(await download.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Ben.Name, export.GetProperty("profile").GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path[..^3] + "xyz")).StatusCode);
        var auditPath = path.Replace("/my-data/", "/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(auditPath)).StatusCode);
        _bot.Clock!.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(path)).StatusCode);
    }

    /// <summary>Every text value in every table of the bot's database file, whatever the model says.</summary>
    private Task<string> DatabaseTextAsync() => _bot.Database.EverythingAsTextAsync();

    private async Task<Guid> DraftAsync(ChannelAccount author, string title, string handlePlatform)
    {
        var channel = await _bot.WithDatabaseAsync(db => db.SocialChannels.Where(c => c.Platform.ToString().ToLower() == handlePlatform).Select(c => c.Id).SingleAsync());
        var before = await _bot.WithDatabaseAsync(db => db.Posts.Select(p => p.Id).ToListAsync());
        await InvokeAsync(Action("post.create", author, new Dictionary<string, string?>
        {
            ["title"] = title,
            ["text"] = "Ein Text für " + title,
            ["socialChannels"] = channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["plannedDate"] = "2026-11-27",
            ["plannedTime"] = "10:30",
        }));
        return await _bot.WithDatabaseAsync(db => db.Posts.Where(p => !before.Contains(p.Id)).Select(p => p.Id).SingleAsync());
    }

    private Activity Erase(ChannelAccount from, string person) =>
        Action("person.erase", from, new Dictionary<string, string?> { ["person"] = person });

    private Activity Action(string verb, ChannelAccount from, Guid postId, int revision, string? comment = null) =>
        Action(verb, from, new Dictionary<string, string?>
        {
            ["postId"] = postId.ToString("D"),
            ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["comment"] = comment,
        });

    private Activity Action(string verb, ChannelAccount from, Dictionary<string, string?> data)
    {
        var activity = _bot.Activities.CardAction(verb, data, inChannel: true);
        activity.From = from;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        return activity;
    }

    private async Task<JsonElement> InvokeAsync(Activity activity)
    {
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        var card = body.GetProperty("value");
        CardRules.AssertValid(card);
        return card;
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var response = await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> SayForTextAsync(string command, ChannelAccount from)
    {
        var before = _bot.Connector.Calls.Count;
        await SayAsync(command, from);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    private async Task<JsonElement> SayForCardAsync(string command, ChannelAccount from)
    {
        var before = _bot.Connector.Calls.Count;
        await SayAsync(command, from);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).Body!.Value.GetProperty("attachments")[0].GetProperty("content");
    }
}

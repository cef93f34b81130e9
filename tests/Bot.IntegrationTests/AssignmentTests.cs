using System.Net;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Teams;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// A coordinator staffs the team's social channels from the Teams channel; people are resolved through the team's real
/// member list on the (fake) connector.
/// </summary>
public sealed class AssignmentTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;
    private static readonly ChannelAccount Claus = new("29:1claus-teams-user-id", "Claus Vogel", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a03");
    private static readonly ChannelAccount Lena = new("29:1lena-left-the-team", "Lena Berg", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a99");

    // Monday 28 December 2026, 10:00 in Berlin.
    private readonly BotApplication _bot = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.Zero)) };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara, Claus);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    private async Task<string> SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var before = _bot.Connector.Sent.Count;
        var response = await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = _bot.Connector.Sent.Skip(before).First(call => call.ConversationId!.StartsWith(TeamsActivities.ChannelConversationId, StringComparison.Ordinal));
        return reply.VisibleText;
    }

    [Fact]
    public async Task An_absence_wholly_in_the_past_is_refused_with_the_reason_and_one_ending_today_is_recorded()
    {
        var past = await SayAsync("away <at>Ben Wagner</at> 2026-12-14..2026-12-27 cover <at>Clara Vogel</at>", Anna, Ben, Clara);

        Assert.StartsWith("That absence ended on Dec 27, 2026, so it is over", past, StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Absences.CountAsync()));

        var endingToday = await SayAsync("away <at>Ben Wagner</at> 2026-12-21..2026-12-28", Anna, Ben);

        Assert.Equal("Ben Wagner is away from Dec 21, 2026 to Dec 28, 2026; backups and coordinators step in.", endingToday);
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.Absences.CountAsync()));
    }

    [Fact]
    public async Task A_reversed_range_says_which_day_comes_first_before_the_usage_in_english_and_german()
    {
        var english = await SayAsync("away <at>Ben Wagner</at> 2027-01-06..2026-12-24", Anna, Ben);

        var before = _bot.Connector.Sent.Count;
        await _bot.SendAsync(_bot.Activities.ChannelCommand("abwesend <at>Ben Wagner</at> 06.01.2027..24.12.2026", Anna, [Ben], locale: "de-DE"));
        var german = _bot.Connector.Sent.Skip(before).First(call => call.ConversationId!.StartsWith(TeamsActivities.ChannelConversationId, StringComparison.Ordinal)).VisibleText;

        Assert.StartsWith("The last day (Dec 24, 2026) is before the first (Jan 6, 2027).", english, StringComparison.Ordinal);
        Assert.Contains("Write it like this", english, StringComparison.Ordinal);
        Assert.StartsWith("Der letzte Tag (24.12.2026) liegt vor dem ersten (06.01.2027).", german, StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Absences.CountAsync()));
    }

    [Fact]
    public async Task The_installer_is_the_coordinator_and_assigns_an_owner_by_mention()
    {
        await SayAsync("add account instagram @contoso_de https://instagram.com/contoso_de", Anna);

        var reply = await SayAsync("assign <at>Ben Wagner</at> instagram", Anna, Ben);

        Assert.Equal("Ben Wagner now owns Instagram @contoso_de.", reply);
        var assignment = await _bot.WithDatabaseAsync(db => db.Assignments.SingleAsync());
        Assert.Equal((Ben.AadObjectId, AssignmentKind.Owner), (assignment.AadObjectId, assignment.Kind));
        Assert.Equal(TeamRole.Coordinator, (await _bot.WithDatabaseAsync(db => db.TeamMemberships.SingleAsync(m => m.AadObjectId == Anna.AadObjectId))).Role);
    }

    [Fact]
    public async Task The_assignee_hears_it_personally_in_a_chat_the_bot_opens()
    {
        await SayAsync("add account instagram @contoso_de", Anna);

        await SayAsync("zuweisen <at>Ben Wagner</at> insta", Anna, Ben);

        var created = Assert.Single(_bot.Connector.Calls, call => call.Kind == CallKind.CreateConversation);
        Assert.Equal(Ben.Id, created.Body!.Value.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(TeamsActivities.TenantId, created.Body.Value.GetProperty("tenantId").GetString());
        var note = _bot.Connector.Sent.Single(call => call.ConversationId == "a:created-" + created.AssignedId);
        Assert.Equal("Anna Schmidt made you the owner of Instagram @contoso_de in Social Media.", note.Activity!.Text);
    }

    [Fact]
    public async Task A_non_coordinator_is_refused_and_nothing_changes()
    {
        await SayAsync("add account instagram @contoso_de", Anna);
        var auditBefore = await _bot.WithDatabaseAsync(db => db.TeamAudit.CountAsync());

        var reply = await SayAsync("assign <at>Clara Vogel</at> instagram", Ben, Clara);
        var secondReply = await SayAsync("add account tiktok @contoso", Ben);

        Assert.Equal("Only coordinators can do that. Your role in this team: viewer.", reply);
        Assert.Equal(reply, secondReply);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Assignments.CountAsync()));
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.SocialChannels.CountAsync()));
        Assert.Equal(auditBefore, await _bot.WithDatabaseAsync(db => db.TeamAudit.CountAsync()));
        Assert.DoesNotContain(_bot.Connector.Calls, call => call.Kind == CallKind.CreateConversation);
    }

    [Fact]
    public async Task A_role_given_by_the_coordinator_takes_effect()
    {
        await SayAsync("add account linkedin contoso-gmbh", Anna);
        Assert.Equal("Ben Wagner is now coordinator in this team.", await SayAsync("role <at>Ben Wagner</at> coordinator", Anna, Ben));

        var reply = await SayAsync("backup <at>Clara Vogel</at> linkedin", Ben, Clara);

        Assert.Equal("Clara Vogel is now a backup for LinkedIn contoso-gmbh.", reply);
    }

    [Fact]
    public async Task People_are_found_by_name_and_asked_about_when_the_name_is_ambiguous()
    {
        await SayAsync("add account x @contoso", Anna);

        Assert.Equal("Clara Vogel now owns X @contoso.", await SayAsync("assign Clara Vogel twitter", Anna));
        Assert.Equal("Several people match \"Vogel\": Clara Vogel, Claus Vogel. Please @mention the right one.", await SayAsync("assign Vogel x", Anna));
        Assert.Equal("I found nobody called \"Zoe\" in this team. Please @mention the person.", await SayAsync("assign Zoe x", Anna));
    }

    [Fact]
    public async Task Someone_who_left_the_team_or_an_unknown_account_gets_a_precise_answer_with_the_fix()
    {
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("add account instagram @contoso_jobs", Anna);

        Assert.Equal("Lena Berg is not a member of this team (any more). Add them to the team in Teams first.", await SayAsync("assign <at>Lena Berg</at> instagram @contoso_de", Anna, Lena));
        Assert.Equal("This team has no TikTok account yet. A coordinator can add one: add account tiktok <handle>", await SayAsync("assign <at>Ben Wagner</at> tiktok", Anna, Ben));
        Assert.Equal("This team has several Instagram accounts: @contoso_de, @contoso_jobs. Add the handle, e.g. instagram @contoso_de", await SayAsync("assign <at>Ben Wagner</at> instagram", Anna, Ben));
        Assert.Equal("I don't know the platform \"myspace\". I know: Facebook, Instagram, X, LinkedIn, Xing, YouTube, TikTok, Threads, Bluesky, Mastodon, Pinterest, Blog, Other.", await SayAsync("assign <at>Ben Wagner</at> myspace", Anna, Ben));
        Assert.Equal("That's not quite how **assign** works. Write it like this: assign @person platform [handle]", await SayAsync("assign <at>Ben Wagner</at>", Anna, Ben));
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Assignments.CountAsync()));
    }

    [Fact]
    public async Task Every_change_is_in_the_team_audit()
    {
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("assign <at>Ben Wagner</at> instagram", Anna, Ben);
        await SayAsync("backup <at>Clara Vogel</at> instagram", Anna, Clara);
        await SayAsync("unassign <at>Clara Vogel</at> instagram", Anna, Clara);
        await SayAsync("goal instagram 3/week engagement 4%", Anna);
        await SayAsync("away <at>Ben Wagner</at> 2026-12-24..2027-01-06 cover <at>Clara Vogel</at>", Anna, Ben, Clara);

        var audit = await _bot.WithDatabaseAsync(db => db.TeamAudit.OrderBy(e => e.Id).ToListAsync());

        Assert.Equal(
            ["role.installer-coordinator", "social-channel.add", "assignment.owner", "assignment.backup", "assignment.remove", "goal.set", "absence.record"],
            audit.Select(e => e.Action));
        Assert.All(audit.Skip(1), e => Assert.Equal(Anna.AadObjectId, e.ActorAadObjectId));
        Assert.Equal(Ben.AadObjectId, audit[2].SubjectAadObjectId);
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.Zero), audit[2].At);
    }

    [Fact]
    public async Task The_overview_of_twelve_social_channels_shows_owners_backups_cover_and_goals_grouped_by_platform()
    {
        string[] accounts =
        [
            "instagram @contoso_de", "instagram @contoso_jobs", "instagram @contoso_store", "facebook contoso.de", "facebook contoso.jobs",
            "linkedin contoso-gmbh", "xing contoso-gmbh", "x @contoso", "youtube contoso-tv", "tiktok @contoso", "threads @contoso", "bluesky @contoso.de",
        ];
        foreach (var account in accounts)
        {
            await SayAsync("add account " + account, Anna);
        }

        await SayAsync("assign <at>Ben Wagner</at> instagram @contoso_de", Anna, Ben);
        await SayAsync("backup <at>Clara Vogel</at> instagram @contoso_de", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> linkedin", Anna, Clara);
        await SayAsync("goal linkedin 3/week", Anna);
        await SayAsync("away <at>Ben Wagner</at> 2026-12-24..2027-01-06 cover <at>Claus Vogel</at>", Anna, Ben, Claus);

        var overview = await SayAsync("who", Anna);

        var lines = overview.Split('\n');
        Assert.Equal("Who looks after what", lines[0]);
        foreach (var platform in new[] { "Facebook", "Instagram", "X", "LinkedIn", "Xing", "YouTube", "TikTok", "Threads", "Bluesky" })
        {
            Assert.Single(lines, line => line == platform);
        }

        Assert.Equal(12, lines.Count(line => line == "Owner"));
        var contosoDe = Array.IndexOf(lines, "@contoso_de");
        Assert.Equal(["Owner", "Ben Wagner", "Backups", "Clara Vogel", "Today", "Claus Vogel"], lines[(contosoDe + 1)..(contosoDe + 7)]);
        var linkedin = Array.IndexOf(lines, "contoso-gmbh");
        Assert.Equal(["Owner", "Clara Vogel", "Backups", "–", "Today", "Clara Vogel"], lines[(linkedin + 1)..(linkedin + 7)]);
        Assert.Contains("0 of 3 posts", lines);
        var card = _bot.Connector.Sent.Last().Body!.Value.ToString();
        Assert.True(System.Text.Encoding.Unicode.GetByteCount(card) < 80_000, "The overview must stay under Teams' message size limit.");
    }

    [Fact]
    public async Task The_overview_counts_posts_in_review_due_this_week_and_published_against_the_goal()
    {
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("goal instagram 2/week", Anna);
        var instagram = await _bot.WithDatabaseAsync(db => db.SocialChannels.SingleAsync());
        var now = _bot.Clock!.GetUtcNow();
        var author = new Bot.Posts.Actor(Ben.AadObjectId!, TeamsActivities.TeamId, TeamRole.Editor);
        var reviewer = new Bot.Posts.Actor(Clara.AadObjectId!, TeamsActivities.TeamId, TeamRole.Reviewer);
        Bot.Posts.Post NewPost(string title, DateTimeOffset plannedAt) => new(
            author,
            new Bot.Posts.PostContent(title, "Frohe Feiertage!", [new Bot.Posts.VariantContent(instagram.Id, Platform.Instagram)], Reviewers: [Clara.AadObjectId!]),
            now,
            plannedAt);
        var inReview = NewPost("In review", now.AddDays(1));
        Assert.True(inReview.SubmitForReview(author, Bot.Posts.ReviewPolicy.Default, now).Succeeded);
        var dueSoon = NewPost("Due soon", now.AddDays(3));
        Assert.True(dueSoon.SubmitForReview(author, Bot.Posts.ReviewPolicy.Default, now).Succeeded);
        Assert.True(dueSoon.Approve(reviewer, 1, Bot.Posts.ReviewPolicy.Default, [], now).Succeeded);
        var published = NewPost("Published", now.AddHours(1));
        Assert.True(published.SubmitForReview(author, Bot.Posts.ReviewPolicy.Default, now).Succeeded);
        Assert.True(published.Approve(reviewer, 1, Bot.Posts.ReviewPolicy.Default, [], now).Succeeded);
        Assert.True(published.MarkPublished(author, instagram.Id, "https://instagram.com/p/abc", now).Succeeded);
        await _bot.WithDatabaseAsync(async db =>
        {
            db.Posts.AddRange(inReview, dueSoon, published);
            return await db.SaveChangesAsync();
        });

        var overview = await SayAsync("who", Anna);

        Assert.Contains("1 in review · 1 in the next 7 days · last published Dec 28, 2026", overview.Split('\n'));
        Assert.Contains("1 of 2 posts", overview.Split('\n'));
    }

    [Fact]
    public async Task My_channels_lists_what_i_own_back_up_or_cover_today()
    {
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("add account linkedin contoso-gmbh", Anna);
        await SayAsync("add account xing contoso-gmbh", Anna);
        await SayAsync("assign <at>Ben Wagner</at> instagram", Anna, Ben);
        await SayAsync("assign <at>Clara Vogel</at> linkedin", Anna, Clara);
        await SayAsync("backup <at>Clara Vogel</at> xing", Anna, Clara);
        await SayAsync("away <at>Ben Wagner</at> 2026-12-24..2027-01-06 cover <at>Clara Vogel</at>", Anna, Ben, Clara);

        var mine = await SayAsync("meine kanäle", Clara);

        Assert.Equal(
            ["Your social channels", "Instagram @contoso_de", "covering for Ben Wagner today", "LinkedIn contoso-gmbh", "owner", "Xing contoso-gmbh", "backup"],
            mine.Split('\n'));
    }
}

/// <summary>The absence form behind a bare "away": offered with the team's members, checked again on submit.</summary>
public sealed class AbsenceFormTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;
    private readonly BotApplication _bot = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 21, 9, 0, 0, TimeSpan.Zero)) };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    private async Task<System.Text.Json.JsonElement> SubmitAsync(ChannelAccount from, object data)
    {
        var submit = _bot.Activities.CardAction("absence.record", data, inChannel: true);
        submit.From = from;
        submit.ChannelData = _bot.Activities.ChannelMessageMentioningBot("x").ChannelData;
        var response = await _bot.SendAsync(submit);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string CardText(System.Text.Json.JsonElement response) =>
        string.Join("\n", response.GetProperty("value").GetProperty("body").EnumerateArray().Select(e => e.GetProperty("text").GetString()));

    [Fact]
    public async Task Away_alone_offers_the_form_with_the_teams_members_and_today_preselected()
    {
        await _bot.SendAsync(_bot.Activities.ChannelCommand("away", Anna));

        var form = _bot.Connector.Sent.Last().Activity!.Attachments!.Single().Content;
        var body = ((System.Text.Json.JsonElement)form!).GetProperty("body");
        Assert.Equal("Record an absence", body[0].GetProperty("text").GetString());
        Assert.Equal(["Anna Schmidt", "Ben Wagner", "Clara Vogel"], body[1].GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.Equal(Anna.Id, body[1].GetProperty("value").GetString());
        Assert.Equal("2026-12-21", body[2].GetProperty("value").GetString());
        Assert.Equal("absence.record", body[5].GetProperty("actions")[0].GetProperty("verb").GetString());
    }

    [Fact]
    public async Task Submitting_the_form_records_the_absence_with_its_cover()
    {
        var response = await SubmitAsync(Anna, new { person = Ben.Id, firstDay = "2026-12-24", lastDay = "2027-01-06", cover = Clara.Id });

        Assert.Equal("Record an absence\nBen Wagner is away from Dec 24, 2026 to Jan 6, 2027; Clara Vogel covers.", CardText(response));
        var absence = await _bot.WithDatabaseAsync(db => db.Absences.SingleAsync());
        Assert.Equal((Ben.AadObjectId, new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 6), Clara.AadObjectId), (absence.AadObjectId, absence.FirstDay, absence.LastDay, absence.CoverAadObjectId));
    }

    [Fact]
    public async Task Forged_or_wrong_form_data_changes_nothing()
    {
        var forgedPerson = await SubmitAsync(Anna, new { person = "29:someone-from-another-team", firstDay = "2026-12-24", lastDay = "2027-01-06", cover = "" });
        var reversedDates = await SubmitAsync(Anna, new { person = Ben.Id, firstDay = "2027-01-06", lastDay = "2026-12-24", cover = "" });
        var notCoordinator = await SubmitAsync(Ben, new { person = Clara.Id, firstDay = "2026-12-24", lastDay = "2027-01-06", cover = "" });

        Assert.Contains("is not a member of this team", CardText(forgedPerson), StringComparison.Ordinal);
        Assert.Contains("the last day cannot be before the first", CardText(reversedDates), StringComparison.Ordinal);
        Assert.Contains("Only coordinators record absences for others", CardText(notCoordinator), StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Absences.CountAsync()));
    }

    [Fact]
    public async Task A_form_for_an_absence_that_is_already_over_is_refused_with_the_reason()
    {
        var response = await SubmitAsync(Anna, new { person = Ben.Id, firstDay = "2026-12-14", lastDay = "2026-12-18", cover = Clara.Id });

        Assert.Contains("That absence ended on Dec 18, 2026, so it is over", CardText(response), StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Absences.CountAsync()));
    }

    [Fact]
    public async Task Anyone_may_record_their_own_absence()
    {
        var response = await SubmitAsync(Ben, new { person = Ben.Id, firstDay = "2026-12-24", lastDay = "2026-12-27", cover = "" });

        Assert.Equal("Record an absence\nBen Wagner is away from Dec 24, 2026 to Dec 27, 2026; backups and coordinators step in.", CardText(response));
    }
}

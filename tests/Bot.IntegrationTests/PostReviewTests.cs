using System.Net;
using System.Text.Json;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// The review loop through /api/messages with Teams-shaped payloads: new post → draft → submit → approval card in the
/// team's channel → decision → the shared message updated in place and the author told.
/// </summary>
public sealed class PostReviewTests : IAsyncLifetime
{
    private const string OtherTeamId = "19:other-team@thread.tacv2";

    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    // Monday 23 November 2026, 10:00 in Berlin.
    private readonly BotApplication _bot = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("add account x @contoso", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
        await SayAsync("who", Clara);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task A_post_goes_from_new_post_to_approved_and_the_shared_card_is_updated_in_place()
    {
        var form = await SayForCardAsync("new post", Ben);
        Assert.Contains("Input.ChoiceSet", form.GetRawText(), StringComparison.Ordinal);

        var draft = await InvokeCardAsync(CreateDraftAction());
        Assert.Contains("Submit for review", draft.GetRawText(), StringComparison.Ordinal);
        var post = await StoredPostAsync();
        Assert.Equal(PostStatus.Draft, post.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), post.PlannedPublishAt);

        var sentBefore = _bot.Connector.Calls.Count;
        var submitted = await InvokeCardAsync(Action("post.submit", Ben, post.Id, revision: 0));
        Assert.Contains("Submitted for review", submitted.GetRawText(), StringComparison.Ordinal);
        // Issue 18: good news is not shown in the attention colour, and the title follows the status.
        Assert.Equal("Good", TextBlockStartingWith(submitted, "Submitted for review").GetProperty("color").GetString());
        Assert.Equal("In review: Frühlingsaktion", submitted.GetProperty("body")[0].GetProperty("text").GetString());
        var approvalCard = _bot.Connector.Calls.Skip(sentBefore).Single(c => c.Kind == CallKind.Send && c.ConversationId == TeamsActivities.ChannelConversationId);
        var shared = CardOf(approvalCard);
        var refreshUsers = shared.GetProperty("refresh").GetProperty("userIds").EnumerateArray().Select(u => u.GetString()).ToList();
        Assert.Equal([Anna.Id, Clara.Id], refreshUsers.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("\"post.approve\"", shared.GetRawText(), StringComparison.Ordinal);
        var message = await _bot.WithDatabaseAsync(db => db.PostApprovalMessages.SingleAsync());
        Assert.Equal(approvalCard.AssignedId, message.ActivityId);

        var reviewerView = await InvokeCardAsync(Action("post.refresh", Clara, post.Id, revision: 1));
        Assert.Contains("\"post.approve\"", reviewerView.GetRawText(), StringComparison.Ordinal);
        var othersView = await InvokeCardAsync(Action("post.refresh", Ben, post.Id, revision: 1));
        Assert.DoesNotContain("\"post.approve\"", othersView.GetRawText(), StringComparison.Ordinal);

        var before = _bot.Connector.Calls.Count;
        var approved = await InvokeCardAsync(Action("post.approve", Clara, post.Id, revision: 1));

        Assert.DoesNotContain("\"post.approve\"", approved.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.Approved, (await StoredPostAsync()).Status);
        var calls = _bot.Connector.Calls.Skip(before).ToList();
        var update = Assert.Single(calls, c => c.Kind == CallKind.Update);
        Assert.Equal((TeamsActivities.ChannelConversationId, message.ActivityId), (update.ConversationId, update.ActivityId));
        Assert.Contains("Approved by Clara Vogel", update.VisibleText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"post.approve\"", CardOf(update).GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Undefined, CardOf(update).TryGetProperty("refresh", out var refresh) ? refresh.ValueKind : JsonValueKind.Undefined);
        var note = Assert.Single(calls, c => c.Kind == CallKind.Send && c.ConversationId != TeamsActivities.ChannelConversationId);
        Assert.Equal("Your post \"Frühlingsaktion\" was approved by Clara Vogel.", note.VisibleText);
        AssertEveryCardIsValid();
    }

    [Fact]
    public async Task An_approval_comment_is_shown_on_the_card_and_in_the_authors_note()
    {
        var postId = await SubmittedPostAsync();
        var before = _bot.Connector.Calls.Count;

        var approved = await InvokeCardAsync(Action("post.approve", Clara, postId, revision: 1, comment: "Passt, danke!"));

        Assert.Contains("Approved by Clara Vogel, Nov 23, 2026 at 10:00: Passt, danke!", TextOf(approved), StringComparison.Ordinal);
        var calls = _bot.Connector.Calls.Skip(before).ToList();
        Assert.Contains("Passt, danke!", Assert.Single(calls, c => c.Kind == CallKind.Update).VisibleText, StringComparison.Ordinal);
        var note = Assert.Single(calls, c => c.Kind == CallKind.Send && c.ConversationId != TeamsActivities.ChannelConversationId);
        Assert.Equal("Your post \"Frühlingsaktion\" was approved by Clara Vogel: Passt, danke!", note.VisibleText);
    }

    [Fact]
    public async Task The_author_approving_their_own_post_is_refused_and_nothing_changes()
    {
        var postId = await SubmittedPostAsync();
        var before = _bot.Connector.Calls.Count;

        var answer = await InvokeCardAsync(Action("post.approve", Ben, postId, revision: 1));

        Assert.Contains("Four eyes", answer.GetRawText(), StringComparison.Ordinal);
        var post = await StoredPostAsync();
        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Empty(post.Decisions);
        Assert.Equal(before, _bot.Connector.Calls.Count);
    }

    [Fact]
    public async Task A_post_id_used_from_another_team_is_refused_and_nothing_changes()
    {
        var postId = await SubmittedPostAsync();
        var before = _bot.Connector.Calls.Count;
        var forged = Action("post.approve", Clara, postId, revision: 1);
        forged.ChannelData = new { tenant = new { id = TeamsActivities.TenantId }, team = new { id = OtherTeamId }, channel = new { id = OtherTeamId } };

        var answer = await InvokeCardAsync(forged);

        Assert.Equal("I can't find that post in this team.", answer.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Empty((await StoredPostAsync()).Decisions);
        Assert.DoesNotContain(_bot.Connector.Calls.Skip(before), c => c.Kind is CallKind.Update or CallKind.Send);
    }

    [Fact]
    public async Task A_click_on_an_old_revision_answers_with_the_current_card()
    {
        var postId = await SubmittedPostAsync();

        var answer = await InvokeCardAsync(Action("post.approve", Clara, postId, revision: 0));

        Assert.Contains("older revision", answer.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"post.approve\"", answer.GetRawText(), StringComparison.Ordinal);
        Assert.Empty((await StoredPostAsync()).Decisions);
    }

    [Fact]
    public async Task Fifty_concurrent_approve_clicks_make_exactly_one_transition()
    {
        var postId = await SubmittedPostAsync();
        var before = _bot.Connector.Calls.Count;

        var clicks = Enumerable.Range(0, 50).Select(i => Action("post.approve", i % 2 == 0 ? Clara : Anna, postId, revision: 1)).ToList();
        var responses = await Task.WhenAll(clicks.Select(click => Task.Run(() => _bot.SendAsync(click))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var post = await StoredPostAsync();
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Single(post.Decisions);
        Assert.Single(post.AuditTrail, e => e.Action == AuditAction.Approved);
        Assert.Single(post.AuditTrail, e => e.Status == PostStatus.Approved && e.Action == AuditAction.Approved);
        Assert.Equal([AuditAction.Drafted, AuditAction.SubmittedForReview, AuditAction.ApprovalGiven, AuditAction.Approved], post.AuditTrail.OrderBy(e => e.Sequence).Select(e => e.Action));
        Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind == CallKind.Update);
    }

    [Fact]
    public async Task Request_changes_needs_a_comment_and_the_author_hears_it()
    {
        var postId = await SubmittedPostAsync();

        var refused = await InvokeCardAsync(Action("post.requestChanges", Clara, postId, revision: 1));
        Assert.Contains("Please write a comment", refused.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);

        var before = _bot.Connector.Calls.Count;
        await InvokeCardAsync(Action("post.requestChanges", Clara, postId, revision: 1, comment: "Bitte mit Preis."));

        Assert.Equal(PostStatus.ChangesRequested, (await StoredPostAsync()).Status);
        var calls = _bot.Connector.Calls.Skip(before).ToList();
        Assert.Contains("Changes requested by Clara Vogel", Assert.Single(calls, c => c.Kind == CallKind.Update).VisibleText, StringComparison.Ordinal);
        Assert.Contains(calls, c => c.Kind == CallKind.Send && c.VisibleText == $"Clara Vogel asks for changes to your post \"Frühlingsaktion\": Bitte mit Preis.\n\nType **show {PostWorkflow.ShortId(postId)}** to edit and resubmit it.");
    }

    [Fact]
    public async Task With_a_team_checklist_reviewers_confirm_every_item_and_the_confirmations_are_recorded()
    {
        var checklist = new ReviewChecklist([new("facts-checked", "Facts checked"), new("image-rights", "Image rights cleared")]);
        await _bot.WithDatabaseAsync(async db =>
        {
            await new ReviewSettingsStore(db, TimeProvider.System).SetPolicyAsync(
                TeamsActivities.TeamId, new ReviewPolicy([ReviewLevel.OneOfThePostsReviewers], checklist: checklist), TeamsActivities.AnnaAadObjectId, default);
            return true;
        });
        var postId = await SubmittedPostAsync();

        var reviewerView = await InvokeCardAsync(Action("post.refresh", Clara, postId, revision: 1));
        Assert.Equal(
            ["check.facts-checked", "check.image-rights"],
            reviewerView.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Input.Toggle").Select(e => e.GetProperty("id").GetString()));

        var halfConfirmed = Action("post.approve", Clara, postId, revision: 1, checks: ["facts-checked"]);
        var refused = await InvokeCardAsync(halfConfirmed);
        Assert.Contains("Image rights cleared", refused.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);

        await InvokeCardAsync(Action("post.approve", Clara, postId, revision: 1, checks: ["facts-checked", "image-rights"]));

        var post = await StoredPostAsync();
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Equal(["facts-checked", "image-rights"], Assert.Single(post.Decisions).ConfirmedChecklistItems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pending_my_posts_show_and_published_work_with_the_short_id()
    {
        var postId = await SubmittedPostAsync();
        var shortId = PostWorkflow.ShortId(postId);

        Assert.Contains($"**{shortId}** Frühlingsaktion", await SayForTextAsync("pending", Clara), StringComparison.Ordinal);
        Assert.Equal("Nothing is waiting for your review.", await SayForTextAsync("pending", Ben));
        Assert.Contains($"**{shortId}** Frühlingsaktion: In review", await SayForTextAsync("my posts", Ben), StringComparison.Ordinal);
        await InvokeCardAsync(Action("post.approve", Clara, postId, revision: 1));

        // Clara looks after Instagram, not X (issue 18: whoever looks after a social channel may record it live).
        Assert.Equal("As reviewer you cannot do that.", await SayForTextAsync($"published {shortId} https://x.com/contoso/status/1 x", Clara));
        Assert.StartsWith("Which social channel", await SayForTextAsync($"published {shortId} https://instagram.com/p/1", Ben), StringComparison.Ordinal);
        Assert.Equal("Recorded the live URL for Instagram. The post is now: Approved.", await SayForTextAsync($"published {shortId} https://instagram.com/p/1 instagram", Ben));
        var before = _bot.Connector.Calls.Count;
        Assert.Equal("Recorded the live URL for X. The post is now: Published.", await SayForTextAsync($"published #{shortId} https://x.com/contoso/status/1", Ben));

        Assert.Equal(PostStatus.Published, (await StoredPostAsync()).Status);
        Assert.Contains(_bot.Connector.Calls.Skip(before), c => c.Kind == CallKind.Update && c.VisibleText.Contains("Published", StringComparison.Ordinal));
        var history = await SayForTextAsync($"verlauf {shortId}", Clara);
        Assert.Contains("Clara Vogel: approved; the post is approved, revision 1", history, StringComparison.Ordinal);
        Assert.Contains("Ben Wagner: published, revision 1", history, StringComparison.Ordinal);
        var shown = await SayForCardAsync($"show {shortId}", Ben);
        Assert.Contains("Published", shown.GetRawText(), StringComparison.Ordinal);
        Assert.False(shown.TryGetProperty("refresh", out _));
        AssertEveryCardIsValid();
    }

    [Fact]
    public async Task Only_the_author_withdraws_and_the_shared_card_shows_it()
    {
        var postId = await SubmittedPostAsync();
        var shortId = PostWorkflow.ShortId(postId);

        Assert.Equal("Only the author can do that.", await SayForTextAsync($"withdraw {shortId}", Clara));
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);
        var before = _bot.Connector.Calls.Count;

        Assert.Equal("Withdrawn: \"Frühlingsaktion\".", await SayForTextAsync($"zurückziehen {shortId}", Ben));

        Assert.Equal(PostStatus.Withdrawn, (await StoredPostAsync()).Status);
        var update = Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind == CallKind.Update);
        Assert.DoesNotContain("\"post.approve\"", CardOf(update).GetRawText(), StringComparison.Ordinal);
        Assert.Equal("I can't find that post in this team.", await SayForTextAsync("show 00000000", Ben));
    }

    [Fact]
    public async Task After_changes_are_requested_the_author_edits_and_resubmits_and_the_same_message_shows_revision_2()
    {
        var postId = await SubmittedPostAsync();
        await InvokeCardAsync(Action("post.requestChanges", Clara, postId, revision: 1, comment: "Bitte mit Preis."));
        var message = await _bot.WithDatabaseAsync(db => db.PostApprovalMessages.SingleAsync());

        var edit = _bot.Activities.CardAction("post.edit", new { postId = postId.ToString("D"), revision = "1", title = "Frühlingsaktion", text = "Der Frühling ist da: 20 % auf alles, nur 9,99 €." }, inChannel: true);
        edit.From = Ben;
        edit.ChannelData = TeamChannelData();
        var edited = await InvokeCardAsync(edit);
        Assert.Equal("Good", TextBlockStartingWith(edited, "Changes saved.").GetProperty("color").GetString());
        Assert.Equal("Changes requested: Frühlingsaktion", edited.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal("Der Frühling ist da: 20 % auf alles, nur 9,99 €.", (await StoredPostAsync()).BaseText);

        var before = _bot.Connector.Calls.Count;
        await InvokeCardAsync(Action("post.submit", Ben, postId, revision: 1));

        var post = await StoredPostAsync();
        Assert.Equal((PostStatus.InReview, 2), (post.Status, post.CurrentRevision));
        var calls = _bot.Connector.Calls.Skip(before).ToList();
        Assert.DoesNotContain(calls, c => c.Kind == CallKind.Send && c.ConversationId == TeamsActivities.ChannelConversationId);
        Assert.Equal(message.ActivityId, Assert.Single(calls, c => c.Kind == CallKind.Update).ActivityId);

        var stale = await InvokeCardAsync(Action("post.approve", Clara, postId, revision: 1));
        Assert.Contains("older revision", stale.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);

        await InvokeCardAsync(Action("post.approve", Clara, postId, revision: 2));
        Assert.Equal(PostStatus.Approved, (await StoredPostAsync()).Status);
        AssertEveryCardIsValid();
    }

    [Fact]
    public async Task Neuer_beitrag_opens_the_german_draft_form()
    {
        var before = _bot.Connector.Calls.Count;
        await _bot.SendAsync(_bot.Activities.ChannelCommand("neuer beitrag", Ben, locale: "de-DE"));

        var form = CardOf(_bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply));
        Assert.Equal("Neuer Beitrag", form.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal(["Instagram @contoso_de", "X @contoso"], form.GetProperty("body").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "Input.ChoiceSet")
            .GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()).Order(StringComparer.Ordinal));
        CardRules.AssertValid(form);
    }

    [Fact]
    public async Task A_reviewer_cannot_start_a_post()
    {
        var before = _bot.Connector.Calls.Count;
        await SayAsync("new post", Clara);

        Assert.Equal("As reviewer you cannot write posts; editors and coordinators can.", _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText);
    }

    [Fact]
    public async Task An_action_submit_fallback_in_the_channel_decides_but_shows_nobody_the_reviewer_buttons()
    {
        var postId = await SubmittedPostAsync();

        // Refused (no comment): the answer is the reviewer's card with a notice, which in a channel everyone would see.
        var refused = await SubmitFallbackAsync(Clara, new { verb = "post.requestChanges", postId = postId.ToString("D"), revision = "1" });
        Assert.Contains("Please write a comment", refused.VisibleText, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", CardOf(refused).GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Input.", CardOf(refused).GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);

        var before = _bot.Connector.Calls.Count;
        await SubmitFallbackAsync(Clara, new { verb = "post.approve", postId = postId.ToString("D"), revision = "1" });

        Assert.Equal(PostStatus.Approved, (await StoredPostAsync()).Status);
        Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind == CallKind.Update);
    }

    [Fact]
    public async Task The_reviewers_are_looked_up_when_the_post_is_submitted_not_when_it_was_drafted()
    {
        await SayForCardAsync("new post", Ben);
        await InvokeCardAsync(CreateDraftAction());
        var post = await StoredPostAsync();
        // At draft time nobody owned X, so the coordinator Anna reviewed it; now Clara owns it.
        await SayAsync("assign <at>Clara Vogel</at> x", Anna, Clara);

        var before = _bot.Connector.Calls.Count;
        await InvokeCardAsync(Action("post.submit", Ben, post.Id, revision: 0));

        var shared = CardOf(_bot.Connector.Calls.Skip(before).Single(c => c.Kind == CallKind.Send && c.ConversationId == TeamsActivities.ChannelConversationId));
        Assert.Equal([Clara.Id], shared.GetProperty("refresh").GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal([Clara.AadObjectId!], (await StoredPostAsync()).Reviewers);
        var anna = await InvokeCardAsync(Action("post.approve", Anna, post.Id, revision: 1));
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);
        Assert.DoesNotContain("\"post.approve\"", anna.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_author_varies_the_text_per_social_channel_and_the_reviewer_sees_what_changed_since_they_looked()
    {
        var postId = await SubmittedPostAsync();
        await InvokeCardAsync(Action("post.requestChanges", Clara, postId, revision: 1, comment: "X braucht einen kürzeren Text."));
        var (instagramId, xId) = await _bot.WithDatabaseAsync(async db =>
        {
            var channels = await db.SocialChannels.OrderBy(c => c.Id).ToListAsync();
            return (channels.Single(c => c.Platform == Staffing.Platform.Instagram).Id, channels.Single(c => c.Platform == Staffing.Platform.X).Id);
        });

        var editForm = await SayForCardAsync($"show {PostWorkflow.ShortId(postId)}", Ben);
        Assert.Contains($"\"variant.{xId}\"", editForm.GetRawText(), StringComparison.Ordinal);
        var edit = _bot.Activities.CardAction("post.edit", new Dictionary<string, string>
        {
            ["postId"] = postId.ToString("D"),
            ["revision"] = "1",
            ["title"] = "Frühlingsaktion",
            ["text"] = "Der Frühling ist da: 20 % auf alles im Shop, bis Sonntag.",
            // Instagram still shows the old base text it followed, so it follows the new one.
            [$"variant.{instagramId}"] = "Der Frühling ist da: 20 % auf alles im Shop.",
            [$"variant.{xId}"] = "Frühling: 20 % auf alles!",
        }, inChannel: true);
        edit.From = Ben;
        edit.ChannelData = TeamChannelData();
        Assert.Contains("Changes saved.", (await InvokeCardAsync(edit)).GetRawText(), StringComparison.Ordinal);

        var post = await StoredPostAsync();
        var instagram = post.Variants.Single(v => v.SocialChannelId == instagramId);
        var x = post.Variants.Single(v => v.SocialChannelId == xId);
        Assert.Equal((true, "Der Frühling ist da: 20 % auf alles im Shop, bis Sonntag."), (instagram.FollowsBaseText, instagram.Text));
        Assert.Equal((false, "Frühling: 20 % auf alles!"), (x.FollowsBaseText, x.Text));

        var before = _bot.Connector.Calls.Count;
        await InvokeCardAsync(Action("post.submit", Ben, postId, revision: 1));
        Assert.Contains("Changed since revision 1", Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind == CallKind.Update).VisibleText, StringComparison.Ordinal);
        var reviewerView = TextOf(await InvokeCardAsync(Action("post.refresh", Clara, postId, revision: 2)));
        Assert.Contains("Changed since revision 1", reviewerView, StringComparison.Ordinal);
        // Issue 18: plain lines instead of the raw word-diff markup "[-…-]{+…+}".
        Assert.Contains("Added: , bis Sonntag", reviewerView, StringComparison.Ordinal);
        Assert.Contains("X @contoso\nRemoved: Der … ist da … im Shop.\nAdded: !", reviewerView, StringComparison.Ordinal);
        Assert.DoesNotContain("{+", reviewerView, StringComparison.Ordinal);
        Assert.DoesNotContain("[-", reviewerView, StringComparison.Ordinal);
        AssertEveryCardIsValid();
    }

    [Fact]
    public async Task Editing_an_approved_post_makes_a_new_revision_that_goes_back_to_review()
    {
        var postId = await SubmittedPostAsync();
        await InvokeCardAsync(Action("post.approve", Clara, postId, revision: 1));
        var authorCard = await SayForCardAsync($"show {PostWorkflow.ShortId(postId)}", Ben);
        Assert.Contains("\"post.edit\"", authorCard.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"post.submit\"", authorCard.GetRawText(), StringComparison.Ordinal);

        var edit = _bot.Activities.CardAction("post.edit", new { postId = postId.ToString("D"), revision = "1", title = "Frühlingsaktion", text = "Der Frühling ist da: 25 % auf alles im Shop." }, inChannel: true);
        edit.From = Ben;
        edit.ChannelData = TeamChannelData();
        var before = _bot.Connector.Calls.Count;
        await InvokeCardAsync(edit);

        var post = await StoredPostAsync();
        Assert.Equal((PostStatus.InReview, 2), (post.Status, post.CurrentRevision));
        var update = CardOf(Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind == CallKind.Update));
        Assert.Contains("Removed: 20\nAdded: 25", TextOf(update), StringComparison.Ordinal);
        Assert.Equal([Clara.Id], update.GetProperty("refresh").GetProperty("userIds").EnumerateArray().Select(u => u.GetString()).Where(id => id == Clara.Id));
    }

    [Fact]
    public async Task Comments_are_stored_per_revision_and_shown_on_the_cards_and_in_show()
    {
        var postId = await SubmittedPostAsync();
        var shortId = PostWorkflow.ShortId(postId);

        var before = _bot.Connector.Calls.Count;
        Assert.Equal("Comment added to \"Frühlingsaktion\".", await SayForTextAsync($"comment {shortId} Der Preis ist mit dem Vertrieb abgestimmt.", Ben));
        Assert.Equal("Kommentar zu „Frühlingsaktion“ gespeichert.", await SayForTextAsync($"kommentar #{shortId} Bild ist freigegeben.", Clara, locale: "de-DE"));

        var post = await StoredPostAsync();
        Assert.Equal([(1, "Der Preis ist mit dem Vertrieb abgestimmt."), (1, "Bild ist freigegeben.")], post.Comments.OrderBy(c => c.Sequence).Select(c => (c.Revision, c.Text)));
        Assert.Contains(_bot.Connector.Calls.Skip(before), c => c.Kind == CallKind.Update && c.VisibleText.Contains("Ben Wagner (revision 1, Nov 23, 2026 at 10:00): Der Preis ist mit dem Vertrieb abgestimmt.", StringComparison.Ordinal));
        var shown = await SayForCardAsync($"show {shortId}", Clara);
        Assert.Contains("Clara Vogel (revision 1, Nov 23, 2026 at 10:00): Bild ist freigegeben.", TextOf(shown), StringComparison.Ordinal);
        Assert.StartsWith("That's not quite how **comment** works", await SayForTextAsync($"comment {shortId}", Ben), StringComparison.Ordinal);
    }

    private async Task<ConnectorCall> SubmitFallbackAsync(ChannelAccount from, object data)
    {
        var submit = _bot.Activities.ChannelCommand(string.Empty, from);
        submit.Text = null;
        submit.Entities = null;
        submit.Value = JsonSerializer.SerializeToElement(data);
        var before = _bot.Connector.Calls.Count;
        var response = await _bot.SendAsync(submit);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _bot.Connector.Calls.Skip(before).Single(c => c.Kind is CallKind.Send or CallKind.Reply && c.ConversationId!.StartsWith(TeamsActivities.ChannelConversationId, StringComparison.Ordinal));
    }

    private async Task<Guid> SubmittedPostAsync()
    {
        await SayForCardAsync("new post", Ben);
        await InvokeCardAsync(CreateDraftAction());
        var post = await StoredPostAsync();
        await InvokeCardAsync(Action("post.submit", Ben, post.Id, revision: 0));
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);
        return post.Id;
    }

    private Activity CreateDraftAction()
    {
        var channels = _bot.WithDatabaseAsync(db => db.SocialChannels.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync()).GetAwaiter().GetResult();
        var activity = _bot.Activities.CardAction("post.create", new
        {
            title = "Frühlingsaktion",
            text = "Der Frühling ist da: 20 % auf alles im Shop.",
            socialChannels = string.Join(",", channels),
            plannedDate = "2026-11-25",
            plannedTime = "10:30",
            tag = "fruehling",
        }, inChannel: true);
        activity.From = Ben;
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    private Activity Action(string verb, ChannelAccount from, Guid postId, int revision, string? comment = null, string[]? checks = null)
    {
        // The card's data plus one entry per input, as Teams sends them: toggles as "true"/"false".
        var data = new Dictionary<string, string?>
        {
            ["postId"] = postId.ToString("D"),
            ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["comment"] = comment,
        };
        foreach (var check in checks ?? [])
        {
            data["check." + check] = "true";
        }

        var activity = _bot.Activities.CardAction(verb, data, inChannel: true);
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

    private async Task<JsonElement> InvokeCardAsync(Activity activity)
    {
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["statusCode", "type", "value"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        var card = body.GetProperty("value");
        CardRules.AssertValid(card);
        return card;
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var response = await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> SayForTextAsync(string command, ChannelAccount from, string? locale = null)
    {
        var before = _bot.Connector.Calls.Count;
        var response = await _bot.SendAsync(locale is null ? _bot.Activities.ChannelCommand(command, from) : _bot.Activities.ChannelCommand(command, from, locale: locale));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply && c.ConversationId!.StartsWith(TeamsActivities.ChannelConversationId, StringComparison.Ordinal)).VisibleText;
    }

    private async Task<JsonElement> SayForCardAsync(string command, ChannelAccount from)
    {
        var before = _bot.Connector.Calls.Count;
        await SayAsync(command, from);
        return CardOf(_bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply));
    }

    private Task<Post> StoredPostAsync() => _bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SingleAsync());

    /// <summary>Every text on the card, one per line, as a reader sees it (the raw JSON escapes "+" and umlauts).</summary>
    private static string TextOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join("\n", element.EnumerateObject().Select(p => p.Name is "text" or "value" or "title" && p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : TextOf(p.Value)).Where(t => t.Length > 0)),
        JsonValueKind.Array => string.Join("\n", element.EnumerateArray().Select(TextOf).Where(t => t.Length > 0)),
        _ => string.Empty,
    };

    private static JsonElement TextBlockStartingWith(JsonElement card, string text) =>
        card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "TextBlock" && e.GetProperty("text").GetString()!.StartsWith(text, StringComparison.Ordinal));

    private static JsonElement CardOf(ConnectorCall call) =>
        call.Body!.Value.GetProperty("attachments")[0].GetProperty("content");

    private void AssertEveryCardIsValid()
    {
        var cards = _bot.Connector.Calls
            .Where(c => c.Body is { } body && body.TryGetProperty("attachments", out _))
            .Select(CardOf)
            .ToList();
        Assert.NotEmpty(cards);
        Assert.All(cards, CardRules.AssertValid);
    }
}

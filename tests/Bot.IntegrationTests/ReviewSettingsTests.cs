using System.Net;
using System.Text.Json;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// <c>review settings</c> through /api/messages: a coordinator sets levels, an extra level for tags and keywords and the
/// checklist from a card; the server refuses everyone else and every policy that could not work, with the reason.
/// </summary>
public sealed class ReviewSettingsTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly BotApplication _bot = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task Only_a_coordinator_gets_the_form_and_a_forged_save_by_anyone_else_changes_nothing()
    {
        Assert.Equal("Only coordinators can do that. Your role in this team: reviewer.", await SayForTextAsync("review settings", Clara));

        var answer = await SaveAsync(Clara, ValidSettings());

        Assert.Contains("Only coordinators can do that", TextOf(answer), StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.ReviewSettings.CountAsync()));
    }

    [Fact]
    public async Task The_german_form_shows_the_default_policy_of_one_approval_by_the_owners()
    {
        var before = _bot.Connector.Calls.Count;
        await _bot.SendAsync(_bot.Activities.ChannelCommand("freigabe-einstellungen", Anna, locale: "de-DE"));

        var form = CardOf(_bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply));
        CardRules.AssertValid(form);
        Assert.Equal("Freigabe-Einstellungen", form.GetProperty("body")[0].GetProperty("text").GetString());
        var inputs = form.GetProperty("body").EnumerateArray().Where(e => e.TryGetProperty("id", out _)).ToDictionary(e => e.GetProperty("id").GetString()!, e => e);
        // Was "review", English in a German form: the default level is stored as "review" and named in the reader's language.
        Assert.Equal("Prüfung", inputs["level1.name"].GetProperty("value").GetString());
        Assert.Equal("any", inputs["level1.rule"].GetProperty("value").GetString());
        Assert.Equal("true", inputs["level1.owners"].GetProperty("value").GetString());
        Assert.Equal(["Anna Schmidt", "Ben Wagner", "Clara Vogel"], inputs["level1.reviewers"].GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("level2.reviewers", "", "Level \"manager\" needs reviewers")]
    [InlineData("level2.rule", "2", "Level \"manager\" needs 2 approvals but has fewer reviewers")]
    [InlineData("level2.name", "community", "Two levels are called \"community\"")]
    [InlineData("extra1.tags", "", "Extra level \"legal\" needs at least one tag or keyword")]
    [InlineData("level2.reviewers", "0b8b5a37-0000-0000-0000-000000000000", "Level \"manager\" names someone who cannot review in this team")]
    [InlineData("level1.name", "", null)]
    public async Task A_policy_that_could_not_work_is_refused_with_the_reason(string field, string value, string? reason)
    {
        var settings = ValidSettings();
        settings[field] = value;
        if (field == "extra1.tags")
        {
            settings["extra1.keywords"] = "*";
        }

        if (reason is null)
        {
            // No level 1 but a level 2 is still a valid policy: the levels close up.
            settings["level2.name"] = string.Empty;
            settings["level3.name"] = string.Empty;
            reason = "Name at least one level";
        }

        var answer = await SaveAsync(Anna, settings);

        Assert.Contains(reason, TextOf(answer), StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.ReviewSettings.CountAsync()));
    }

    [Fact]
    public async Task Saved_settings_drive_the_review_levels_in_sequence_the_extra_level_and_the_checklist_in_the_audit_trail()
    {
        var saved = await SaveAsync(Anna, ValidSettings());
        Assert.Contains("Saved: 2 levels, 1 extra level, 2 checklist items.", TextOf(saved), StringComparison.Ordinal);
        var policy = await _bot.WithDatabaseAsync(db => db.ReviewSettings.AsNoTracking().SingleAsync()).ContinueWith(t => t.Result.Policy, TaskScheduler.Default);
        Assert.Equal(["community", "manager"], policy.Levels.Select(l => l.Name));
        Assert.True(policy.Levels[0].IncludesPostReviewers);
        Assert.Equal([Anna.AadObjectId!], policy.Levels[1].Reviewers);
        Assert.Equal(["sensitive"], policy.ConditionalLevels.Single().Tags);
        Assert.Equal(["preis*"], policy.ConditionalLevels.Single().Keywords);
        Assert.Equal([("facts-checked", "Facts checked"), ("nothing-confidential", "Nothing confidential")], policy.Checklist.Items.Select(i => (i.Id, i.Text)));
        Assert.Contains(await _bot.WithDatabaseAsync(db => db.TeamAudit.Select(e => e.Action).ToListAsync()), a => a == "ReviewSettingsChanged");

        // A price in the text adds the legal level after the two in sequence.
        var postId = await SubmittedPostAsync("Nur heute: Preise halbiert!");
        Assert.Contains("Facts checked", TextOf(await InvokeCardAsync(Decision("post.refresh", Clara, postId))), StringComparison.Ordinal);
        var unconfirmed = await InvokeCardAsync(Decision("post.approve", Clara, postId, "facts-checked"));
        Assert.Contains("Nothing confidential", TextOf(unconfirmed), StringComparison.Ordinal);
        Assert.Empty((await StoredPostAsync()).Decisions);

        var notYet = await InvokeCardAsync(Decision("post.approve", Anna, postId, "facts-checked", "nothing-confidential"));
        Assert.Contains("An earlier review level has to approve first.", TextOf(notYet), StringComparison.Ordinal);
        await InvokeCardAsync(Decision("post.approve", Clara, postId, "facts-checked", "nothing-confidential"));
        await InvokeCardAsync(Decision("post.approve", Anna, postId, "facts-checked", "nothing-confidential"));
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);
        await InvokeCardAsync(Decision("post.approve", Clara, postId, "facts-checked", "nothing-confidential"));

        var post = await StoredPostAsync();
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Equal(["community", "manager", "legal"], post.Decisions.OrderBy(d => d.Sequence).Select(d => d.LevelName));
        Assert.All(post.AuditTrail.Where(e => e.Action == AuditAction.ApprovalGiven), e =>
            Assert.Contains("confirmed facts-checked: Facts checked\nconfirmed nothing-confidential: Nothing confidential", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_german_default_level_saved_unchanged_keeps_its_stored_name_and_the_summary_counts_in_proper_german()
    {
        var settings = ValidSettings();
        settings["level1.name"] = "Prüfung";
        settings["level2.name"] = string.Empty;
        settings["extra1.name"] = string.Empty;
        settings["extra1.tags"] = string.Empty;
        settings["extra1.keywords"] = string.Empty;
        settings["extra1.reviewers"] = string.Empty;
        settings["checklist"] = "Fakten geprüft";
        var activity = _bot.Activities.CardAction("settings.review.save", settings, inChannel: true);
        activity.From = Anna;
        activity.ChannelData = TeamChannelData();
        activity.Locale = "de-DE";

        var saved = await InvokeCardAsync(activity);

        Assert.Contains("Gespeichert: 1 Stufe, 0 Zusatzstufen, 1 Punkt auf der Checkliste.", TextOf(saved), StringComparison.Ordinal);
        var policy = await _bot.WithDatabaseAsync(db => db.ReviewSettings.AsNoTracking().SingleAsync()).ContinueWith(t => t.Result.Policy, TaskScheduler.Default);
        Assert.Equal([ReviewLevel.DefaultName], policy.Levels.Select(l => l.Name));
    }

    [Fact]
    public async Task Changing_the_checklist_text_keeps_the_ids_of_the_unchanged_items()
    {
        await SaveAsync(Anna, ValidSettings());
        var settings = ValidSettings();
        settings["checklist"] = "Nothing confidential\nTone fits the platform\nFacts checked";

        await SaveAsync(Anna, settings);

        var policy = (await _bot.WithDatabaseAsync(db => db.ReviewSettings.AsNoTracking().SingleAsync())).Policy;
        Assert.Equal(["nothing-confidential", "tone-fits-the-platform", "facts-checked"], policy.Checklist.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_refused_form_comes_back_as_it_was_typed_not_as_stored()
    {
        await SaveAsync(Anna, ValidSettings());
        var typed = ValidSettings();
        typed["level3.name"] = "Recht";
        typed["level3.rule"] = "all";
        typed["level3.reviewers"] = string.Empty;
        typed["level3.owners"] = "false";
        typed["extra1.reviewers"] = $"{Clara.AadObjectId},0b8b5a37-0000-0000-0000-000000000000";
        typed["extra1.keywords"] = "preis*, rabatt";
        typed["checklist"] = "Bildrechte geklärt\nQuelle genannt";

        var answer = await SaveAsync(Anna, typed);

        Assert.Contains("Level \"Recht\" needs reviewers", TextOf(answer), StringComparison.Ordinal);
        var inputs = InputValues(answer);
        Assert.Equal("Recht", inputs["level3.name"]);
        Assert.Equal("all", inputs["level3.rule"]);
        Assert.Equal("false", inputs["level3.owners"]);
        Assert.Equal("Bildrechte geklärt\nQuelle genannt", inputs["checklist"]);
        Assert.Equal("preis*, rabatt", inputs["extra1.keywords"]);
        Assert.Equal(("community", "true", "manager"), (inputs["level1.name"], inputs["level1.owners"], inputs["level2.name"]));

        // Card data is untrusted: someone who cannot review in this team is not put back on the form.
        Assert.Equal(Clara.AadObjectId, inputs["extra1.reviewers"]);
        var stored = (await _bot.WithDatabaseAsync(db => db.ReviewSettings.AsNoTracking().SingleAsync())).Policy;
        Assert.Equal(["Facts checked", "Nothing confidential"], stored.Checklist.Items.Select(i => i.Text));
    }

    private static Dictionary<string, string?> InputValues(JsonElement card) =>
        card.GetProperty("body").EnumerateArray()
            .Where(e => e.TryGetProperty("id", out _))
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.TryGetProperty("value", out var value) ? value.GetString() : null);

    private static Dictionary<string, string> ValidSettings() => new()
    {
        ["level1.name"] = "community",
        ["level1.rule"] = "any",
        ["level1.reviewers"] = string.Empty,
        ["level1.owners"] = "true",
        ["level2.name"] = "manager",
        ["level2.rule"] = "all",
        ["level2.reviewers"] = Anna.AadObjectId!,
        ["level2.owners"] = "false",
        ["level3.name"] = string.Empty,
        ["extra1.name"] = "legal",
        ["extra1.rule"] = "any",
        ["extra1.reviewers"] = Clara.AadObjectId!,
        ["extra1.tags"] = "#sensitive",
        ["extra1.keywords"] = "preis*",
        ["checklist"] = "- Facts checked\n- Nothing confidential\n",
    };

    private Task<JsonElement> SaveAsync(ChannelAccount from, Dictionary<string, string> settings)
    {
        var activity = _bot.Activities.CardAction("settings.review.save", settings, inChannel: true);
        activity.From = from;
        activity.ChannelData = TeamChannelData();
        return InvokeCardAsync(activity);
    }

    private async Task<Guid> SubmittedPostAsync(string text)
    {
        var channel = await _bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        var create = _bot.Activities.CardAction("post.create", new { title = "Aktion", text, socialChannels = channel.ToString(System.Globalization.CultureInfo.InvariantCulture) }, inChannel: true);
        create.From = Ben;
        create.ChannelData = TeamChannelData();
        await InvokeCardAsync(create);
        var post = await StoredPostAsync();
        await InvokeCardAsync(Decision("post.submit", Ben, post.Id, revision: 0));
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);
        return post.Id;
    }

    private Activity Decision(string verb, ChannelAccount from, Guid postId, params string[] checks) => Decision(verb, from, postId, 1, checks);

    private Activity Decision(string verb, ChannelAccount from, Guid postId, int revision, params string[] checks)
    {
        var data = new Dictionary<string, string> { ["postId"] = postId.ToString("D"), ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var check in checks)
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
        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("value");
        CardRules.AssertValid(card);
        return card;
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned) =>
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned))).StatusCode);

    private async Task<string> SayForTextAsync(string command, ChannelAccount from)
    {
        var before = _bot.Connector.Calls.Count;
        await SayAsync(command, from);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    private Task<Post> StoredPostAsync() => _bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SingleAsync());

    private static JsonElement CardOf(ConnectorCall call) => call.Body!.Value.GetProperty("attachments")[0].GetProperty("content");

    private static string TextOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join("\n", element.EnumerateObject().Select(p => p.Name is "text" or "value" or "title" && p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : TextOf(p.Value)).Where(t => t.Length > 0)),
        JsonValueKind.Array => string.Join("\n", element.EnumerateArray().Select(TextOf).Where(t => t.Length > 0)),
        _ => string.Empty,
    };
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// The draft form's "Create draft" refused: the form comes back with the reason and with everything the author typed
/// still in its inputs, so fixing the one thing named is one edit.
/// </summary>
public sealed class DraftFormTests : IAsyncLifetime
{
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
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Theory]
    [InlineData("plannedDate", "2026-11-20", "The planned time must lie in the future.")]
    [InlineData("socialChannels", "", "Please pick at least one social channel.")]
    [InlineData("plannedTime", "", "Please give both a date and a time, or neither.")]
    [InlineData("tag", "zwei Worte", "The tag must be one word of at most 50 characters.")]
    [InlineData("title", "", "Please give the post a working title.")]
    public async Task A_refused_draft_form_comes_back_with_the_reason_and_everything_typed(string field, string value, string reason)
    {
        var typed = await TypedAsync();
        typed[field] = value;

        var form = await CreateAsync(Ben, typed);

        Assert.Contains(reason, TextBlocks(form));
        var inputs = InputValues(form);
        foreach (var (input, expected) in typed)
        {
            Assert.Equal(expected.Length == 0 ? null : expected, inputs[input]);
        }

        Assert.Equal("post.create", form.GetProperty("body").EnumerateArray().Last().GetProperty("actions")[0].GetProperty("verb").GetString());
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task A_refused_german_form_keeps_the_past_date_and_says_why_in_german()
    {
        var typed = await TypedAsync();
        typed["plannedDate"] = "2026-11-20";

        var form = await CreateAsync(Ben, typed, "de-DE");

        Assert.Contains("Die geplante Zeit muss in der Zukunft liegen.", TextBlocks(form));
        var inputs = InputValues(form);
        Assert.Equal(("Winteraktion", "2026-11-20", "09:00"), (inputs["title"], inputs["plannedDate"], inputs["plannedTime"]));
    }

    [Fact]
    public async Task A_refusal_for_the_role_keeps_what_was_typed_and_forged_values_are_not_echoed()
    {
        var typed = await TypedAsync();
        var byReviewer = InputValues(await CreateAsync(Clara, typed));
        Assert.Equal((typed["title"], typed["text"], typed["socialChannels"]), (byReviewer["title"], byReviewer["text"], byReviewer["socialChannels"]));

        // A channel of no team, then a date Teams never sends: refused, and only what the form could have sent comes back.
        var picked = typed["socialChannels"];
        typed["socialChannels"] += ",9999";
        var forgedChannel = await CreateAsync(Ben, typed);
        typed["socialChannels"] = picked;
        typed["plannedDate"] = "20.11.2026";
        var forgedDate = await CreateAsync(Ben, typed);

        Assert.Contains("One of the social channels does not belong to this team.", TextBlocks(forgedChannel));
        Assert.Equal(picked, InputValues(forgedChannel)["socialChannels"]);
        Assert.Contains("Please give both a date and a time, or neither.", TextBlocks(forgedDate));
        Assert.Equal((null, "09:00"), (InputValues(forgedDate)["plannedDate"], InputValues(forgedDate)["plannedTime"]));
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Posts.CountAsync()));
    }

    /// <summary>A complete, valid form for both social channels; each test spoils one field.</summary>
    private async Task<Dictionary<string, string>> TypedAsync()
    {
        var channels = await _bot.WithDatabaseAsync(db => db.SocialChannels.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        return new()
        {
            ["title"] = "Winteraktion",
            ["text"] = "Der Winter ist da: 20 % auf alle Mützen.",
            ["socialChannels"] = string.Join(",", channels.Select(id => id.ToString(CultureInfo.InvariantCulture))),
            ["plannedDate"] = "2026-11-25",
            ["plannedTime"] = "09:00",
            ["tag"] = "winter",
        };
    }

    private async Task<JsonElement> CreateAsync(ChannelAccount from, Dictionary<string, string> typed, string locale = "en-US")
    {
        var activity = _bot.Activities.CardAction("post.create", typed, locale, inChannel: true);
        activity.From = from;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("value");
        CardRules.AssertValid(card);
        return card;
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned) =>
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned))).StatusCode);

    private static List<string> TextBlocks(JsonElement card) =>
        [.. card.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "TextBlock").Select(e => e.GetProperty("text").GetString()!)];

    private static Dictionary<string, string?> InputValues(JsonElement card) =>
        card.GetProperty("body").EnumerateArray()
            .Where(e => e.TryGetProperty("id", out _))
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.TryGetProperty("value", out var value) ? value.GetString() : null);
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bot.EndToEndTests;

/// <summary>
/// A coordinator's working day in German, in the Playground's Teams channel: Anna installs the bot and staffs the team,
/// Ben drafts a post for Instagram and LinkedIn and submits it, he may not approve his own post, Clara approves it with a
/// comment, Anna finds it in the plan and records it live, covers Clara's holiday with Ben, and reads the morning digest
/// with the figures a reporting tool pushed. Everyone acts in German through the custom-activity API (see
/// <see cref="GermanTeamMember"/>); every check reads the cards as the Playground renders them. The approval card and
/// the digest are saved as the README's screenshots on every run, so the pictures cannot drift from the product.
/// </summary>
[Collection(GermanPlaygroundCollection.Name)]
public sealed partial class GermanDayTests(GermanPlaygroundEnvironment environment)
{
    private const string PersonalChatId = "a:personal-chat-anna";
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task A_coordinators_day_in_german_from_staffing_through_four_eyes_review_to_the_digest()
    {
        var anna = new GermanTeamMember(environment, PlaygroundPerson.Anna);
        var ben = new GermanTeamMember(environment, PlaygroundPerson.Ben);
        var clara = new GermanTeamMember(environment, PlaygroundPerson.Clara);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).DateTime);

        // Morning: opening the team's channel installs the bot there, which makes Anna the coordinator. The Playground
        // announces the installation itself with two activities at once, one stamped en-US and one with no locale (the
        // bot's German default then), and whichever the bot sees first decides the welcome's language; from here on
        // everyone works in German.
        var playground = await environment.OpenAsync();
        await playground.OpenConversationAsync("Social Media - General");
        await playground.ExpectCardAsync(WelcomeTitle());
        await anna.SayInChannelAsync("hilfe");
        var help = await playground.ExpectCardAsync("Was ich kann");
        Assert.Contains("konto anlegen", await help.InnerTextAsync(), StringComparison.Ordinal);

        // She sets up the social channels and who looks after them.
        await anna.SayInChannelAsync("konto anlegen instagram @contoso_de");
        await playground.ExpectMessageAsync("Instagram @contoso_de ist angelegt.");
        await anna.SayInChannelAsync("konto anlegen linkedin contoso-gmbh");
        await playground.ExpectMessageAsync("LinkedIn contoso-gmbh ist angelegt.");
        await anna.SayInChannelAsync("rolle Ben Wagner redakteur");
        await playground.ExpectMessageAsync("Ben Wagner ist jetzt Redakteur/in in diesem Team.");
        await anna.SayInChannelAsync("rolle Clara Vogel freigeber");
        await playground.ExpectMessageAsync("Clara Vogel ist jetzt Freigeber/in in diesem Team.");
        await anna.SayInChannelAsync("zuweisen Clara Vogel instagram");
        await playground.ExpectMessageAsync("Clara Vogel ist jetzt verantwortlich für Instagram @contoso_de.");
        await anna.SayInChannelAsync("zuweisen Clara Vogel linkedin");
        await playground.ExpectMessageAsync("Clara Vogel ist jetzt verantwortlich für LinkedIn contoso-gmbh.");
        await anna.SayInChannelAsync("stellvertretung Ben Wagner instagram");
        await playground.ExpectMessageAsync("Ben Wagner ist jetzt Stellvertretung für Instagram @contoso_de.");

        await anna.SayInChannelAsync("ziel instagram 3/woche engagement 4%");
        await playground.ExpectMessageAsync("Ziel für Instagram @contoso_de: 3 Beiträge pro Woche, Engagement-Rate 4");

        await anna.SayInChannelAsync("wer");
        var overview = await playground.ExpectCardAsync("Wer betreut was");
        AssertContainsAll(await overview.InnerTextAsync(), "Instagram", "@contoso_de", "LinkedIn", "contoso-gmbh", "Verantwortlich", "Clara Vogel", "Stellvertretung", "Ben Wagner", "0 von 3 Beiträgen");

        // Ben, the editor, drafts one topic for both social channels and submits it.
        await ben.SayInChannelAsync("neuer beitrag");
        var form = await playground.ExpectCardAsync("Arbeitstitel");
        AssertContainsAll(await form.InnerTextAsync(), "Neuer Beitrag", "Social-Media-Kanäle", "Instagram @contoso_de", "LinkedIn contoso-gmbh");
        Assert.Equal(1, await form.GetByRole(AriaRole.Button, new() { Name = "Entwurf anlegen" }).CountAsync());

        var planned = today.AddDays(1);
        await ben.ClickInChannelAsync("post.create", new JsonObject
        {
            ["title"] = "Adventsaktion",
            ["text"] = "Vom 1. bis 24. Dezember jeden Tag ein Türchen: Schaut bei uns vorbei! #Advent",
            ["socialChannels"] = string.Join(',', SocialChannelIds()),
            ["plannedDate"] = planned.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["plannedTime"] = "10:00",
            ["tag"] = "advent",
        });
        var postId = await PostIdAsync("Adventsaktion");
        var shortId = postId.Replace("-", string.Empty, StringComparison.Ordinal)[^8..];

        // He looks at his draft once more: his own view, with the buttons to submit or edit it.
        await ben.SayInChannelAsync("zeige " + shortId);
        var draft = await playground.ExpectCardAsync("Entwurf: „Adventsaktion“");
        AssertContainsAll(await draft.InnerTextAsync(), "Stand", "Geplant", planned.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) + " um 10:00", "Themen", "#advent", "Instagram @contoso_de", "LinkedIn contoso-gmbh");
        foreach (var button in new[] { "Zur Freigabe einreichen", "Bearbeiten" })
        {
            Assert.Equal(1, await draft.GetByRole(AriaRole.Button, new() { Name = button }).CountAsync());
        }

        await ben.ClickInChannelAsync("post.submit", PostData(postId, revision: 0));

        var approval = await playground.ExpectCardAsync("Freigabe: Adventsaktion");
        var approvalText = await approval.InnerTextAsync();
        AssertContainsAll(approvalText, "In Freigabe", "Wartet auf: Clara Vogel", "Vom 1. bis 24. Dezember jeden Tag ein Türchen", "Instagram @contoso_de", "LinkedIn contoso-gmbh");

        // Four eyes: the author's own approval is refused, so the card still waits for Clara. His refusal is the
        // answer to his click, which the Playground shows nowhere; the bot's log says when it has been given.
        await ben.ClickInChannelAsync("post.approve", PostData(postId, revision: 1));
        await WaitForLogAsync($"by {PlaygroundPerson.Ben.AadObjectId} refused: AuthorCannotReview");
        Assert.Contains("Wartet auf: Clara Vogel", await approval.InnerTextAsync(), StringComparison.Ordinal);
        await clara.ClickInChannelAsync("post.approve", PostData(postId, revision: 1, comment: "Passt, danke!"));
        var approved = await playground.ExpectCardAsync("Freigegeben von Clara Vogel");
        var approvedText = await approved.InnerTextAsync();
        AssertContainsAll(approvedText, "Freigabe: Adventsaktion", "Passt, danke!");
        Assert.DoesNotContain("Freigegeben von Ben Wagner", approvedText, StringComparison.Ordinal);
        Assert.DoesNotContain("Wartet auf", approvedText, StringComparison.Ordinal);
        Assert.Equal(0, await approved.GetByRole(AriaRole.Button, new() { Name = "Freigeben" }).CountAsync());
        await SaveScreenshotAsync(approved, "approval-card-de.png");

        // Afternoon: Anna looks the post up in the plan and records it live on both social channels.
        var approvalCards = await playground.CountCardsAsync("Freigabe: Adventsaktion");
        await anna.SayInChannelAsync("zeige " + shortId);
        var shown = await playground.ExpectCardAsync("Freigabe: Adventsaktion", earlier: approvalCards);
        AssertContainsAll(await shown.InnerTextAsync(), "Freigegeben", "Geplant", planned.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) + " um 10:00", "Autor/in", "Ben Wagner");
        await anna.SayInChannelAsync($"veröffentlicht {shortId} https://www.instagram.com/p/Advent2026/ instagram");
        await playground.ExpectMessageAsync("Live-Adresse für Instagram eingetragen. Stand des Beitrags: Freigegeben.");
        await anna.SayInChannelAsync($"veröffentlicht {shortId} https://www.linkedin.com/feed/update/urn:li:activity:7400000000000000000/ linkedin");
        await playground.ExpectMessageAsync("Live-Adresse für LinkedIn eingetragen. Stand des Beitrags: Veröffentlicht.");

        // Clara goes on holiday in two weeks; Ben covers her social channels.
        var (firstDay, lastDay) = (today.AddDays(14), today.AddDays(28));
        await anna.SayInChannelAsync($"abwesend Clara Vogel {firstDay:dd.MM.yyyy}..{lastDay:dd.MM.yyyy} vertretung Ben Wagner");
        await playground.ExpectMessageAsync($"Clara Vogel ist vom {firstDay:dd.MM.yyyy} bis {lastDay:dd.MM.yyyy} abwesend; Ben Wagner vertritt.");

        // Ben already submits the next post, for LinkedIn alone; it waits for Clara overnight.
        await ben.ClickInChannelAsync("post.create", new JsonObject
        {
            ["title"] = "Neujahrsgruß",
            ["text"] = "Danke für ein starkes Jahr 2026 – wir freuen uns auf 2027 mit euch!",
            ["socialChannels"] = SocialChannelIds()[1],
        });
        await ben.ClickInChannelAsync("post.submit", PostData(await PostIdAsync("Neujahrsgruß"), revision: 0));
        await playground.ExpectCardAsync("Freigabe: Neujahrsgruß");

        // A reporting tool pushes the figures with a team key that Anna gets in her personal chat, and she asks for the
        // morning digest now rather than waiting for tomorrow's.
        await PushFiguresAsync(playground, anna, today);
        await playground.OpenConversationAsync("Social Media - General");
        await anna.SayInChannelAsync("digest jetzt");
        await playground.ExpectMessageAsync("Der Morgenbericht ist unterwegs in den Kanal des Teams.");
        var digest = await playground.ExpectCardAsync("Was rausging und wie es lief");
        AssertContainsAll(
            await digest.InnerTextAsync(),
            "Morgenbericht, ",
            "Alle Social-Media-Kanäle",
            "Instagram @contoso_de",
            "Impressionen",
            "Interaktionen",
            "Engagement-Rate",
            "Hinter dem Wochenziel",
            "Instagram @contoso_de: 1 von 3 Beiträgen veröffentlicht",
            "verantwortlich: Clara Vogel",
            "Wartet auf Freigabe, älteste zuerst",
            "Neujahrsgruß",
            "Ben Wagner wartet auf Clara Vogel",
            "Interaktionen der letzten 14 Tage");
        Assert.DoesNotContain("Adventsaktion", await digest.InnerTextAsync(), StringComparison.Ordinal);
        await SaveScreenshotAsync(digest, "digest-de.png");
    }

    private async Task PushFiguresAsync(PlaygroundPage playground, GermanTeamMember anna, DateOnly today)
    {
        await playground.OpenConversationAsync("Personal Chat");
        await anna.SayInPersonalChatAsync(PersonalChatId, "metrics-schlüssel erstellen Matomo");
        await playground.ExpectMessageAsync("Dein neuer Schlüssel für die Metrics-API");
        var key = MetricsKey().Match(await playground.Page.Locator("body").InnerTextAsync()).Value;
        Assert.NotEmpty(key);

        // Two weeks of a growing Instagram account and a steadier LinkedIn page, with a weekly rhythm.
        var rows = new JsonArray();
        for (var i = 0; i < 14; i++)
        {
            var day = today.AddDays(i - 14);
            var rhythm = (int)day.DayOfWeek % 3;
            rows.Add(Figure("instagram", day, "impressions", 1500 + (i * 60) + (rhythm * 120)));
            rows.Add(Figure("instagram", day, "likes", 60 + (i * 4) + (rhythm * 8)));
            rows.Add(Figure("instagram", day, "comments", 5 + (i / 2)));
            rows.Add(Figure("linkedin", day, "impressions", 950 + (rhythm * 80) - (i * 5)));
            rows.Add(Figure("linkedin", day, "likes", 28 + rhythm));
            rows.Add(Figure("linkedin", day, "shares", 3 + (i % 4)));
        }
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(environment.BotEndpoint, "/api/metrics"))
        {
            Content = new StringContent(new JsonObject { ["metrics"] = rows }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonObject Figure(string socialChannel, DateOnly day, string metric, int value) => new()
    {
        ["socialChannel"] = socialChannel,
        ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["metric"] = metric,
        ["value"] = value,
    };

    private static JsonObject PostData(string postId, int revision, string? comment = null)
    {
        var data = new JsonObject { ["postId"] = postId, ["revision"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (comment is not null)
        {
            data["comment"] = comment;
        }

        return data;
    }

    private static void AssertContainsAll(string text, params string[] expected)
    {
        foreach (var part in expected)
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Cropped to the card, so the picture shows what a person sees and stays small; written to docs/screenshots on
    /// every run (the README shows them) and to artifacts/ for the run's record.
    /// </summary>
    private static async Task SaveScreenshotAsync(ILocator card, string name)
    {
        var artifacts = Path.Combine(PlaygroundEnvironment.RepositoryRoot, "artifacts", "screenshots");
        var docs = Path.Combine(PlaygroundEnvironment.RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(artifacts);
        Directory.CreateDirectory(docs);
        await card.ScrollIntoViewIfNeededAsync();
        await card.Page.EvaluateAsync("document.fonts.ready");
        // The digest's chart comes from the bot as a separate image; the picture is taken once it is drawn.
        await card.Locator("img").EvaluateAllAsync<int>("async images => (await Promise.all(images.map(image => image.decode()))).length");
        await card.ScreenshotAsync(new() { Path = Path.Combine(artifacts, name), Animations = ScreenshotAnimations.Disabled });
        File.Copy(Path.Combine(artifacts, name), Path.Combine(docs, name), overwrite: true);
    }

    private List<string> SocialChannelIds() =>
        Query("SELECT Id FROM SocialChannels ORDER BY Id", reader => reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A draft's id, which the Playground never shows: the draft card is the create click's answer, and the Playground
    /// displays no answer to a custom activity (it even answers the API before the bot has), so the database is asked
    /// until the draft is there.
    /// </summary>
    private async Task<string> PostIdAsync(string workingTitle)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var ids = Query("SELECT Id FROM Posts WHERE WorkingTitle = $title", reader => reader.GetString(0), ("$title", workingTitle));
            if (ids is [var id])
            {
                return Guid.Parse(id).ToString("D");
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No draft \"{workingTitle}\" within 30 s.\n{environment.Log}");
            await Task.Delay(200);
        }
    }

    private async Task WaitForLogAsync(string text)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!environment.Log.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The bot did not log \"{text}\" within 30 s.\n{environment.Log}");
            await Task.Delay(200);
        }
    }

    private List<T> Query<T>(string sql, Func<Microsoft.Data.Sqlite.SqliteDataReader, T> read, params (string Name, object Value)[] parameters) =>
        ReadOnlyDatabase.Query(environment.DatabasePath, sql, read, parameters);

    [GeneratedRegex("Hallo, ich bin euer Social-Media-Bot|Hello, I'm your social media bot")]
    private static partial Regex WelcomeTitle();

    [GeneratedRegex("smb_[A-Za-z0-9_-]{43}")]
    private static partial Regex MetricsKey();
}

/// <summary>The bot of a German-speaking company: its operator made German the default for what no activity decides (the digest, notes to others).</summary>
public sealed class GermanPlaygroundEnvironment() : PlaygroundEnvironment(new Dictionary<string, string> { ["Bot__DefaultLanguage"] = "de" });

[CollectionDefinition(Name)]
public sealed class GermanPlaygroundCollection : ICollectionFixture<GermanPlaygroundEnvironment>
{
    public const string Name = "Agents Playground for a German team";
}

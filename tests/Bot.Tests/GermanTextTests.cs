using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bot.Digest;
using Bot.Help;
using Bot.Localization;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Turns;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests;

/// <summary>
/// German readers read German: the German resources and the cards a German team sees most carry no English words
/// besides platform and product names. The word list is of common English function and interface words that are not
/// also German words ("an", "in", "so", "die", "will" are left out on purpose); names such as Teams, Instagram,
/// LinkedIn, Webhook, CSV or API are simply not on it. Acronyms, URLs, {placeholders}, `code` and the typed command
/// words themselves are left out of the scan: they are what a person types or copies, not what they read.
/// </summary>
public sealed partial class GermanTextTests
{
    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "or", "of", "to", "with", "for", "from", "by", "on", "at", "is", "are", "be", "this", "that", "these",
        "you", "your", "not", "yet", "none", "one", "any", "all", "other", "others", "please", "only", "who", "what", "when",
        "how", "why", "there", "today", "yesterday", "week", "day", "days",
        "review", "reviews", "reviewer", "reviewers", "create", "key", "keys", "settings", "setting", "level", "levels",
        "list", "show", "help", "new", "draft", "drafts", "approve", "approved", "reject", "rejected", "owner", "owners",
        "backup", "backups", "save", "saved", "send", "edit", "delete", "revoke", "revoked", "cancel", "submit", "pending",
        "published", "withdraw", "snooze", "reminder", "reminders", "coordinator", "coordinators", "editor", "editors",
        "viewer", "channel", "channels", "account", "accounts", "digest", "goal", "goals", "posts", "item", "items",
        "checklist", "confirmed", "comment", "comments", "changes", "figures", "metric", "label",
    };

    [Fact]
    public void The_german_resources_have_no_english_words()
    {
        var german = XDocument.Load(Path.Combine(LocalizationTests.RepositoryRoot(), "bot", "Bot", "Localization", "Resources", "Strings.de.resx"))
            .Root!.Elements("data")
            .Select(data => (Key: data.Attribute("name")!.Value, Text: data.Element("value")!.Value))
            .ToList();

        var offenders = german.Where(entry => !ListsMachineNames.Contains(entry.Key)).SelectMany(entry => EnglishIn(entry.Text).Select(word => $"{entry.Key}: {word} in \"{entry.Text}\"")).ToList();

        Assert.True(german.Count > 300, $"only {german.Count} German texts found");
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_cards_a_german_team_sees_most_have_no_english_words()
    {
        using var language = BotLanguage.Use(BotLanguage.German);
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["help"] = HelpCard.Create(),
            ["welcome"] = WelcomeCard.Create(),
            ["draft"] = PostCards.Draft(View(Draft())),
            ["review"] = PostCards.Review(View(InReview()), forReviewer: true),
            ["review settings"] = ReviewSettingsCard.Create(ReviewPolicy.Default, [new ReviewerChoice(Anna.AadObjectId, "Anna Schmidt")]),
            ["digest"] = DigestCard.Create(Digest(), null),
            ["digest without figures"] = DigestCard.Create(Digest() with { HasMetrics = false }, null),
            ["staffing overview"] = StaffingCards.Overview(StaffingRows()),
        };

        var offenders = cards
            .SelectMany(card => TextsOf(card.Value).SelectMany(text => EnglishIn(text).Select(word => $"{card.Key}: {word} in \"{text}\"")))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_scan_finds_english_in_german_and_leaves_names_placeholders_and_code_alone()
    {
        Assert.Equal(["review"], EnglishIn("Stufe „review“ braucht Freigebende."));
        Assert.Equal(["Other"], EnglishIn("Ich kenne: Facebook, Instagram, Blog, Other."));
        Assert.Equal(["key", "create"], EnglishIn("ein Schlüssel von metrics key create"));
        Assert.Equal(["metrics key create"], EnglishIn("ein Team-Schlüssel von `metrics key create`"));
        Assert.Empty(EnglishIn("ein Team-Schlüssel von `metrics-schlüssel erstellen`, verantwortlich: <at>Ben Wagner</at>"));
        Assert.Empty(EnglishIn("Schick ihn als `Authorization: Bearer …` an {url}, per POST /api/metrics, als CSV für Teams, LinkedIn und den Webhook."));
    }

    [Fact]
    public void The_platform_list_names_other_in_german()
    {
        Assert.Contains("Sonstige", BotLanguage.In(BotLanguage.German, () => string.Join(", ", PlatformNames.KnownNames)), StringComparison.Ordinal);
        Assert.Contains("Other", BotLanguage.In(BotLanguage.English, () => string.Join(", ", PlatformNames.KnownNames)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_digest_without_figures_names_the_command_in_the_readers_words()
    {
        var keyCommand = CommandCatalog.All.Single(command => command.Id == "metrics-key");
        var german = BotLanguage.In(BotLanguage.German, () => string.Join("\n", TextsOf(DigestCard.Create(Digest() with { HasMetrics = false }, null))));

        Assert.Contains($"`{keyCommand.German} erstellen`", german, StringComparison.Ordinal);
        Assert.Contains("[erstellen", keyCommand.GermanUsage, StringComparison.Ordinal);
    }

    // These texts list the column and metric names files and the API must use, which are English by contract.
    private static readonly HashSet<string> ListsMachineNames = ["MetricProblemNoTarget", "MetricProblemUnknownMetric", "MetricProblemUnknownLayout", "MetricProblemNoSocialChannelForLayout"];

    private static List<string> EnglishIn(string text)
    {
        // A command shown in `code` or lower-case **bold** is one to type: it must be the German command, not the English one.
        var englishCommands = CodeOrBold().Matches(text)
            .Select(match => match.Groups["command"].Value)
            .Where(shown => shown.Length > 0 && char.IsLower(shown[0]) && CommandCatalog.All.Any(command => shown.StartsWith(command.English, StringComparison.OrdinalIgnoreCase)
                && !shown.StartsWith(command.German, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var readable = Code().Replace(text, " ");
        readable = Mention().Replace(readable, " ");
        readable = Url().Replace(readable, " ");
        readable = Placeholder().Replace(readable, " ");
        foreach (var command in CommandCatalog.All.OrderByDescending(command => command.German.Length))
        {
            readable = readable.Replace(command.German, " ", StringComparison.OrdinalIgnoreCase);
        }

        return [.. englishCommands, .. Word().Matches(readable).Select(match => match.Value)
            .Where(word => !word.All(char.IsUpper) && EnglishWords.Contains(word))];
    }

    private static PostCardView View(Post post) => new(
        post,
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        Posts.TestTeam.Checklist,
        [.. ReviewPolicy.Default.Evaluate(post).AllReviewers],
        ReviewPolicy.Default.Evaluate(post).MayApproveNow,
        new Dictionary<string, string> { [Author.AadObjectId] = "Ben Wagner", [Anna.AadObjectId] = "Anna Schmidt" },
        new Dictionary<int, string> { [1] = "Facebook contoso", [2] = "LinkedIn contoso" },
        ["29:anna"]);

    private static EngagementDigest Digest()
    {
        var day = new DateOnly(2026, 12, 9);
        var ben = new DigestPerson("aad-ben", "Ben Wagner", "29:ben");
        var anna = new DigestPerson("aad-anna", "Anna Schmidt", "29:anna");
        var figures = new FigureSet(2, 1500, 90, 0.06, 0.5, 0.8, -0.01);
        return new EngagementDigest(
            "team",
            "Europe/Berlin",
            day,
            day.AddDays(-1),
            day.AddDays(-1),
            HasMetrics: true,
            [.. Enum.GetValues<DigestSection>()],
            figures,
            [new SocialChannelFigures(1, "Instagram @contoso", Platform.Instagram, figures), new SocialChannelFigures(2, "Sonstige @kundenmagazin", Platform.Other, figures)],
            new PostPerformance(Guid.NewGuid(), "Adventsgewinnspiel", "Instagram @contoso", "https://instagram.com/p/abc", 800, 80, 0.1),
            new PostPerformance(Guid.NewGuid(), "Produkttest", "Instagram @contoso", "https://instagram.com/p/def", 1000, 20, 0.02),
            [new CadenceProgress(1, "Instagram @contoso", 3, 0, 1, ben), new CadenceProgress(2, "Sonstige @kundenmagazin", 2, 0, 0, null)],
            [new WaitingPost(Guid.NewGuid(), "Frühlingsaktion", ben, [anna], new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), true), new WaitingPost(Guid.NewGuid(), "Messe", ben, [], new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), false)],
            [new GoingOut(Guid.NewGuid(), "Heute", new TimeOnly(14, 30), ["Instagram @contoso"], false)],
            null,
            [],
            [new ChartSeries("Instagram @contoso", [.. Enumerable.Range(0, 14).Select(d => (day.AddDays(d - 14), (long?)(40L + d)))])]);
    }

    private static List<StaffingRow> StaffingRows() =>
    [
        new(new SocialChannel { Id = 1, TeamId = Id, Platform = Platform.Instagram, Handle = "@contoso" }, "Ben Wagner", ["Anna Schmidt"], null, "Ben Wagner", 1, 2, new DateOnly(2026, 12, 1), 1, new CadenceGoal { SocialChannelId = 1, TeamId = Id, PostsPerWeek = 3 }),
        new(new SocialChannel { Id = 2, TeamId = Id, Platform = Platform.Blog, Handle = "contoso.de/blog" }, null, [], null, null, 0, 0, null, 0, null),
        new(new SocialChannel { Id = 3, TeamId = Id, Platform = Platform.Other, Handle = "Kundenmagazin" }, "Anna Schmidt", [], null, "Anna Schmidt", 0, 1, null, 0, null),
    ];

    private static List<string> TextsOf(AdaptiveCard card)
    {
        var texts = new List<string>();
        Collect(JsonSerializer.SerializeToElement(card, ProtocolJson.Options), texts);
        return texts;
    }

    // Choice and toggle values are what the card sends back ("any", "true"), not what a person reads.
    private static void Collect(JsonElement element, List<string> texts, bool machineValues = false)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var type = element.TryGetProperty("type", out var t) ? t.GetString() : null;
            var skipValue = machineValues || type is "Input.ChoiceSet" or "Input.Toggle" or "Input.Date" or "Input.Time";
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String
                    && (property.Name is "text" or "title" or "label" or "placeholder" or "altText" || (property.Name == "value" && !skipValue)))
                {
                    texts.Add(property.Value.GetString()!);
                }

                if (property.Name is not ("data" or "verb" or "id"))
                {
                    Collect(property.Value, texts, property.Name == "choices");
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, texts, machineValues);
            }
        }
    }

    [GeneratedRegex(@"`(?<command>[^`]*)`|\*\*(?<command>[^*]*)\*\*")]
    private static partial Regex CodeOrBold();

    [GeneratedRegex("<at>[^<]*</at>")]
    private static partial Regex Mention();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex Code();

    [GeneratedRegex(@"(https?://|/api/|/downloads/)\S*")]
    private static partial Regex Url();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();

    // Letters run into digits are ids ("b87be115"), not words.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}+(?![\p{L}\p{N}])")]
    private static partial Regex Word();
}

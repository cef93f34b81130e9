using System.Net;
using System.Xml.Linq;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests;

/// <summary>
/// The main commands answer in the writer's language: German from a de-DE client, English from en-US, and without a
/// locale the team's language. No English text from the resources leaks into a German answer.
/// </summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;

    private readonly BotApplication _bot = new();

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben);
        await SayAsync("add account instagram @contoso_de", "en-US");
        await SayAsync("assign <at>Ben Wagner</at> instagram", "en-US", Ben);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Theory]
    [InlineData("help", "hilfe")]
    [InlineData("who", "wer")]
    [InlineData("my channels", "meine kanäle")]
    [InlineData("new post", "neuer beitrag")]
    [InlineData("my posts", "meine beiträge")]
    [InlineData("pending", "offen")]
    [InlineData("assign nobody-here instagram", "zuweisen niemand-hier instagram")]
    [InlineData("role Ben Wagner boss", "rolle Ben Wagner chef")]
    [InlineData("show 0000abcd", "zeige 0000abcd")]
    [InlineData("hlep", "hilfr")]
    public async Task A_command_answers_in_english_and_in_german_without_english_resource_texts(string english, string german)
    {
        var inEnglish = await SayAsync(english, "en-US", Ben);
        var inGerman = await SayAsync(german, "de-DE", Ben);

        Assert.NotEqual(inEnglish, inGerman);
        var leaked = EnglishOnlyTexts().Where(text => inGerman.Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, $"English in the German answer to \"{german}\": {string.Join(" | ", leaked)}\n{inGerman}");
    }

    [Fact]
    public async Task Without_a_locale_the_team_language_decides()
    {
        await _bot.WithDatabaseAsync(db => db.Teams.ExecuteUpdateAsync(t => t.SetProperty(x => x.Language, "de")));

        var answer = await SayAsync("help", locale: null);

        Assert.Contains("Befehle", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_that_writes_german_gets_what_the_bot_says_on_its_own_in_german()
    {
        // A Monday morning in Berlin, inside the working hours the digest keeps to.
        var bot = new BotApplication { Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) };
        await bot.InitializeAsync();
        try
        {
            await SetUpAndAskForTheDigestAsync(bot);
        }
        finally
        {
            await ((IAsyncLifetime)bot).DisposeAsync();
        }
    }

    private static async Task SetUpAndAskForTheDigestAsync(BotApplication bot)
    {
        var install = bot.Activities.InstallationAdded(inTeam: true, locale: "de-DE");
        install.From = Anna;
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(install)).StatusCode);

        Assert.Equal("de", await bot.WithDatabaseAsync(db => db.Teams.Select(t => t.Language).SingleAsync()));
        // Someone writing from an English client for a while makes it English; the team then writes German again.
        await bot.SendAsync(bot.Activities.ChannelCommand("help", Anna, locale: "en-US"));
        Assert.Equal("en", await bot.WithDatabaseAsync(db => db.Teams.Select(t => t.Language).SingleAsync()));
        await bot.SendAsync(bot.Activities.ChannelCommand("hilfe", Anna, locale: "de-DE"));
        Assert.Equal("de", await bot.WithDatabaseAsync(db => db.Teams.Select(t => t.Language).SingleAsync()));
        var before = bot.Connector.Sent.Count;
        // The morning's scheduled digest, as its Quartz job sends it: nobody spoke, so the team's language decides.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Bot.Digest.DailyDigest>().SendScheduledAsync(TeamsActivities.TeamId, CancellationToken.None);
        }

        await bot.OutboxSettledAsync();
        Assert.Contains(bot.Connector.Sent.Skip(before), call => call.VisibleText.Contains("Morgenbericht", StringComparison.Ordinal));
    }

    /// <summary>English resource texts (their fixed parts, split at placeholders) that read differently in German.</summary>
    private static List<string> EnglishOnlyTexts()
    {
        var folder = Path.Combine(RepositoryFiles.Root, "bot", "Bot", "Localization", "Resources");
        static Dictionary<string, string> Load(string path) =>
            XDocument.Load(path).Root!.Elements("data").ToDictionary(e => e.Attribute("name")!.Value, e => e.Element("value")!.Value);
        var english = Load(Path.Combine(folder, "Strings.resx"));
        var german = Load(Path.Combine(folder, "Strings.de.resx"));
        return [.. english
            .Where(pair => pair.Value != german[pair.Key])
            .SelectMany(pair => System.Text.RegularExpressions.Regex.Split(pair.Value, @"\{\w+\}"))
            .Select(part => part.Trim(' ', '.', ',', ':', '"', '*', '\n'))
            .Where(part => part.Length >= 12 && part.Contains(' ', StringComparison.Ordinal))
            .Distinct()];
    }

    private async Task<string> SayAsync(string command, string? locale, params ChannelAccount[] mentioned)
    {
        var activity = _bot.Activities.ChannelCommand(command, Anna, mentioned, locale ?? "en-US");
        if (locale is null)
        {
            activity.Locale = null;
            activity.Entities = [.. activity.Entities!.Where(e => e.Type != "clientInfo")];
        }

        var before = _bot.Connector.Calls.Count;
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("\n", _bot.Connector.Calls.Skip(before).Select(c => c.VisibleText));
    }
}

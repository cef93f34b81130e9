using System.Reflection;
using System.Xml.Linq;
using Bot.Localization;
using Bot.Protocol.Schema;

namespace Bot.Tests;

public sealed class LocalizationTests
{
    private static readonly string ResourceFolder = Path.Combine(RepositoryRoot(), "bot", "Bot", "Localization", "Resources");

    [Fact]
    public void English_and_German_resources_have_the_same_keys()
    {
        var english = Keys("Strings.resx");
        var german = Keys("Strings.de.resx");

        Assert.Empty(english.Except(german));
        Assert.Empty(german.Except(english));
    }

    [Fact]
    public void Every_text_property_has_a_resource_and_reads_differently_in_german()
    {
        var properties = typeof(Texts).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(string)).ToList();

        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var en = BotLanguage.In(BotLanguage.English, () => (string?)property.GetValue(null));
            var de = BotLanguage.In(BotLanguage.German, () => (string?)property.GetValue(null));
            Assert.False(string.IsNullOrWhiteSpace(en), property.Name);
            Assert.NotEqual(en, de);
        }
    }

    [Fact]
    public void Unknown_command_text_quotes_the_input_in_each_language()
    {
        Assert.Equal("Sorry, I don't know \"xyz\". Type **help** to see what I can do.", BotLanguage.In(BotLanguage.English, () => Texts.FormatUnknownCommand("xyz")));
        Assert.Contains("„xyz“", BotLanguage.In(BotLanguage.German, () => Texts.FormatUnknownCommand("xyz")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 20, "en", "now")]
    [InlineData(1, 0, "en", "in 1 minute")]
    [InlineData(45, 0, "de", "in 45 Minuten")]
    [InlineData(59, 40, "de", "in 1 Stunde")]
    [InlineData(118, 0, "de", "in 2 Stunden")]
    [InlineData(118, 0, "en", "in 2 hours")]
    [InlineData(-180, 0, "de", "vor 3 Stunden")]
    [InlineData(-1, 0, "en", "1 minute ago")]
    [InlineData(24 * 60 + 90, 0, "de", "in 1 Tag")]
    [InlineData(3 * 24 * 60, 0, "en", "in 3 days")]
    [InlineData(-2 * 24 * 60, 0, "de", "vor 2 Tagen")]
    public void Relative_times_use_the_largest_unit_that_reads_naturally(int minutes, int seconds, string language, string expected)
    {
        var now = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
        using var scope = BotLanguage.Use(language == "de" ? BotLanguage.German : BotLanguage.English);

        Assert.Equal(expected, RelativeTime.Describe(now + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds), now));
    }

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("de-CH", "de")]
    [InlineData("en-US", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("fr-FR", "en")]
    public void Activity_locale_picks_german_or_english(string locale, string expected)
    {
        var culture = BotLanguage.From(new Activity { Locale = locale });

        Assert.Equal(expected, culture.TwoLetterISOLanguageName);
    }

    [Fact]
    public void Without_an_activity_locale_the_client_info_locale_then_the_default_decide()
    {
        var withClientInfo = new Activity { Entities = [Entity.From(new { type = "clientInfo", locale = "de-DE" })] };

        Assert.Equal("de", BotLanguage.From(withClientInfo).TwoLetterISOLanguageName);
        Assert.Equal("de", BotLanguage.From(new Activity(), defaultLanguage: "de").TwoLetterISOLanguageName);
        Assert.Equal("en", BotLanguage.From(new Activity()).TwoLetterISOLanguageName);
    }

    private static HashSet<string> Keys(string file) =>
        [.. XDocument.Load(Path.Combine(ResourceFolder, file)).Root!.Elements("data").Select(e => e.Attribute("name")!.Value)];

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}

using Bot.Chat;

namespace Bot.Tests;

public sealed class ChatCommandParserTests
{
    [Theory]
    [InlineData("help")]
    [InlineData("hilfe")]
    [InlineData("Hilfe")]
    [InlineData("HELP")]
    [InlineData("  hilfe  ")]
    [InlineData("Hilfé!")]
    [InlineData("help?")]
    [InlineData("?")]
    [InlineData("")]
    [InlineData(null)]
    public void Help_in_either_language_any_case_or_accent_is_help(string? text)
    {
        Assert.IsType<HelpCommand>(ChatCommandParser.Parse(text));
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("helper")]
    [InlineData("hilfreich")]
    public void Anything_else_is_unknown_and_keeps_what_the_user_typed(string text)
    {
        var command = Assert.IsType<UnknownCommand>(ChatCommandParser.Parse(text));

        Assert.Equal(text, command.Input);
    }

    [Theory]
    [InlineData("Größe Übersicht", "große ubersicht")]
    [InlineData("Ä  Ö\tÜ", "a o u")]
    [InlineData("Café", "cafe")]
    public void Normalisation_drops_case_accents_and_extra_spaces_but_keeps_sharp_s(string text, string expected)
    {
        Assert.Equal(expected, ChatCommandParser.Normalize(text));
    }

    [Fact]
    public void Every_command_has_distinct_english_and_german_words()
    {
        var words = CommandCatalog.All.SelectMany(c => new[] { c.English, c.German }).ToList();

        Assert.Equal(words.Count, words.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}

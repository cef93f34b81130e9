using Bot.Localization;
using System.Globalization;
using System.Text;
using Bot.Protocol.Schema;

namespace Bot.Turns;

/// <summary>
/// Turns message text into a <see cref="ChatCommand"/>: English or German words, case and accents ignored, trailing
/// punctuation forgiven. An empty message (only a mention) or "?" asks for help.
/// </summary>
public static class ChatCommandParser
{
    /// <summary>An empty message (only a mention) or "?" asks for help.</summary>
    public const string HelpCommandId = "help";

    public static ChatCommand Parse(string? text, IReadOnlyList<Mention>? mentions = null) => Match(text, mentions).Command;

    /// <summary>
    /// The command and the definition it was built by. Without a definition the command is one the router answers
    /// itself (<see cref="UnknownCommand"/>, <see cref="MalformedCommand"/>, <see cref="UnknownPlatformCommand"/>).
    /// </summary>
    public static (CommandDefinition? Definition, ChatCommand Command) Match(string? text, IReadOnlyList<Mention>? mentions = null)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var words = Normalize(trimmed).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words is ["?"])
        {
            var help = CommandCatalog.All.Single(command => command.Id == HelpCommandId);
            return (help, help.Create(new CommandArguments(string.Empty, []))!);
        }

        var match = Phrases.FirstOrDefault(candidate => StartsWith(words, candidate.Phrase));
        if (match.Command is null)
        {
            return (null, new UnknownCommand(trimmed));
        }

        var originalWords = trimmed.Split((char[]?)null, match.Phrase.Length + 1, StringSplitOptions.RemoveEmptyEntries);
        var rest = originalWords.Length > match.Phrase.Length ? originalWords[^1] : string.Empty;
        var arguments = new CommandArguments(rest, mentions ?? []);
        return match.Command.Create(arguments) switch
        {
            null => (null, new MalformedCommand(match.Command)),
            ImpossibleArguments impossible => (null, new MalformedCommand(match.Command, impossible.Reason)),
            UnknownPlatformCommand unknownPlatform => (null, unknownPlatform),
            var command => (match.Command, command),
        };
    }

    /// <summary>
    /// Every command phrase, folded, longest first (so "my channels" wins over "my"), in catalog order among equals.
    /// Folded once: folding every phrase of every command for each message was 8 % of a help turn's CPU (perf).
    /// </summary>
    private static readonly (CommandDefinition Command, string[] Phrase)[] Phrases =
        [.. CommandCatalog.All
            .SelectMany(command => command.AllWords.Select(phrase => (command, Normalize(phrase).Split(' '))))
            .OrderByDescending(candidate => candidate.Item2.Length)];

    /// <summary>
    /// The command word closest to a mistyped one ("hlife" → "hilfe"), if it is within two edits; matched against the
    /// words of each command phrase, so "mein kanäle" finds "meine kanäle".
    /// </summary>
    public static string? SuggestCommand(string input)
    {
        var typed = Normalize(input).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (typed.Length == 0)
        {
            return null;
        }

        return CommandCatalog.All
            .SelectMany(command => command.AllWords)
            .Select(phrase => (phrase, words: Normalize(phrase).Split(' ')))
            .Where(candidate => typed.Length >= candidate.words.Length)
            .Select(candidate => (candidate.phrase, distance: candidate.words.Select((word, i) => EditDistance(word, typed[i])).Sum()))
            .Where(candidate => candidate.distance is > 0 and <= 2)
            .OrderBy(candidate => candidate.distance)
            .Select(candidate => candidate.phrase)
            .FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static bool StartsWith(string[] words, string[] phrase)
    {
        if (words.Length < phrase.Length)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            // "help?" and "hilfe!" are still the command; punctuation only matters inside arguments.
            var word = i == phrase.Length - 1 ? words[i].TrimEnd('!', '.', '?', ':') : words[i];
            if (word != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower case, no diacritics ("Hilfé" = "hilfe"), single spaces; see <see cref="TextFolding.Fold"/>.</summary>
    internal static string Normalize(string text) => TextFolding.Fold(text);
}

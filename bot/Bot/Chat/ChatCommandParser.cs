using System.Globalization;
using System.Text;

namespace Bot.Chat;

/// <summary>
/// Turns message text into a <see cref="ChatCommand"/>: English or German words, case and accents ignored, trailing
/// punctuation forgiven. An empty message (only a mention) or "?" asks for help.
/// </summary>
public static class ChatCommandParser
{
    public static ChatCommand Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var normalized = Normalize(trimmed);
        if (normalized.Length == 0 || normalized == "?")
        {
            return new HelpCommand();
        }

        var firstWord = normalized.Split(' ', 2)[0].TrimEnd('!', '.', '?', ':');
        var arguments = trimmed.Contains(' ', StringComparison.Ordinal) ? trimmed[(trimmed.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim() : string.Empty;
        foreach (var command in CommandCatalog.All)
        {
            if (firstWord == Normalize(command.English) || firstWord == Normalize(command.German))
            {
                return command.Create(arguments);
            }
        }

        return new UnknownCommand(trimmed);
    }

    /// <summary>Lower case, no diacritics ("Hilfé" = "hilfe"), single spaces; ß is kept, as users type it either way.</summary>
    internal static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(character))
            {
                if (!lastWasSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(char.ToLowerInvariant(character));
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }
}
